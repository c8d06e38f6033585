/**
 * The baseline checks (k8s.io/pod-security-admission/policy, the check_*.go files of level
 * Baseline), each with its revisions and the server's words. Restricted runs them too, less those
 * a restricted check overrides (restricted.ts).
 */
import { LIFECYCLE_HANDLERS, PROBES } from '../rules/containerWalk';
import type { Segment } from '../path/segments';
import { arr, goStr, int, obj, Obj, present } from '../rules/context';
import {
  Check,
  CheckFailure,
  containersNamed,
  Finding,
  goQuote,
  inUserNamespace,
  joinQuote,
  nameOf,
  pluralize,
  podContainers,
  POD_SECURITY_CONTEXT,
  PodView,
  securityContextAt,
  securityContextOf,
  setters,
  sortedSet,
} from './check';

// check_appArmorProfile.go
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const allowedAppArmorAnnotation = (v: string) => v === '' || v === 'runtime/default' || v.startsWith('localhost/');
const allowedAppArmorType = (t: string) => t === 'RuntimeDefault' || t === 'Localhost';

function appArmorProfile_1_0({ metadata, spec }: PodView): CheckFailure | undefined {
  // One fault per setter: the Pod's field, each container's, each annotation.
  const faults: { pod?: boolean; container?: string; value?: string; annotation?: string; path: readonly Segment[] }[] = [];
  const profile = obj(securityContextOf(spec)?.appArmorProfile);
  if (profile && !allowedAppArmorType(goStr(profile.type)))
    faults.push({ pod: true, value: goStr(profile.type), path: [...POD_SECURITY_CONTEXT, 'appArmorProfile', 'type'] });
  for (const v of podContainers(spec)) {
    const p = obj(securityContextOf(v.c)?.appArmorProfile);
    if (p && !allowedAppArmorType(goStr(p.type)))
      faults.push({ container: nameOf(v.c), value: goStr(p.type), path: [...securityContextAt(v.path.segments), 'appArmorProfile', 'type'] });
  }
  const annotations = obj(metadata.annotations) ?? {};
  for (const [k, v] of Object.entries(annotations)) {
    if (k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(goStr(v))) {
      faults.push({ annotation: `${k}=${goQuote(goStr(v))}`, path: ['metadata', 'annotations', k] });
    }
  }
  if (faults.length === 0) return undefined;
  const words = (fs: typeof faults) => {
    const annotated = fs.filter((f) => f.annotation !== undefined).map((f) => f.annotation!);
    const values = [...sortedSet(fs.filter((f) => f.value !== undefined).map((f) => f.value!)), ...annotated.sort()];
    const who = [
      setters(
        fs.some((f) => f.pod),
        fs.filter((f) => f.container !== undefined).map((f) => f.container!),
      ),
    ].filter(Boolean);
    if (annotated.length > 0) who.push(pluralize('annotation', 'annotations', annotated.length));
    return {
      reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
      detail: `${who.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    };
  };
  return { ...words(faults), findings: faults.map((f) => ({ path: f.path, on: 'value', detail: words([f]).detail })) };
}

// check_capabilities_baseline.go
const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

export const CAPABILITIES_BASELINE = 'capabilities_baseline';

function capabilitiesBaseline_1_0({ spec }: PodView): CheckFailure | undefined {
  const bad: string[] = [];
  const caps: string[] = [];
  const findings: Finding[] = [];
  for (const v of podContainers(spec)) {
    const add = arr(obj(securityContextOf(v.c)?.capabilities)?.add);
    let valid = true;
    add.forEach((cap, i) => {
      if (DEFAULT_CAPABILITIES.has(goStr(cap))) return;
      valid = false;
      caps.push(goStr(cap));
      findings.push({ path: [...securityContextAt(v.path.segments), 'capabilities', 'add', i], on: 'value', detail: addWords([nameOf(v.c)], [goStr(cap)]) });
    });
    if (!valid) bad.push(nameOf(v.c));
  }
  if (bad.length === 0) return undefined;
  return { reason: 'non-default capabilities', detail: addWords(bad, sortedSet(caps)), findings };
}

export const addWords = (containers: readonly string[], caps: readonly string[]) =>
  `${containersNamed(containers)} must not include ${joinQuote(caps)} in securityContext.capabilities.add`;

// check_hostNamespaces.go
function hostNamespaces_1_0({ spec }: PodView): CheckFailure | undefined {
  const set = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((k) => spec[k] === true);
  if (set.length === 0) return undefined;
  return {
    reason: 'host namespaces',
    detail: set.map((k) => `${k}=true`).join(', '),
    findings: set.map((k) => ({ path: ['spec', k], on: 'value', detail: `${k}=true` })),
  };
}

// check_hostPathVolumes.go
export const HOST_PATH_VOLUMES = 'hostPathVolumes';

function hostPathVolumes_1_0({ spec }: PodView): CheckFailure | undefined {
  const names: string[] = [];
  const findings: Finding[] = [];
  arr(spec.volumes).forEach((vol, i) => {
    const v = obj(vol);
    if (!v || !present(v.hostPath)) return;
    names.push(goStr(v.name));
    findings.push({ path: ['spec', 'volumes', i, 'hostPath'], on: 'key', detail: volumesNamed([goStr(v.name)]) });
  });
  if (names.length === 0) return undefined;
  return { reason: 'hostPath volumes', detail: volumesNamed(names), findings };
}

export const volumesNamed = (names: readonly string[]) => `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`;

// check_hostPorts.go
function hostPorts_1_0(pod: PodView): CheckFailure | undefined {
  const { spec } = pod;
  const bad: string[] = [];
  const ports: string[] = [];
  const findings: Finding[] = [];
  const words = (containers: readonly string[], hostPorts: readonly string[]) =>
    `${containersNamed(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('hostPort', 'hostPorts', hostPorts.length)} ${hostPorts.join(', ')}`;
  const defaulted = pod.hostNetworkPortDefaults === true && spec.hostNetwork === true;
  for (const v of podContainers(spec)) {
    // Ephemeral containers are not defaulted (their ports are refused anyway).
    const defaults = defaulted && v.kind !== 'ephemeralContainers';
    let valid = true;
    arr(v.c.ports).forEach((p, i) => {
      const written = int(obj(p)?.hostPort) ?? 0;
      const hostPort = written === 0 && defaults ? (int(obj(p)?.containerPort) ?? 0) : written;
      if (hostPort === 0) return;
      valid = false;
      ports.push(String(hostPort));
      const at = written === 0 ? 'containerPort' : 'hostPort';
      findings.push({ path: [...v.path.segments, 'ports', i, at], on: 'value', detail: words([nameOf(v.c)], [String(hostPort)]) });
    });
    if (!valid) bad.push(nameOf(v.c));
  }
  if (bad.length === 0) return undefined;
  return { reason: 'hostPort', detail: words(bad, sortedSet(ports)), findings };
}

// check_hostProbesAndhostLifecycle.go

function hostProbesAndHostLifecycle_1_34({ spec }: PodView): CheckFailure | undefined {
  const bad: string[] = [];
  const hosts: string[] = [];
  const findings: Finding[] = [];
  const words = (containers: readonly string[], forbidden: readonly string[]) =>
    `${containersNamed(containers)} ${pluralize('uses', 'use', containers.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', forbidden.length)} ${joinQuote(forbidden)}`;
  for (const v of podContainers(spec)) {
    const handlers: [readonly Segment[], Obj | undefined][] = [
      ...PROBES.map((p): [readonly Segment[], Obj | undefined] => [[...v.path.segments, p], obj(v.c[p])]),
      ...LIFECYCLE_HANDLERS.map((h): [readonly Segment[], Obj | undefined] => [[...v.path.segments, 'lifecycle', h], obj(obj(v.c.lifecycle)?.[h])]),
    ];
    for (const [path, handler] of handlers) {
      for (const action of ['httpGet', 'tcpSocket'] as const) {
        const host = goStr(obj(handler?.[action])?.host);
        if (host === '') continue;
        bad.push(nameOf(v.c));
        hosts.push(host);
        findings.push({ path: [...path, action, 'host'], on: 'value', detail: words([nameOf(v.c)], [host]) });
      }
    }
  }
  if (bad.length === 0) return undefined;
  // Both are sets here (sets.List): the containers too are named in byte order.
  return { reason: 'probe or lifecycle host', detail: words(sortedSet(bad), sortedSet(hosts)), findings };
}

// check_privileged.go
function privileged_1_0({ spec }: PodView): CheckFailure | undefined {
  const bad: string[] = [];
  const findings: Finding[] = [];
  const words = (names: readonly string[]) => `${containersNamed(names)} must not set securityContext.privileged=true`;
  for (const v of podContainers(spec)) {
    if (securityContextOf(v.c)?.privileged !== true) continue;
    bad.push(nameOf(v.c));
    findings.push({ path: [...securityContextAt(v.path.segments), 'privileged'], on: 'value', detail: words([nameOf(v.c)]), container: v.path.segments });
  }
  return bad.length === 0 ? undefined : { reason: 'privileged', detail: words(bad), findings };
}

// check_procMount_baseline.go (procMount_1_0 is the restricted check's too)
export function procMount_1_0({ spec }: PodView): CheckFailure | undefined {
  const bad: string[] = [];
  const types: string[] = [];
  const findings: Finding[] = [];
  const words = (names: readonly string[], t: readonly string[]) => `${containersNamed(names)} must not set securityContext.procMount to ${joinQuote(t)}`;
  for (const v of podContainers(spec)) {
    const procMount = securityContextOf(v.c)?.procMount;
    if (!present(procMount) || procMount === 'Default') continue;
    bad.push(nameOf(v.c));
    types.push(goStr(procMount));
    findings.push({
      path: [...securityContextAt(v.path.segments), 'procMount'],
      on: 'value',
      detail: words([nameOf(v.c)], [goStr(procMount)]),
      container: v.path.segments,
    });
  }
  return bad.length === 0 ? undefined : { reason: 'procMount', detail: words(bad, sortedSet(types)), findings };
}

const procMount_1_35 = (pod: PodView) => (inUserNamespace(pod.spec) ? undefined : procMount_1_0(pod));

// check_seLinuxOptions.go
const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);

function seLinuxOptions(allowed: ReadonlySet<string>) {
  return ({ spec }: PodView): CheckFailure | undefined => {
    type Fault = { pod?: boolean; container?: string; type?: string; user?: boolean; role?: boolean; path: readonly Segment[] };
    const faults: Fault[] = [];
    const visit = (opts: Obj | undefined, at: readonly Segment[], who: Pick<Fault, 'pod' | 'container'>) => {
      if (!opts) return;
      const t = goStr(opts.type);
      if (!allowed.has(t)) faults.push({ ...who, type: t, path: [...at, 'type'] });
      if (goStr(opts.user) !== '') faults.push({ ...who, user: true, path: [...at, 'user'] });
      if (goStr(opts.role) !== '') faults.push({ ...who, role: true, path: [...at, 'role'] });
    };
    visit(obj(securityContextOf(spec)?.seLinuxOptions), [...POD_SECURITY_CONTEXT, 'seLinuxOptions'], { pod: true });
    for (const v of podContainers(spec))
      visit(obj(securityContextOf(v.c)?.seLinuxOptions), [...securityContextAt(v.path.segments), 'seLinuxOptions'], { container: nameOf(v.c) });
    if (faults.length === 0) return undefined;
    const words = (fs: readonly Fault[]) => {
      const data: string[] = [];
      const types = sortedSet(fs.filter((f) => f.type !== undefined).map((f) => f.type!));
      if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
      if (fs.some((f) => f.user)) data.push('user may not be set');
      if (fs.some((f) => f.role)) data.push('role may not be set');
      const containers = [...new Set(fs.filter((f) => f.container !== undefined).map((f) => f.container!))];
      return `${setters(
        fs.some((f) => f.pod),
        containers,
      )} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`;
    };
    // A missing type is "" and allowed: every fault has a written field to be shown on.
    return { reason: 'seLinuxOptions', detail: words(faults), findings: faults.map((f) => ({ path: f.path, on: 'value', detail: words([f]) })) };
  };
}

// check_seccompProfile_baseline.go
export const SECCOMP_BASELINE = 'seccompProfile_baseline';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
export const validSeccomp = (t: string) => t === 'Localhost' || t === 'RuntimeDefault';
const validSeccompAnnotation = (v: string) => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');

function seccompProfileBaseline_1_0({ metadata, spec }: PodView): CheckFailure | undefined {
  const annotations = obj(metadata.annotations) ?? {};
  const forbidden: { text: string; key: string }[] = [];
  const look = (key: string) => {
    if (!Object.hasOwn(annotations, key)) return;
    const v = goStr(annotations[key]);
    if (!validSeccompAnnotation(v)) forbidden.push({ key, text: `${key}=${goQuote(v)}` });
  };
  look(SECCOMP_POD_ANNOTATION);
  for (const v of podContainers(spec)) look(SECCOMP_CONTAINER_ANNOTATION_PREFIX + nameOf(v.c));
  if (forbidden.length === 0) return undefined;
  const words = (texts: readonly string[]) => `forbidden ${pluralize('annotation', 'annotations', texts.length)} ${texts.join(', ')}`;
  return {
    reason: 'seccompProfile',
    detail: words(sortedSet(forbidden.map((f) => f.text))),
    findings: forbidden.map((f) => ({ path: ['metadata', 'annotations', f.key], on: 'value', detail: words([f.text]) })),
  };
}

/** Pod and containers that set a seccomp profile type other than RuntimeDefault or Localhost (the restricted check's first half too). */
export function badSeccompTypes(spec: PodView['spec']) {
  const faults: { pod?: boolean; container?: string; containerPath?: readonly Segment[]; value: string; path: readonly Segment[] }[] = [];
  const podProfile = obj(securityContextOf(spec)?.seccompProfile);
  if (podProfile && !validSeccomp(goStr(podProfile.type)))
    faults.push({ pod: true, value: goStr(podProfile.type), path: [...POD_SECURITY_CONTEXT, 'seccompProfile', 'type'] });
  for (const v of podContainers(spec)) {
    const p = obj(securityContextOf(v.c)?.seccompProfile);
    if (p && !validSeccomp(goStr(p.type)))
      faults.push({
        container: nameOf(v.c),
        containerPath: v.path.segments,
        value: goStr(p.type),
        path: [...securityContextAt(v.path.segments), 'seccompProfile', 'type'],
      });
  }
  const words = (fs: typeof faults) =>
    `${setters(
      fs.some((f) => f.pod),
      fs.filter((f) => f.container !== undefined).map((f) => f.container!),
    )} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(fs.map((f) => f.value)))}`;
  return { faults, words };
}

function seccompProfileBaseline_1_19({ spec }: PodView): CheckFailure | undefined {
  const { faults, words } = badSeccompTypes(spec);
  if (faults.length === 0) return undefined;
  // A profile without a type is a fault too: shown on the profile when `type` is not written.
  return {
    reason: 'seccompProfile',
    detail: words(faults),
    findings: faults.map((f) => ({ path: f.path, on: 'value', detail: words([f]), container: f.containerPath })),
  };
}

// check_sysctls.go
const SYSCTLS_1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [
  ...SYSCTLS_1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctls(allowedNames: readonly string[]) {
  const allowed = new Set(allowedNames);
  return ({ spec }: PodView): CheckFailure | undefined => {
    const forbidden: string[] = [];
    const findings: Finding[] = [];
    arr(securityContextOf(spec)?.sysctls).forEach((s, i) => {
      const name = goStr(obj(s)?.name);
      if (allowed.has(name)) return;
      forbidden.push(name);
      findings.push({ path: [...POD_SECURITY_CONTEXT, 'sysctls', i, 'name'], on: 'value', detail: name });
    });
    return forbidden.length === 0 ? undefined : { reason: 'forbidden sysctls', detail: forbidden.join(', '), findings };
  };
}

// check_windowsHostProcess.go
function windowsHostProcess_1_0({ spec }: PodView): CheckFailure | undefined {
  const faults: { pod?: boolean; container?: string; path: readonly Segment[] }[] = [];
  const hostProcess = (o: Obj) => obj(securityContextOf(o)?.windowsOptions)?.hostProcess === true;
  for (const v of podContainers(spec)) {
    if (hostProcess(v.c)) faults.push({ container: nameOf(v.c), path: [...securityContextAt(v.path.segments), 'windowsOptions', 'hostProcess'] });
  }
  // The Pod is named first, whatever the order the faults were found in.
  if (hostProcess(spec)) faults.unshift({ pod: true, path: [...POD_SECURITY_CONTEXT, 'windowsOptions', 'hostProcess'] });
  if (faults.length === 0) return undefined;
  const words = (fs: typeof faults) =>
    `${setters(
      fs.some((f) => f.pod),
      fs.filter((f) => f.container !== undefined).map((f) => f.container!),
    )} must not set securityContext.windowsOptions.hostProcess=true`;
  return { reason: 'hostProcess', detail: words(faults), findings: faults.map((f) => ({ path: f.path, on: 'value', detail: words([f]) })) };
}

export const BASELINE_CHECKS: readonly Check[] = [
  { id: 'appArmorProfile', level: 'baseline', revisions: [{ since: 0, check: appArmorProfile_1_0 }] },
  { id: CAPABILITIES_BASELINE, level: 'baseline', revisions: [{ since: 0, check: capabilitiesBaseline_1_0 }] },
  { id: 'hostNamespaces', level: 'baseline', revisions: [{ since: 0, check: hostNamespaces_1_0 }] },
  { id: HOST_PATH_VOLUMES, level: 'baseline', revisions: [{ since: 0, check: hostPathVolumes_1_0 }] },
  { id: 'hostPorts', level: 'baseline', revisions: [{ since: 0, check: hostPorts_1_0 }] },
  { id: 'hostProbesAndHostLifecycle', level: 'baseline', revisions: [{ since: 34, check: hostProbesAndHostLifecycle_1_34 }] },
  { id: 'privileged', level: 'baseline', revisions: [{ since: 0, check: privileged_1_0 }] },
  {
    id: 'procMount',
    level: 'baseline',
    revisions: [
      { since: 0, check: procMount_1_0 },
      { since: 35, check: procMount_1_35 },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    revisions: [
      { since: 0, check: seLinuxOptions(SELINUX_TYPES_1_0) },
      { since: 31, check: seLinuxOptions(SELINUX_TYPES_1_31) },
    ],
  },
  {
    id: SECCOMP_BASELINE,
    level: 'baseline',
    revisions: [
      { since: 0, check: seccompProfileBaseline_1_0 },
      { since: 19, check: seccompProfileBaseline_1_19 },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    revisions: [
      { since: 0, check: sysctls(SYSCTLS_1_0) },
      { since: 27, check: sysctls(SYSCTLS_1_27) },
      { since: 29, check: sysctls(SYSCTLS_1_29) },
      { since: 32, check: sysctls(SYSCTLS_1_32) },
    ],
  },
  { id: 'windowsHostProcess', level: 'baseline', revisions: [{ since: 0, check: windowsHostProcess_1_0 }] },
];
