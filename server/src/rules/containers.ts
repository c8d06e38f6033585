/**
 * containers, initContainers and ephemeralContainers: names, image, ports, env, envFrom, resources,
 * volumeMounts, volumeDevices (validateContainers, validateInitContainers,
 * validateEphemeralContainers and what they call, in pkg/apis/core/validation/validation.go).
 *
 * The server validates the defaulted Pod, so the defaults these rules depend on are applied here:
 * protocol TCP, fieldRef apiVersion v1, hostPort = containerPort with hostNetwork
 * (defaultHostNetworkPorts), requests = limits where only a limit is set (SetDefaults_Pod).
 * Probes, lifecycle, the container restartPolicy and securityContext are in probesSecurity.ts;
 * enum values (protocol, imagePullPolicy, terminationMessagePolicy, mountPropagation,
 * recursiveReadOnly) are reported by the schema check.
 */
import type { JsonValue } from '../yaml/decode';
import { arr, atLeast, num, obj, Obj, Rule, RuleContext, str } from './context';
import { at, duplicate, FieldError, forbidden, GoValue, invalid, notFound, notSupported, required } from './errors';
import { FieldPath } from './fieldPath';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isRelaxedEnvVarName, isValidPortName, isValidPortNum } from './names';
import { volumesRules } from './volumes';
import { containerPath, ContainerKind, ContainerMemo } from './memo';
import { cmpQuantity, goQuantityText, intValue, isNegative, isZero, milliValue, parseQuantity, Quantity, quantityString } from './containers-quantity';

type Volumes = Map<string, Obj>;

/** What the container checks need of the rest of the spec, besides the version. */
interface ContainerContext extends RuleContext {
  restartPolicy: string;
  claimNames: Set<string>;
}

/** What validateContainerCommon reads outside the container, and that as a memo key. */
interface CommonContext extends ContainerContext {
  volumes: Volumes;
  hostNetwork: boolean;
  key: string;
}

function commonContext(ctx: ContainerContext, volumes: Volumes, hostNetwork: boolean): CommonContext {
  // Of a volume, a mount or device reads its name and whether it is a PVC or an ephemeral volume.
  const vols = [...volumes].map(([name, vol]) => [name, obj(vol.persistentVolumeClaim) !== undefined, obj(vol.ephemeral) !== undefined]);
  const key = JSON.stringify([ctx.version, ctx.restartPolicy, [...ctx.claimNames].sort(), hostNetwork, vols]);
  return { ...ctx, volumes, hostNetwork, key };
}

/** validateContainerCommon per container object: most containers are unchanged from one edit to the next. */
const commonMemo = new ContainerMemo<CommonContext>((ctr, path, ctx) => validateContainerCommon(ctr, ctx.volumes, ctx.hostNetwork, path, ctx));
const validateCommon = (ctr: Obj, path: FieldPath, ctx: CommonContext) => commonMemo.run(ctr, path, ctx, ctx.key);

export const containersRules: Rule = (pod, ctx) => {
  const spec = obj(pod.spec);
  if (!spec) return [];
  const specPath = FieldPath.root('spec');
  const volumes = validVolumes(pod, spec, ctx);
  const hostNetwork = spec.hostNetwork === true;
  const errs: FieldError[] = [];
  const podCtx: ContainerContext = {
    ...ctx,
    restartPolicy: str(spec.restartPolicy) || 'Always',
    claimNames: new Set(arr(spec.resourceClaims).map((c) => s(obj(c)?.name)).filter((n) => n !== '')),
  };
  const regularCtx = commonContext(podCtx, volumes, hostNetwork);
  const containers = spec.containers;
  const initContainers = arr(spec.initContainers);
  errs.push(...validateContainers(containers, hostNetwork, specPath.child('containers'), regularCtx));
  errs.push(...validateInitContainers(initContainers, arr(containers), hostNetwork, specPath.child('initContainers'), regularCtx));
  // An ephemeral container's ports are not checked against hostNetwork (and may not be set).
  errs.push(...validateEphemeralContainers(spec, specPath.child('ephemeralContainers'), commonContext(podCtx, volumes, false)));
  // validatePodMetadataAndSpec: validateContainersOnlyForPod.
  errs.push(...validateContainersOnlyForPod(arr(containers), 'containers'));
  errs.push(...validateContainersOnlyForPod(initContainers, 'initContainers'));
  errs.push(...validateHostNetwork(hostNetwork, arr(containers), specPath.child('containers'), podCtx));
  errs.push(...validateFileKeyRefVolumes(spec, podCtx));
  return errs;
};

/**
 * ValidateVolumes' map of volumes: only the volumes that passed their own validation (a mount of an
 * invalid volume is `Not found`), so this asks the volume rules which ones did.
 */
