/**
 * what the server only warns about (pkg/api/pod/warnings.go: GetWarningsForPod).
 *
 * GetWarningsForPod exists from 1.22 (the API server's `Warning:` headers): in 1.20 there are none.
 * The AppArmor annotation warning is pkg/registry/core/pod/strategy.go applyAppArmorVersionSkew
 * (1.30+). Each warning is `<path>: <message>`, shown on the node its path names.
 */
import { arr, atLeast, eachObj, obj, Obj, Rule, RuleContext, str } from './context';
import { FieldError, warning } from './errors';
import { FieldPath } from '../path/fieldPath';
import { isValidLabelValue } from './names';
import type { JsonValue } from '../yaml/decode';
import { milliValue, parseQuantity, quantityString } from './quantity';
import { eachContainer } from './containerWalk';
import { ContainerMemo } from './memo';

const SPEC = FieldPath.root('spec');
const ANNOTATIONS = FieldPath.root('metadata').child('annotations');

export const warningsRules: Rule = (pod, ctx) => {
  if (!atLeast(ctx, '1.22')) return [];
  const spec = obj(pod.spec) ?? {};
  const meta = obj(pod.metadata) ?? {};
  return [
    ...deprecatedNodeLabelUse(spec, ctx),
    ...deprecatedAnnotations(obj(meta.annotations) ?? {}),
    ...deprecatedVolumes(spec, ctx),
    ...duplicates(spec),
    ...fractionalBytes(spec, ctx),
    ...seccompAnnotations(spec, obj(meta.annotations) ?? {}, ctx),
    ...appArmorAnnotations(spec, obj(meta.annotations) ?? {}, ctx),
    ...containerWarnings(spec, ctx),
    ...ports(spec, ctx),
    ...negativeGracePeriod(spec, ctx),
    ...nullLabelSelectors(spec, ctx),
  ];
};

/**
 * deprecatedNodeLabels (1.22-1.23 in warnings.go; pkg/api/node/util.go GetNodeLabelDeprecatedMessage
 * from 1.24, which adds three more).
 */
function deprecatedNodeLabel(key: string, ctx: RuleContext): string | undefined {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
    'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
    'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
    'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
  };
  if (atLeast(ctx, '1.24')) {
    labels['app.kubernetes.io/created-by'] = 'deprecated since v1.9';
    labels['scheduler.alpha.kubernetes.io/preferAvoidPods'] = 'deprecated since v1.22; use Taints and Tolerations instead';
    labels['node-role.kubernetes.io/master'] = 'use "node-role.kubernetes.io/control-plane" instead';
  }
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}

/**
 * warningsForPodSpecAndMeta: deprecated node labels in nodeSelector, node affinity terms
 * (GetWarningsForNodeSelectorTerm; from 1.32 it also warns about preferred terms' values that are
 * not label values, which validation lets through) and topologySpreadConstraints' topologyKey.
 */
