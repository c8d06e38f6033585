/**
 * Container ports as the server sees them — protocol defaulted to TCP, hostPort = containerPort
 * with hostNetwork (defaultHostNetworkPorts): validateContainerPorts, checkHostPortConflicts
 * (AccumulateUniqueHostPorts) and validateHostNetwork / validatePodHostNetworkDeps, in
 * pkg/apis/core/validation/validation.go.
 */
import type { JsonValue } from '../yaml/decode';
import { arr, atLeast, goStr, num, obj, RuleContext } from './context';
import { at, duplicate, FieldError, invalid, required } from './errors';
import type { FieldPath } from '../path/fieldPath';
import { isValidPortName, isValidPortNum } from './names';

interface Port {
  name: string;
  containerPort: number;
  hostPort: number;
  protocol: string;
  hostIP: string;
}

/** A port as the server sees it: defaulted protocol, hostPort = containerPort with hostNetwork. */
function portOf(p: JsonValue, hostNetwork: boolean): Port | undefined {
  const o = obj(p);
  if (!o) return undefined;
  const containerPort = num(o.containerPort) ?? 0;
  let hostPort = num(o.hostPort) ?? 0;
  if (hostNetwork && hostPort === 0) hostPort = containerPort;
  return { name: goStr(o.name), containerPort, hostPort, protocol: goStr(o.protocol) || 'TCP', hostIP: goStr(o.hostIP) };
}

/** Where a port's hostPort is written: a defaulted one is not in the document, so its containerPort. */
const hostPortWritten = (p: JsonValue, portPath: FieldPath) => portPath.child(num(obj(p)?.hostPort) ? 'hostPort' : 'containerPort');

/** validateContainerPorts. */
export function validateContainerPorts(ports: JsonValue[], hostNetwork: boolean, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const port = portOf(p, hostNetwork);
    if (!port) return;
    const idx = path.index(i);
    if (port.name.length > 0) {
      const msgs = isValidPortName(port.name, ctx.version);
      if (msgs.length) for (const msg of msgs) errs.push(invalid(idx.child('name'), port.name, msg));
      else if (names.has(port.name)) errs.push(duplicate(idx.child('name'), port.name));
      else names.add(port.name);
    }
    if (port.containerPort === 0) errs.push(required(idx.child('containerPort')));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(invalid(idx.child('containerPort'), port.containerPort, msg));
    if (port.hostPort !== 0) {
      const written = hostPortWritten(p, idx);
      for (const msg of isValidPortNum(port.hostPort)) errs.push(at(invalid(idx.child('hostPort'), port.hostPort, msg), written));
    }
  });
  return errs;
}

/**
 * checkHostPortConflicts / AccumulateUniqueHostPorts: protocol/hostIP/hostPort unique. `single` is
 * the index of an init container checked on its own (its paths then say `[0]`).
 */
export function checkHostPortConflicts(containers: JsonValue[], hostNetwork: boolean, path: FieldPath, single?: number): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    arr(obj(c)?.ports).forEach((p, pi) => {
      const port = portOf(p, hostNetwork);
      if (!port || port.hostPort === 0) return;
      const key = `${port.protocol}/${port.hostIP}/${port.hostPort}`;
      const portPath = path.index(ci).child('ports').index(pi);
      const written = hostPortWritten(p, single === undefined ? portPath : path.index(single).child('ports').index(pi));
      if (seen.has(key)) {
        const e = duplicate(portPath.child('hostPort'), key);
        errs.push(written.toString() === e.path.toString() ? e : at(e, written));
      } else seen.add(key);
    });
  });
  return errs;
}

/**
 * validateHostNetwork (1.20–1.27, in ValidatePodSecurityContext) / validatePodHostNetworkDeps
 * (1.28+): with hostNetwork a regular container's hostPort must equal its containerPort.
 */
export function validateHostNetwork(hostNetwork: boolean, containers: JsonValue[], path: FieldPath, ctx: RuleContext): FieldError[] {
  if (!hostNetwork) return [];
  const errs: FieldError[] = [];
  containers.forEach((c, i) => {
    arr(obj(c)?.ports).forEach((p, j) => {
      const port = portOf(p, true);
      if (!port || port.hostPort === port.containerPort) return;
      const idx = path.index(i).child('ports').index(j);
      if (atLeast(ctx, '1.28')) errs.push(invalid(idx.child('hostPort'), port.hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      else errs.push(invalid(idx.child('containerPort'), port.containerPort, 'must match `hostPort` when `hostNetwork` is true'));
    });
  });
  return errs;
}