function validVolumes(pod: Obj, spec: Obj, ctx: RuleContext): Volumes {
  const bad = new Set<number>();
  for (const e of volumesRules(pod, ctx)) {
    const s = e.path.segments;
    if (e.severity !== 'error' || s[0] !== 'spec' || s[1] !== 'volumes' || typeof s[2] !== 'number') continue;
    // Not among the errors that keep a volume out of the map: validatePodMetadataAndSpec's
    // serviceAccountToken check, and ValidateVolumes' own check of a claim an ephemeral volume makes.
    if (e.detail === 'must not be specified when serviceAccountName is not set') continue;
    if (e.detail === 'must not reference a PVC that gets created for an ephemeral volume') continue;
    bad.add(s[2]);
  }
  const map: Volumes = new Map();
  arr(spec.volumes).forEach((v, i) => {
    const vol = obj(v);
    const name = str(vol?.name);
    if (!vol || !name || bad.has(i) || map.has(name) || isDNS1123Label(name).length) return;
    map.set(name, vol);
  });
  return map;
}

/** The value a field has once decoded into Go: a missing or null string is "". */
const s = (v: JsonValue | undefined) => str(v) ?? '';

/** validateContainers (1.20–1.24) / validateContainers + validateContainerCommon (1.25+): the regular containers. */
function validateContainers(list: JsonValue | undefined, hostNetwork: boolean, path: FieldPath, ctx: CommonContext): FieldError[] {
  const containers = arr(list);
  // An empty list (a missing one is the schema's `required`).
  if (containers.length === 0) return Array.isArray(list) ? [required(path)] : [];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const ctr = obj(c);
    if (!ctr) return;
    const idx = containerPath('containers', i);
    errs.push(...validateCommon(ctr, idx, ctx));
    const name = s(ctr.name);
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else names.add(name);
  });
  errs.push(...checkHostPortConflicts(containers, hostNetwork, path));
  return errs;
}

/** validateInitContainers: names unique across regular and init containers, host ports per init container. */
function validateInitContainers(list: JsonValue[], regular: JsonValue[], hostNetwork: boolean, path: FieldPath, ctx: CommonContext): FieldError[] {
  const errs: FieldError[] = [];
  // Before 1.25 validateContainers(init, …) ran its own duplicate check within the init containers,
  // so a name repeated among them was reported twice.
  const doubled = !atLeast(ctx, '1.25');
  const own = new Set<string>();
  const all = new Set<string>(regular.map((c) => s(obj(c)?.name)));
  list.forEach((c, i) => {
    const ctr = obj(c);
    if (!ctr) return;
    const idx = containerPath('initContainers', i);
    errs.push(...validateCommon(ctr, idx, ctx));
    const name = s(ctr.name);
    if (doubled) {
      if (own.has(name)) errs.push(duplicate(idx.child('name'), name));
      else own.add(name);
    }
    if (all.has(name)) errs.push(duplicate(idx.child('name'), name));
    if (name.length > 0) all.add(name);
    // Checked as a one-item list: the path names `initContainers[0]` whichever it is.
    errs.push(...checkHostPortConflicts([c], hostNetwork, path, i));
  });
  return errs;
}

/** EphemeralContainerCommon fields in struct order, and whether an ephemeral container may set them (allowedEphemeralContainerFields). */
const EPHEMERAL_FIELDS: [string, boolean, 'list' | 'ptr' | 'struct'][] = [
  ['ports', false, 'list'],
  ['resources', false, 'struct'],
  ['resizePolicy', false, 'list'],
  ['restartPolicy', false, 'ptr'],
  ['restartPolicyRules', false, 'list'],
  ['livenessProbe', false, 'ptr'],
  ['readinessProbe', false, 'ptr'],
  ['startupProbe', false, 'ptr'],
  ['lifecycle', false, 'ptr'],
];

/**
 * validateEphemeralContainers, from 1.23 (in 1.20 the EphemeralContainers gate is off and
 * dropDisabledFields drops them unvalidated), with ValidatePodCreate's `cannot be set on create`.
 */