function deprecatedNodeLabelUse(spec: Obj, ctx: RuleContext): FieldError[] {
  const out: FieldError[] = [];
  for (const k of Object.keys(obj(spec.nodeSelector) ?? {})) {
    const msg = deprecatedNodeLabel(k, ctx);
    if (msg) out.push(warning(SPEC.child('nodeSelector').key(k), msg));
  }
  const na = obj(obj(spec.affinity)?.nodeAffinity);
  const term = (t: Obj | undefined, path: FieldPath, checkValues: boolean) => {
    arr(t?.matchExpressions).forEach((e, i) => {
      const expr = obj(e);
      const key = str(expr?.key);
      const p = path.child('matchExpressions').index(i);
      const msg = key !== undefined ? deprecatedNodeLabel(key, ctx) : undefined;
      if (msg) out.push(warning(p.child('key'), `${key} is ${msg}`, 'value'));
      if (checkValues) {
        arr(expr?.values).forEach((v, j) => {
          const value = str(v);
          if (value !== undefined)
            for (const m of isValidLabelValue(value)) out.push(warning(p.child('values').index(j), `${value} is invalid, ${m}`, 'value'));
        });
      }
    });
  };
  if (na) {
    const reqPath = SPEC.child('affinity').child('nodeAffinity').child('requiredDuringSchedulingIgnoredDuringExecution').child('nodeSelectorTerms');
    arr(obj(na.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms).forEach((t, i) => term(obj(t), reqPath.index(i), false));
    const prefPath = SPEC.child('affinity').child('nodeAffinity').child('preferredDuringSchedulingIgnoredDuringExecution');
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
      term(obj(obj(t)?.preference), prefPath.index(i).child('preference'), atLeast(ctx, '1.32')),
    );
  }
  arr(spec.topologySpreadConstraints).forEach((c, i) => {
    const key = str(obj(c)?.topologyKey);
    const msg = key !== undefined ? deprecatedNodeLabel(key, ctx) : undefined;
    if (msg) out.push(warning(SPEC.child('topologySpreadConstraints').index(i).child('topologyKey'), `${key} is ${msg}`, 'value'));
  });
  return out;
}

/** deprecatedAnnotations. */
function deprecatedAnnotations(annotations: Obj): FieldError[] {
  const list: [string, string][] = [
    ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
    ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
    ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ];
  return list.filter(([k]) => k in annotations).map(([k, msg]) => warning(ANNOTATIONS.key(k), msg));
}

/**
 * Deprecated and removed volume plugins. flocker/storageOS/quobyte: "support removal is planned in
 * v1.26" until 1.24, "non-functional in v1.25+" from 1.25; glusterfs from 1.25; cephfs and rbd
 * from 1.28.
 */
function deprecatedVolumes(spec: Obj, ctx: RuleContext): FieldError[] {
  const out: FieldError[] = [];
  const removed122 = atLeast(ctx, '1.25') ? 'deprecated in v1.22, non-functional in v1.25+' : 'deprecated in v1.22, support removal is planned in v1.26';
  const plugins: [string, string, string][] = [
    ['photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+', '1.22'],
    ['gitRepo', 'deprecated in v1.11', '1.22'],
    ['scaleIO', 'deprecated in v1.16, non-functional in v1.22+', '1.22'],
    ['flocker', removed122, '1.22'],
    ['storageos', removed122, '1.22'],
    ['quobyte', removed122, '1.22'],
    ['glusterfs', 'deprecated in v1.25, non-functional in v1.26+', '1.25'],
    ['cephfs', 'deprecated in v1.28, non-functional in v1.31+', '1.28'],
    ['rbd', 'deprecated in v1.28, non-functional in v1.31+', '1.28'],
  ];
  eachObj(spec.volumes, (vol, i) => {
    for (const [field, msg, from] of plugins) {
      if (atLeast(ctx, from) && obj(vol[field])) {
        // The server's path spells it `storageOS` (the Go field name).
        out.push(
          warning(
            SPEC.child('volumes')
              .index(i)
              .child(field === 'storageos' ? 'storageOS' : field),
            msg,
          ),
        );
      }
    }
  });
  return out;
}

/** Duplicate hostAliases IPs and imagePullSecrets names; imagePullSecrets without a name. */
function duplicates(spec: Obj): FieldError[] {
  const out: FieldError[] = [];
  const ips = new Set<string>();
  const aliases = arr(spec.hostAliases);
  if (aliases.length > 1) {
    aliases.forEach((a, i) => {
      const ip = str(obj(a)?.ip) ?? '';
      if (ips.has(ip)) out.push(warning(SPEC.child('hostAliases').index(i).child('ip'), `duplicate ip ${JSON.stringify(ip)}`, 'value'));
      else ips.add(ip);
    });
  }
  const secrets = arr(spec.imagePullSecrets);
  const names = new Set<string>();
  if (secrets.length > 1) {
    secrets.forEach((s, i) => {
      const name = str(obj(s)?.name) ?? '';
      if (names.has(name)) out.push(warning(SPEC.child('imagePullSecrets').index(i).child('name'), `duplicate name ${JSON.stringify(name)}`, 'value'));
      else names.add(name);
    });
  }
  secrets.forEach((s, i) => {
    const name = str(obj(s)?.name) ?? '';
    if (name.length === 0) out.push(warning(SPEC.child('imagePullSecrets').index(i).child('name'), 'invalid empty name ""'));
  });
  return out;
}

const BYTE_RESOURCES = ['memory', 'ephemeral-storage'];

/** Fractional memory / ephemeral-storage: "fractional byte value %q is invalid, must be an integer". */
function fractionalBytes(spec: Obj, ctx: RuleContext): FieldError[] {
  const out: FieldError[] = [];
  for (const [name, canonical] of fractionalValues(obj(spec.overhead))) out.push(fractionalWarning(SPEC.child('overhead').key(name), canonical));
  // (The same in every version that warns: no key.)
  for (const { c, path } of eachContainer(spec, ctx)) out.push(...fractionalMemo.run(c, path, ctx, ''));
  return out;
}

const fractionalWarning = (path: FieldPath, canonical: string) =>
  warning(path, `fractional byte value ${JSON.stringify(canonical)} is invalid, must be an integer`, 'value');

/**
 * One container's fractional byte values, per container object: each keystroke visits all 200
 * containers, and parsing their quantities again cost more than the rest of the warnings.
 */
const fractionalMemo = new ContainerMemo<RuleContext>('fractional byte values', (c, path) => {
  const res = obj(c.resources);
  if (!res) return [];
  const out: FieldError[] = [];
  for (const list of ['limits', 'requests']) {
    for (const [name, canonical] of fractionalValues(obj(res[list]))) out.push(fractionalWarning(path.child('resources').child(list).key(name), canonical));
  }
  return out;
});

const NONE: readonly [string, string][] = [];

/** The byte resources of a limits / requests map whose value is fractional, with its canonical text. */
function fractionalValues(map: Obj | undefined): readonly [string, string][] {
  if (!map) return NONE;
  let found: [string, string][] | undefined;
  for (const name of BYTE_RESOURCES) {
    const v = map[name];
    const canonical = v === undefined ? undefined : fractionalCanonical(v);
    if (canonical) (found ??= []).push([name, canonical]);
  }
  return found ?? NONE;
}

/** The canonical String() of a quantity whose MilliValue is not a multiple of 1000 (a fraction of a byte). */
export function fractionalCanonical(value: JsonValue): string | undefined {
  const q = parseQuantity(value);
  if (!q || milliValue(q) % BigInt(1000) === BigInt(0)) return undefined;
  return quantityString(q);
}

const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * Whether any annotation has this prefix: most Pods have no container annotations, and then the
 * per-container look-ups below can be skipped. (The decoder makes `__proto__` an own key, so the
 * annotations have only their own keys.)
 */
const hasKeyStartingWith = (annotations: Obj, prefix: string) => Object.keys(annotations).some((k) => k.startsWith(prefix));

/**
 * Seccomp annotations without the matching field: "deprecated since v1.19" (1.22-1.26),
 * "non-functional in v1.27+" (1.27+).
 */
function seccompAnnotations(spec: Obj, annotations: Obj, ctx: RuleContext): FieldError[] {
  const out: FieldError[] = [];
  const msg = atLeast(ctx, '1.27')
    ? 'non-functional in v1.27+; use the "seccompProfile" field instead'
    : 'deprecated since v1.19; use the "seccompProfile" field instead';
  const podKey = 'seccomp.security.alpha.kubernetes.io/pod';
  if (obj(obj(spec.securityContext)?.seccompProfile) === undefined && podKey in annotations) out.push(warning(ANNOTATIONS.key(podKey), msg));
  if (!hasKeyStartingWith(annotations, SECCOMP_CONTAINER)) return out;
  for (const { c } of eachContainer(spec, ctx)) {
    const name = str(c.name) ?? '';
    const key = `${SECCOMP_CONTAINER}${name}`;
    if (obj(obj(c.securityContext)?.seccompProfile) === undefined && key in annotations) out.push(warning(ANNOTATIONS.key(key), msg));
  }
  return out;
}