function validateEphemeralContainers(spec: Obj, path: FieldPath, ctx: CommonContext): FieldError[] {
  const list = arr(spec.ephemeralContainers);
  if (!atLeast(ctx, '1.23') || list.length === 0) return [];
  const errs: FieldError[] = [forbidden(path, 'cannot be set on create')];
  const other = new Set<string>([...arr(spec.containers), ...arr(spec.initContainers)].map((c) => s(obj(c)?.name)));
  const all = new Set(other);
  const common = atLeast(ctx, '1.25');
  list.forEach((c, i) => {
    const ec = obj(c);
    if (!ec) return;
    const idx = containerPath('ephemeralContainers', i);
    const name = s(ec.name);
    const target = s(ec.targetContainerName);
    if (common) {
      errs.push(...validateCommon(ec, idx, ctx));
      errs.push(...validateContainerOnlyForPod(ec, idx));
    } else {
      // 1.23–1.24: the target is looked up among all names so far; a nameless one stops here; the
      // container is checked as a one-item list, hence the `[0]` in its paths.
      if (target !== '' && !all.has(target)) errs.push(notFound(idx.child('targetContainerName'), target));
      if (name === '') {
        errs.push({ ...required(idx, 'ephemeralContainer requires a name'), target: 'key' });
        return;
      }
      errs.push(...validateCommon(ec, idx.index(0), ctx));
      errs.push(...validateContainerOnlyForPod(ec, idx.index(0)));
    }
    if (all.has(name)) errs.push(duplicate(idx.child('name'), name));
    else all.add(name);
    if (common && target !== '' && !other.has(target)) errs.push(notFound(idx.child('targetContainerName'), target));
    for (const [field, allowed, kind] of EPHEMERAL_FIELDS) {
      if (!allowed && isSet(ec[field], kind)) errs.push(forbidden(idx.child(field), 'cannot be set for an Ephemeral Container'));
    }
    arr(ec.volumeMounts).forEach((m, j) => {
      const vm = obj(m);
      const mp = idx.child('volumeMounts').index(j);
      if (s(vm?.subPath) !== '') errs.push(forbidden(mp.child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (s(vm?.subPathExpr) !== '') errs.push(forbidden(mp.child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

/** Whether a field differs from its Go zero value (validateFieldAllowList's reflect.DeepEqual). */
function isSet(v: JsonValue | undefined, kind: 'list' | 'ptr' | 'struct'): boolean {
  if (v === undefined || v === null) return false;
  if (kind === 'struct') {
    const o = obj(v);
    return !!o && Object.values(o).some((x) => x !== null && x !== undefined);
  }
  return kind === 'list' ? Array.isArray(v) : true;
}

/**
 * What every container kind gets: validateContainers' loop body before 1.25, validateContainerCommon
 * after — name, image, ports, env, envFrom, volumeMounts, volumeDevices, resources.
 */
function validateContainerCommon(ctr: Obj, volumes: Volumes, hostNetwork: boolean, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const namePath = path.child('name');
  const name = s(ctr.name);
  if (name.length === 0) errs.push(required(namePath));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(namePath, name, msg));
  if (s(ctr.image).length === 0) errs.push(required(path.child('image')));
  errs.push(...validateContainerPorts(arr(ctr.ports), hostNetwork, path.child('ports'), ctx));
  errs.push(...validateEnv(arr(ctr.env), path.child('env'), ctx));
  errs.push(...validateEnvFrom(arr(ctr.envFrom), path.child('envFrom'), ctx));
  const mounts = arr(ctr.volumeMounts).map((m) => obj(m) ?? {});
  const devices = arr(ctr.volumeDevices).map((d) => obj(d) ?? {});
  errs.push(...validateVolumeMounts(mounts, devices, volumes, ctr, path.child('volumeMounts'), ctx));
  errs.push(...validateVolumeDevices(devices, mounts, volumes, path.child('volumeDevices'), ctx));
  errs.push(...validateResourceRequirements(obj(ctr.resources), path.child('resources'), ctx));
  errs.push(...validateResizePolicy(arr(ctr.resizePolicy), path.child('resizePolicy'), ctx));
  return errs;
}

/**
 * validateResizePolicy, from 1.33 (InPlacePodVerticalScaling beta, on; dropped before): one entry
 * per resource, and NotRequired when the Pod's restartPolicy is Never. Bad values are the schema's.
 */
function validateResizePolicy(list: JsonValue[], path: FieldPath, ctx: ContainerContext): FieldError[] {
  if (!atLeast(ctx, '1.33')) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  list.forEach((p, i) => {
    const o = obj(p);
    if (!o) return;
    const resourceName = s(o.resourceName);
    if (seen.has(resourceName)) errs.push(at(duplicate(path.index(i), resourceName), path.index(i).child('resourceName')));
    seen.add(resourceName);
    const policy = s(o.restartPolicy);
    if (ctx.restartPolicy === 'Never' && policy !== 'NotRequired') {
      errs.push(at(invalid(path, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"), path.index(i).child('restartPolicy')));
    }
  });
  return errs;
}

/** validateContainersOnlyForPod / validateContainerOnlyForPod: no spaces around the image. */
function validateContainersOnlyForPod(list: JsonValue[], kind: ContainerKind): FieldError[] {
  return list.flatMap((c, i) => (obj(c) ? validateContainerOnlyForPod(obj(c)!, containerPath(kind, i)) : []));
}

function validateContainerOnlyForPod(ctr: Obj, path: FieldPath): FieldError[] {
  const image = s(ctr.image);
  // strings.TrimSpace: Unicode white space.
  return image.length !== image.trim().length ? [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}

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
  return { name: s(o.name), containerPort, hostPort, protocol: s(o.protocol) || 'TCP', hostIP: s(o.hostIP) };
}

/** validateContainerPorts. */
function validateContainerPorts(ports: JsonValue[], hostNetwork: boolean, path: FieldPath, ctx: ContainerContext): FieldError[] {
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
      // A defaulted hostPort is not in the document: the error shows on the containerPort.
      const written = num(obj(p)?.hostPort) ? idx.child('hostPort') : idx.child('containerPort');
      for (const msg of isValidPortNum(port.hostPort)) errs.push(at(invalid(idx.child('hostPort'), port.hostPort, msg), written));
    }
  });
  return errs;
}

/**
 * checkHostPortConflicts / AccumulateUniqueHostPorts: protocol/hostIP/hostPort unique. `single` is
 * the index of an init container checked on its own (its paths then say `[0]`).
 */
function checkHostPortConflicts(containers: JsonValue[], hostNetwork: boolean, path: FieldPath, single?: number): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    arr(obj(c)?.ports).forEach((p, pi) => {
      const port = portOf(p, hostNetwork);
      if (!port || port.hostPort === 0) return;
      const key = `${port.protocol}/${port.hostIP}/${port.hostPort}`;
      const portPath = path.index(ci).child('ports').index(pi);
      const written = (single === undefined ? portPath : path.index(single).child('ports').index(pi)).child(num(obj(p)?.hostPort) ? 'hostPort' : 'containerPort');
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
function validateHostNetwork(hostNetwork: boolean, containers: JsonValue[], path: FieldPath, ctx: ContainerContext): FieldError[] {
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

/** Env var names: IsEnvVarName, or IsRelaxedEnvVarName from 1.32 (RelaxedEnvironmentVariableValidation beta, on). */
const envVarNameErrors = (name: string, ctx: ContainerContext) => (atLeast(ctx, '1.32') ? isRelaxedEnvVarName(name) : isEnvVarName(name));

/** ValidateEnv. */
function validateEnv(vars: JsonValue[], path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  vars.forEach((v, i) => {
    const ev = obj(v);
    if (!ev) return;
    const idx = path.index(i);
    const name = s(ev.name);
    if (name.length === 0) errs.push(required(idx.child('name')));
    else for (const msg of envVarNameErrors(name, ctx)) errs.push(invalid(idx.child('name'), name, msg));
    errs.push(...validateEnvVarValueFrom(ev, idx.child('valueFrom'), ctx));
  });
  return errs;
}

/** validEnvDownwardAPIFieldPathExpressions, sorted as sets.List prints it; status.hostIPs from 1.28. */
function envFieldPaths(ctx: ContainerContext): string[] {
  const paths = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.podIP', 'status.podIPs'];
  if (atLeast(ctx, '1.28')) paths.splice(6, 0, 'status.hostIPs');
  return paths;
}

const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

/** validateEnvVarValueFrom: exactly one source, and not together with `value`. */
function validateEnvVarValueFrom(ev: Obj, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const from = obj(ev.valueFrom);
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  const fieldRef = obj(from.fieldRef);
  if (fieldRef) {
    sources++;
    errs.push(...validateObjectFieldSelector(fieldRef, envFieldPaths(ctx), path.child('fieldRef'), ctx));
  }
  const resourceFieldRef = obj(from.resourceFieldRef);
  if (resourceFieldRef) {
    sources++;
    // requests.hugepages-*/limits.hugepages-*: DownwardAPIHugePages, off in 1.20, on from 1.22.
    const prefixes = atLeast(ctx, '1.22') ? ['limits.hugepages-', 'requests.hugepages-'] : [];
    errs.push(...validateContainerResourceFieldSelector(resourceFieldRef, RESOURCE_FIELD_PATHS, prefixes, path.child('resourceFieldRef')));
  }
  for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
    const ref = obj(from[kind]);
    if (!ref) continue;
    sources++;
    errs.push(...validateKeySelector(ref, path.child(kind)));
  }
  // fileKeyRef: EnvFiles, alpha (dropped) in 1.34, beta (on) from 1.35.
  const envFiles = atLeast(ctx, '1.35');
  const fileKeyRef = obj(from.fileKeyRef);
  if (fileKeyRef) {
    // Before 1.35 the server drops it and then finds no source; the schema check (or the gate)
    // already says the field is not available, so it counts here to say it once.
    sources++;
    if (envFiles) errs.push(...validateFileKeySelector(fileKeyRef, path.child('fileKeyRef')));
  }
  if (sources === 0) {
    const kinds = envFiles ? '`fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`' : '`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`';
    errs.push(invalid(path, '', `must specify one of: ${kinds}`));
  }
  else if (s(ev.value).length !== 0) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** validateFileKeySelector (1.35+): key an env var name, volumeName a DNS-1123 label, path without `..`. */
function validateFileKeySelector(ref: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const key = s(ref.key);
  if (key.length === 0) errs.push(required(path.child('key')));
  else for (const msg of isRelaxedEnvVarName(key)) errs.push(invalid(path.child('key'), key, msg));
  const volumeName = s(ref.volumeName);
  if (volumeName.length === 0) errs.push(required(path.child('volumeName')));
  else for (const msg of isDNS1123Label(volumeName)) errs.push(invalid(path.child('volumeName'), volumeName, msg));
  const file = s(ref.path);
  if (file.length === 0) errs.push(required(path.child('path')));
  else if (file.split('/').includes('..')) errs.push(invalid(path.child('path'), file, "must not contain '..'"));
  return errs;
}

/**
 * validateFileKeyRefVolumes (1.35+, end of ValidatePodSpec): the volume of a fileKeyRef is a
 * declared emptyDir volume (looked up among all declared volumes, valid or not).
 */
function validateFileKeyRefVolumes(spec: Obj, ctx: ContainerContext): FieldError[] {
  if (!atLeast(ctx, '1.35')) return [];
  const volumes = new Map<string, Obj>();
  for (const v of arr(spec.volumes)) {
    const vol = obj(v);
    if (vol) volumes.set(s(vol.name), vol);
  }
  const errs: FieldError[] = [];
  // podshelper.VisitContainersWithPath: init containers, containers, ephemeral containers.
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[kind]).forEach((c, i) => {
      arr(obj(c)?.env).forEach((e, j) => {
        const ref = obj(obj(obj(e)?.valueFrom)?.fileKeyRef);
        if (!ref) return;
        const name = s(ref.volumeName);
        const p = FieldPath.root('spec').child(kind).index(i).child('env').index(j).child('valueFrom').child('fileKeyRef').child('volumeName');
        const vol = volumes.get(name);
        if (!vol) errs.push(notFound(p, name));
        else if (!obj(vol.emptyDir)) errs.push(invalid(p, name, 'referenced volume must be of type emptyDir'));
      });
    });
  }
  return errs;
}

/** pods.ConvertDownwardAPIFieldLabel's labels (status.hostIPs from 1.28). */
function convertibleFieldLabel(label: string, ctx: ContainerContext): boolean {
  const labels = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.podIP', 'status.podIPs', 'spec.host'];
  if (atLeast(ctx, '1.28')) labels.push('status.hostIPs');
  return labels.includes(label);
}

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → path and subscript. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const body = fieldPath.slice(0, -2);
  const at = body.indexOf("['");
  if (at <= 0) return undefined;
  return [body.slice(0, at), body.slice(at + 2)];
}

/** validateObjectFieldSelector (+ validateDownwardAPIHostIPs in 1.28, when the PodHostIPs gate was alpha). */
export function validateObjectFieldSelector(fs: Obj, expressions: string[], path: FieldPath, ctx: ContainerContext): FieldError[] {
  const apiVersion = s(fs.apiVersion) || 'v1'; // SetDefaults_ObjectFieldSelector
  const fieldPath = s(fs.fieldPath);
  if (fieldPath.length === 0) return [required(path.child('fieldPath'))];
  // ConvertDownwardAPIFieldLabel
  let error: string | undefined;
  const sub = splitSubscript(fieldPath);
  if (apiVersion !== 'v1') error = `unsupported pod version: ${apiVersion}`;
  else if (sub) {
    if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') error = `field label does not support subscript: ${fieldPath}`;
  } else if (!convertibleFieldLabel(fieldPath, ctx)) error = `field label not supported: ${fieldPath}`;
  if (error) return [invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${error}`)];
  const errs: FieldError[] = [];
  if (sub) {
    const [p, subscript] = sub;
    const key = p === 'metadata.annotations' ? subscript.toLowerCase() : subscript;
    for (const msg of isQualifiedName(key)) errs.push(at(invalid(path, subscript, msg), path.child('fieldPath')));
    return errs;
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!expressions.includes(internal)) return [notSupported(path.child('fieldPath'), internal, expressions)];
  if (atLeast(ctx, '1.28') && !atLeast(ctx, '1.29') && internal === 'status.hostIPs') {
    errs.push(forbidden(path, "may not be set when feature gate 'PodHostIPs' is not enabled"));
  }
  return errs;
}

/** validateContainerResourceFieldSelector (for env: no containerName needed). */
function validateContainerResourceFieldSelector(fs: Obj, expressions: string[], prefixes: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const resource = s(fs.resource);
  if (resource.length === 0) errs.push(required(path.child('resource')));
  else if (!expressions.includes(resource) && !prefixes.some((p) => resource.startsWith(p))) {
    errs.push(notSupported(path.child('resource'), resource, expressions));
  }
  errs.push(...validateContainerResourceDivisor(resource, fs.divisor, path));
  return errs;
}

const DIVISORS_BYTES = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** validateContainerResourceDivisor. */
function validateContainerResourceDivisor(resource: string, divisor: JsonValue | undefined, path: FieldPath): FieldError[] {
  const q = parseQuantity(divisor);
  if (!q || isZero(q)) return [];
  const text = quantityString(q);
  const p = path.child('divisor');
  const errs: FieldError[] = [];
  const bytes = 'are supported with the';
  switch (resource) {
    case 'limits.cpu':
    case 'requests.cpu':
      if (!['1m', '1'].includes(text)) errs.push(invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
      break;
    case 'limits.memory':
    case 'requests.memory':
      if (!DIVISORS_BYTES.includes(text)) errs.push(invalid(p, resource, `only divisor's values ${DIVISORS_BYTES.join(', ')} ${bytes} memory resource`));
      break;
    case 'limits.ephemeral-storage':
    case 'requests.ephemeral-storage':
      if (!DIVISORS_BYTES.includes(text)) errs.push(invalid(p, resource, `only divisor's values ${DIVISORS_BYTES.join(', ')} ${bytes} local ephemeral storage resource`));
      break;
  }
  if ((resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) && !DIVISORS_BYTES.includes(text)) {
    errs.push(invalid(p, resource, `only divisor's values ${DIVISORS_BYTES.join(', ')} ${bytes} hugepages resource`));
  }
  return errs;
}

/** validateConfigMapKeySelector / validateSecretKeySelector: the name is checked even when empty. */
function validateKeySelector(ref: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = s(ref.name);
  for (const msg of isDNS1123Subdomain(name)) errs.push(invalid(path.child('name'), name, msg));
  const key = s(ref.key);
  if (key.length === 0) errs.push(required(path.child('key')));
  else for (const msg of isConfigMapKey(key)) errs.push(invalid(path.child('key'), key, msg));
  return errs;
}

/** apimachinery's NameIsDNSSubdomain(name, prefix=true): maskTrailingDash first. */
function dnsSubdomainPrefix(name: string): string[] {
  return isDNS1123Subdomain(name.endsWith('-') && name.length >= 2 ? name.slice(0, -2) + 'a' : name);
}

/** ValidateEnvFrom (+ validateConfigMapEnvSource / validateSecretEnvSource). */
function validateEnvFrom(vars: JsonValue[], path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  vars.forEach((v, i) => {
    const ev = obj(v);
    if (!ev) return;
    const idx = path.index(i);
    const prefix = s(ev.prefix);
    if (prefix.length > 0) for (const msg of envVarNameErrors(prefix, ctx)) errs.push(invalid(idx.child('prefix'), prefix, msg));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = obj(ev[kind]);
      if (!ref) continue;
      sources++;
      const name = s(ref.name);
      const p = idx.child(kind).child('name');
      if (name.length === 0) errs.push(required(p));
      else for (const msg of dnsSubdomainPrefix(name)) errs.push(invalid(p, name, msg));
    }
    // The path names the list, not the item.
    if (sources === 0) errs.push(at(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'), idx));
    else if (sources > 1) errs.push(at(invalid(path, '', 'may not have more than one field specified at a time'), idx));
  });
  return errs;
}

/** validateLocalDescendingPath: relative, no `..` element. */
function localDescendingPath(target: string): string[] {
  const msgs: string[] = [];
  if (target.startsWith('/')) msgs.push('must be a relative path');
  if (target.split('/').includes('..')) msgs.push("must not contain '..'");
  return msgs;
}

/** ValidateVolumeMounts (+ validateMountPropagation, validateMountRecursiveReadOnly from 1.31). */
function validateVolumeMounts(mounts: Obj[], devices: Obj[], volumes: Volumes, ctr: Obj, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const deviceNames = new Set(devices.map((d) => s(d.name)));
  const devicePaths = new Set(devices.map((d) => s(d.devicePath)));
  mounts.forEach((mnt, i) => {
    const idx = path.index(i);
    const name = s(mnt.name);
    const mountPath = s(mnt.mountPath);
    if (name.length === 0) errs.push(required(idx.child('name')));
    if (!volumes.has(name)) errs.push(notFound(idx.child('name'), name));
    if (mountPath.length === 0) errs.push(required(idx.child('mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (deviceNames.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    // These paths name `volumeMounts.subPath`, without the index.
    const subPath = s(mnt.subPath);
    const subPathExpr = s(mnt.subPathExpr);
    if (subPath.length > 0) for (const msg of localDescendingPath(subPath)) errs.push(at(invalid(path.child('subPath'), subPath, msg), idx.child('subPath')));
    if (subPathExpr.length > 0) {
      if (subPath.length > 0) errs.push(invalid(idx.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      for (const msg of localDescendingPath(subPathExpr)) errs.push(at(invalid(path.child('subPathExpr'), subPathExpr, msg), idx.child('subPathExpr')));
    }
    const propagation = str(mnt.mountPropagation);
    if (propagation === 'Bidirectional' && obj(ctr.securityContext)?.privileged !== true) {
      errs.push(at(forbidden(path.child('mountPropagation'), 'Bidirectional mount propagation is available only to privileged containers'), idx.child('mountPropagation')));
    }
    // RecursiveReadOnlyMounts: beta (on) from 1.31; dropped before.
    const rro = str(mnt.recursiveReadOnly);
    if (atLeast(ctx, '1.31') && (rro === 'Enabled' || rro === 'IfPossible')) {
      const rp = path.child('recursiveReadOnly');
      if (mnt.readOnly !== true) errs.push(at(forbidden(rp, 'may only be specified when readOnly is true'), idx.child('recursiveReadOnly')));
      if (propagation !== undefined && propagation !== 'None') {
        errs.push(at(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'), idx.child('recursiveReadOnly')));
      }
    }
  });
  return errs;
}

/** ValidateVolumeDevices: a PVC volume (or an ephemeral one from 1.23), unique names and paths. */
function validateVolumeDevices(devices: Obj[], mounts: Obj[], volumes: Volumes, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  const mountNames = new Set(mounts.map((m) => s(m.name)));
  const mountPaths = new Set(mounts.map((m) => s(m.mountPath)));
  const ephemeralOk = atLeast(ctx, '1.23');
  devices.forEach((dev, i) => {
    const idx = path.index(i);
    const name = s(dev.name);
    const devicePath = s(dev.devicePath);
    const vol = volumes.get(name);
    const isPVC = !!vol && (obj(vol.persistentVolumeClaim) !== undefined || (ephemeralOk && obj(vol.ephemeral) !== undefined));
    if (name.length === 0) errs.push(required(idx.child('name')));
    if (names.has(name)) errs.push(invalid(idx.child('name'), name, 'must be unique'));
    if (vol && !isPVC) {
      const kinds = ephemeralOk ? 'PersistentVolumeClaim or Ephemeral' : 'PersistentVolumeClaim';
      errs.push(invalid(idx.child('name'), name, `can only use volume source type of ${kinds} for block mode`));
    }
    if (!vol) errs.push(notFound(idx.child('name'), name));
    if (devicePath.length === 0) errs.push(required(idx.child('devicePath')));
    if (paths.has(devicePath)) errs.push(invalid(idx.child('devicePath'), devicePath, 'must be unique'));
    if (devicePath.length > 0 && devicePath.split('/').includes('..')) {
      errs.push(invalid(idx.child('devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else paths.add(devicePath);
    if (mountNames.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) errs.push(invalid(idx.child('devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name.length > 0) names.add(name);
  });
  return errs;
}

// ---------------------------------------------------------------- resources

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory',
  'limits.ephemeral-storage', 'pods', 'quota', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage',
  'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set(['pods', 'quota', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);

const isHugePage = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string) => !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
const isOvercommitAllowed = (name: string) => isNative(name) && !isHugePage(name);
const isInteger = (name: string) => INTEGER_RESOURCES.has(name) || isExtended(name);

/** validateResourceName + validateContainerResourceName. */
function containerResourceNameErrors(name: string): string[] {
  const msgs = isQualifiedName(name);
  if (msgs.length === 0 && !name.includes('/') && !(STANDARD_RESOURCES.has(name) || isHugePage(name) || name.startsWith('requests.hugepages-'))) {
    msgs.push('must be a standard resource type or fully qualified');
  }
  if (!name.includes('/')) {
    if (!(['cpu', 'memory', 'ephemeral-storage'].includes(name) || isHugePage(name))) msgs.push('must be a standard resource for containers');
  } else if (!isNative(name) && !isExtended(name)) msgs.push("doesn't follow extended resource name standard");
  return msgs;
}

/** ValidateResourceQuantityValue (+ validateResourceQuantityHugePageValue from 1.21). */
function quantityErrors(name: string, q: Quantity, written: JsonValue | undefined, path: FieldPath, ctx: ContainerContext): FieldError[] {
  const errs: FieldError[] = [];
  if (isNegative(q)) errs.push(invalid(path, quantityString(q), 'must be greater than or equal to 0'));
  // The server prints the Quantity struct here (%#v); where that holds a pointer, the canonical form.
  if (isInteger(name) && milliValue(q) % BigInt(1000) !== BigInt(0)) {
    const dump = goQuantityText(written);
    errs.push(invalid(path, dump ? new GoValue(dump) : quantityString(q), 'must be an integer'));
  }
  if (atLeast(ctx, '1.21') && isHugePage(name) && !hugePageDivisible(name, q)) {
    errs.push(invalid(path, quantityString(q), `${quantityString(q)} is not positive integer multiple of ${name}`));
  }
  return errs;
}

/** helper.IsHugePageResourceValueDivisible. */
function hugePageDivisible(name: string, q: Quantity): boolean {
  const size = parseQuantity(name.slice('hugepages-'.length));
  if (!size || size.n <= BigInt(0) || milliValue(size) % BigInt(1000) !== BigInt(0)) return false;
  return intValue(q) % intValue(size) === BigInt(0);
}

/** ValidateResourceRequirements (1.20–1.31) / validateResourceRequirements (1.32+), over the defaulted requests. */
function validateResourceRequirements(res: Obj | undefined, path: FieldPath, ctx: ContainerContext): FieldError[] {
  if (!res) return [];
  const errs: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limitsObj = obj(res.limits);
  const requestsObj = obj(res.requests) ?? {};
  const limits = new Map<string, Quantity>();
  const requests = new Map<string, [Quantity, boolean]>();
  for (const [k, v] of Object.entries(limitsObj ?? {})) {
    const q = parseQuantity(v);
    if (q) limits.set(k, q);
  }
  for (const [k, v] of Object.entries(requestsObj)) {
    const q = parseQuantity(v);
    if (q) requests.set(k, [q, true]);
  }
  // SetDefaults_Pod: a limit without a request is also the request.
  if (limitsObj) for (const [k, q] of limits) if (!(k in requestsObj)) requests.set(k, [q, false]);
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const p = limPath.key(name);
    for (const msg of containerResourceNameErrors(name)) errs.push(at(invalid(p, name, msg), p, 'key'));
    errs.push(...quantityErrors(name, q, limitsObj?.[name], p, ctx));
    if (isHugePage(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  const withLimit = atLeast(ctx, '1.27');
  for (const [name, [q, written]] of requests) {
    const p = reqPath.key(name);
    // A defaulted request is not in the document: its errors show on the limit.
    const where = written ? p : limPath.key(name);
    const place = (e: FieldError) => (written ? e : at(e, where));
    for (const msg of containerResourceNameErrors(name)) errs.push(at(invalid(p, name, msg), where, 'key'));
    errs.push(...quantityErrors(name, q, written ? requestsObj[name] : limitsObj?.[name], p, ctx).map(place));
    const limit = limits.get(name);
    if (limit) {
      const c = cmpQuantity(q, limit);
      const of = withLimit ? ` of ${quantityString(limit)}` : '';
      if (c !== 0 && !isOvercommitAllowed(name)) errs.push(at(invalid(reqPath, quantityString(q), `must be equal to ${name} limit${of}`), where));
      else if (c > 0) errs.push(at(invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit${of}`), where));
    } else if (!isOvercommitAllowed(name)) {
      errs.push(at(required(limPath, 'Limit must be set for non overcommitable resources'), p, 'key'));
    }
    if (isHugePage(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(arr(res.claims), path.child('claims'), ctx));
  return errs;
}

/**
 * validateResourceClaimNames, from 1.34 (DynamicResourceAllocation GA; the field is dropped while
 * the gate is off by default): each claim names one of spec.resourceClaims, once.
 */
function validateResourceClaimNames(claims: JsonValue[], path: FieldPath, ctx: ContainerContext): FieldError[] {
  if (!atLeast(ctx, '1.34')) return [];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const podNames = [...ctx.claimNames].sort();
  claims.forEach((c, i) => {
    const claim = obj(c);
    if (!claim) return;
    const p = path.index(i);
    const name = s(claim.name);
    const request = s(claim.request);
    const here = (e: FieldError) => at(e, p.child('name'));
    if (name === '') {
      errs.push(here(required(p)));
      return;
    }
    if (names.has(name)) errs.push(here(duplicate(p, name)));
    else {
      let key = name;
      if (request !== '') {
        for (const msg of isDNS1123Label(request)) errs.push(invalid(p.child('request'), request, msg));
        key += '/' + request;
      }
      if (names.has(key)) errs.push(here(duplicate(p, key)));
      else if (request === '') {
        for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === name) errs.push(here(duplicate(p, name)));
      }
      names.add(key);
    }
    if (!ctx.claimNames.has(name)) {
      const detail = `must be one of the names in pod.spec.resourceClaims${podNames.length ? `: ${podNames.join(', ')}` : ' which is empty'}`;
      errs.push(here({ ...notFound(p, name), detail }));
    }
  });
  return errs;
}