/**
 * applyAppArmorVersionSkew (1.30+, not for windows pods): a container annotation without a
 * container appArmorProfile warns, unless it only repeats the pod-level profile.
 */
function appArmorAnnotations(spec: Obj, annotations: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.30') || str(obj(spec.os)?.name) === 'windows') return [];
  if (!hasKeyStartingWith(annotations, APPARMOR_CONTAINER)) return [];
  const out: FieldError[] = [];
  const podProfile = obj(obj(spec.securityContext)?.appArmorProfile);
  for (const { c } of eachContainer(spec, ctx)) {
    const key = `${APPARMOR_CONTAINER}${str(c.name) ?? ''}`;
    const annotation = str(annotations[key]);
    if (annotation === undefined || obj(obj(c.securityContext)?.appArmorProfile)) continue;
    const field = appArmorField(annotation);
    const same = field && podProfile && podProfile.type === field.type && (str(podProfile.localhostProfile) ?? '') === (field.localhostProfile ?? '');
    if (field && same) continue;
    out.push(warning(ANNOTATIONS.key(key), 'deprecated since v1.30; use the "appArmorProfile" field instead'));
  }
  return out;
}

/** podutil.ApparmorFieldForAnnotation: the field an AppArmor annotation value stands for. */
function appArmorField(annotation: string): { type: string; localhostProfile?: string } | undefined {
  if (annotation === 'runtime/default') return { type: 'RuntimeDefault' };
  if (annotation === 'unconfined') return { type: 'Unconfined' };
  if (annotation.startsWith('localhost/') && annotation.length > 'localhost/'.length)
    return { type: 'Localhost', localhostProfile: annotation.slice('localhost/'.length) };
  return undefined;
}

/**
 * Duplicate env names: `env[i].name: duplicate name "X"` (1.22-1.27); from 1.28 only when the
 * later entry does not refer to the earlier one (`X=$(X)suffix` is fine); from 1.30 worded
 * `env[i]: hides previous definition of "X", which may be dropped when using apply`.
 */
function containerWarnings(spec: Obj, ctx: RuleContext): FieldError[] {
  const out: FieldError[] = [];
  for (const { c, path } of eachContainer(spec, ctx)) out.push(...envMemo.run(c, path, ctx, ctx.version));
  return out;
}

/** One container's env warnings, per container object (the wording is the version's). */
const envMemo = new ContainerMemo<RuleContext>('env warnings', (c, path, ctx) => {
  const out: FieldError[] = [];
  const env = arr(c.env);
  if (env.length < 2) return out;
  const seen = new Set<string>();
  env.forEach((e, i) => {
    const item = obj(e) ?? {};
    const name = str(item.name) ?? '';
    if (!seen.has(name)) {
      seen.add(name);
      return;
    }
    if (atLeast(ctx, '1.28')) {
      const ref = `$(${name})`;
      const value = str(item.value) ?? '';
      const bad = obj(item.valueFrom) !== undefined || value === ref || !value.includes(ref);
      if (!bad) return;
    }
    if (atLeast(ctx, '1.30'))
      out.push(warning(path.child('env').index(i), `hides previous definition of ${JSON.stringify(name)}, which may be dropped when using apply`));
    else out.push(warning(path.child('env').index(i).child('name'), `duplicate name ${JSON.stringify(name)}`, 'value'));
  });
  return out;
});

/**
 * Ports across all containers (1.28+, kubernetes#113245): hostIP without hostPort; the same containerPort/protocol
 * twice: duplicate (same hostIP and hostPort), overlapping (one hostPort unset) or dangerously
 * ambiguous (same hostPort, one hostIP unset).
 */
function ports(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.28')) return [];
  const out: FieldError[] = [];
  const all = new Map<string, SeenPort[]>();
  for (const { c, path } of eachContainer(spec, ctx)) {
    eachObj(c.ports, (port, i) => {
      const hostIP = str(port.hostIP) ?? '';
      const hostPort = typeof port.hostPort === 'number' ? port.hostPort : 0;
      const containerPort = typeof port.containerPort === 'number' ? port.containerPort : 0;
      const protocol = str(port.protocol) || 'TCP';
      const seen: SeenPort = { container: path, index: i, hostIP, hostPort };
      if (hostIP !== '' && hostPort === 0) out.push(warning(portPath(seen), `hostIP set without hostPort: ${goPort(port, protocol)}`));
      const k = `${containerPort}/${protocol}`;
      const others = all.get(k) ?? [];
      for (const other of others) {
        if (hostIP === other.hostIP && hostPort === other.hostPort) out.push(warning(portPath(seen), `duplicate port definition with ${portPath(other)}`));
        else if (hostPort === 0 || other.hostPort === 0) out.push(warning(portPath(seen), `overlapping port definition with ${portPath(other)}`));
        else if (hostPort === other.hostPort && (hostIP === '') !== (other.hostIP === ''))
          out.push(warning(portPath(seen), `dangerously ambiguous port definition with ${portPath(other)}`));
      }
      others.push(seen);
      all.set(k, others);
    });
  }
  return out;
}

/** A port seen so far: where (its path is made only for a warning, as every port is visited on every run) and its host side. */
interface SeenPort {
  container: FieldPath;
  index: number;
  hostIP: string;
  hostPort: number;
}

const portPath = (p: SeenPort) => p.container.child('ports').index(p.index);

/** fmt's %+v of a core.ContainerPort. */
function goPort(port: Obj, protocol: string): string {
  const n = (v: unknown) => (typeof v === 'number' ? v : 0);
  return `{Name:${str(port.name) ?? ''} HostPort:${n(port.hostPort)} ContainerPort:${n(port.containerPort)} Protocol:${protocol} HostIP:${str(port.hostIP) ?? ''}}`;
}

/**
 * terminationGracePeriodSeconds < 0: treated as 1 (kubernetes#113469; from 1.31 as far as we can
 * tell: absent from the 1.22 warnings, present by 1.32).
 */
function negativeGracePeriod(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.31')) return [];
  const v = spec.terminationGracePeriodSeconds;
  if (typeof v !== 'number' || v >= 0) return [];
  return [warning(SPEC.child('terminationGracePeriodSeconds'), 'must be >= 0; negative values are invalid and will be treated as 1', 'value')];
}

/** A null labelSelector in topology spread constraints and pod (anti-)affinity terms (1.28+, kubernetes#117025). */
function nullLabelSelectors(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.28')) return [];
  const out: FieldError[] = [];
  const msg = 'a null labelSelector results in matching no pod';
  arr(spec.topologySpreadConstraints).forEach((c, i) => {
    const tsc = obj(c);
    if (tsc && !obj(tsc.labelSelector)) out.push(warning(SPEC.child('topologySpreadConstraints').index(i).child('labelSelector'), msg));
  });
  const aff = obj(spec.affinity);
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = obj(aff?.[kind]);
    if (!pa) continue;
    const p = SPEC.child('affinity').child(kind);
    arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!obj(obj(t)?.labelSelector)) out.push(warning(p.child('requiredDuringSchedulingIgnoredDuringExecution').index(i).child('labelSelector'), msg));
    });
    arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      if (!obj(obj(obj(t)?.podAffinityTerm)?.labelSelector)) {
        out.push(warning(p.child('preferredDuringSchedulingIgnoredDuringExecution').index(i).child('podAffinityTerm').child('labelSelector'), msg));
      }
    });
  }
  return out;
}
