/**
 * The restricted checks (k8s.io/pod-security-admission/policy, the check_*.go files of level
 * Restricted), each with its revisions, the baseline checks it overrides and the server's words.
 */
import { arr, goStr, int, obj, present } from '../rules/context';
import { addWords, badSeccompTypes, CAPABILITIES_BASELINE, HOST_PATH_VOLUMES, procMount_1_0, SECCOMP_BASELINE, validSeccomp, volumesNamed } from './baseline';
import {
  Check,
  CheckFailure,
  containersNamed,
  Finding,
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
  windowsPod,
} from './check';

/** A check that lets a Windows Pod through (the 1.25 revisions). */
const exceptWindows = (check: (pod: PodView) => CheckFailure | undefined) => (pod: PodView) => (windowsPod(pod.spec) ? undefined : check(pod));
/** A check that lets a Pod in a user namespace through (the 1.35 revisions). */
const exceptUserNamespace = (check: (pod: PodView) => CheckFailure | undefined) => (pod: PodView) => (inUserNamespace(pod.spec) ? undefined : check(pod));

// check_allowPrivilegeEscalation.go
function allowPrivilegeEscalation_1_8({ spec }: PodView): CheckFailure | undefined {
  const bad: string[] = [];
  const findings: Finding[] = [];
  const words = (names: readonly string[]) => `${containersNamed(names)} must set securityContext.allowPrivilegeEscalation=false`;
  for (const v of podContainers(spec)) {
    if (securityContextOf(v.c)?.allowPrivilegeEscalation === false) continue;
    bad.push(nameOf(v.c));
    findings.push({
      path: [...securityContextAt(v.path.segments), 'allowPrivilegeEscalation'],
      on: 'value',
      detail: words([nameOf(v.c)]),
      container: v.path.segments,
    });
  }
  return bad.length === 0 ? undefined : { reason: 'allowPrivilegeEscalation != false', detail: words(bad), findings };
}

// check_capabilities_restricted.go
function capabilitiesRestricted_1_22({ spec }: PodView): CheckFailure | undefined {
  const missingDropAll: string[] = [];
  const adding: string[] = [];
  const forbidden: string[] = [];
  const findings: Finding[] = [];
  const dropWords = (names: readonly string[]) => `${containersNamed(names)} must set securityContext.capabilities.drop=["ALL"]`;
  for (const v of podContainers(spec)) {
    const caps = obj(securityContextOf(v.c)?.capabilities);
    const capsAt = [...securityContextAt(v.path.segments), 'capabilities'];
    if (!caps || !arr(caps.drop).includes('ALL')) {
      missingDropAll.push(nameOf(v.c));
      findings.push({ path: [...capsAt, 'drop'], on: present(caps?.drop) ? 'key' : 'value', detail: dropWords([nameOf(v.c)]), container: v.path.segments });
    }
    let addedForbidden = false;
    arr(caps?.add).forEach((cap, i) => {
      if (cap === 'NET_BIND_SERVICE') return;
      addedForbidden = true;
      forbidden.push(goStr(cap));
      findings.push({ path: [...capsAt, 'add', i], on: 'value', detail: addWords([nameOf(v.c)], [goStr(cap)]) });
    });
    if (addedForbidden) adding.push(nameOf(v.c));
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) details.push(dropWords(missingDropAll));
  if (adding.length > 0) details.push(addWords(adding, sortedSet(forbidden)));
  return details.length === 0 ? undefined : { reason: 'unrestricted capabilities', detail: details.join('; '), findings };
}

// check_restrictedVolumes.go
const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];
/** The forbidden sources in the order the check names a volume's type by. */
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
];

function restrictedVolumes_1_0({ spec }: PodView): CheckFailure | undefined {
  const bad: string[] = [];
  const types: string[] = [];
  const findings: Finding[] = [];
  const words = (names: readonly string[], t: readonly string[]) =>
    `${volumesNamed(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', t.length)} ${joinQuote(t)}`;
  arr(spec.volumes).forEach((vol, i) => {
    const v = obj(vol);
    if (!v || ALLOWED_VOLUME_SOURCES.some((k) => present(v[k]))) return;
    const type = RESTRICTED_VOLUME_SOURCES.find((k) => present(v[k]));
    // The check's "unknown" type is never seen through the API server: a volume with no source is
    // defaulted to an emptyDir (SetDefaults_Volume) before admission, and passes (upstream's restrictedvolumes0).
    if (type === undefined) return;
    bad.push(goStr(v.name));
    types.push(type);
    findings.push({ path: ['spec', 'volumes', i, type], on: 'key', detail: words([goStr(v.name)], [type]) });
  });
  return bad.length === 0 ? undefined : { reason: 'restricted volume types', detail: words(bad, sortedSet(types)), findings };
}

/**
 * The shape of runAsNonRoot and seccompProfile_restricted: setters that set a bad value are named
 * first (and alone); else the containers that set nothing where the Pod sets nothing either.
 */
function explicitOrImplicit(
  explicit: { pod: boolean; containers: string[]; findings: Finding[]; words: (pod: boolean, names: readonly string[]) => string },
  implicit: { containers: string[]; findings: Finding[]; words: (names: readonly string[]) => string },
  reason: string,
): CheckFailure | undefined {
  if (explicit.pod || explicit.containers.length > 0) return { reason, detail: explicit.words(explicit.pod, explicit.containers), findings: explicit.findings };
  if (implicit.containers.length > 0) return { reason, detail: implicit.words(implicit.containers), findings: implicit.findings };
  return undefined;
}

// check_runAsNonRoot.go
function runAsNonRoot_1_0({ spec }: PodView): CheckFailure | undefined {
  const explicitWords = (pod: boolean, names: readonly string[]) => `${setters(pod, names)} must not set securityContext.runAsNonRoot=false`;
  const implicitWords = (names: readonly string[]) => `pod or ${containersNamed(names)} must set securityContext.runAsNonRoot=true`;
  const podValue = securityContextOf(spec)?.runAsNonRoot;
  const podSet = typeof podValue === 'boolean';
  const explicit = { pod: podValue === false, containers: [] as string[], findings: [] as Finding[], words: explicitWords };
  if (explicit.pod) explicit.findings.push({ path: [...POD_SECURITY_CONTEXT, 'runAsNonRoot'], on: 'value', detail: explicitWords(true, []) });
  const implicit = { containers: [] as string[], findings: [] as Finding[], words: implicitWords };
  for (const v of podContainers(spec)) {
    const value = securityContextOf(v.c)?.runAsNonRoot;
    const at = [...securityContextAt(v.path.segments), 'runAsNonRoot'];
    if (typeof value === 'boolean') {
      if (value) continue;
      explicit.containers.push(nameOf(v.c));
      explicit.findings.push({ path: at, on: 'value', detail: explicitWords(false, [nameOf(v.c)]), container: v.path.segments });
    } else if (!(podSet && podValue)) {
      implicit.containers.push(nameOf(v.c));
      implicit.findings.push({ path: at, on: 'value', detail: implicitWords([nameOf(v.c)]), container: v.path.segments });
    }
  }
  return explicitOrImplicit(explicit, implicit, 'runAsNonRoot != true');
}

// check_runAsUser.go
function runAsUser_1_23({ spec }: PodView): CheckFailure | undefined {
  const words = (pod: boolean, names: readonly string[]) => `${setters(pod, names)} must not set runAsUser=0`;
  const pod = int(securityContextOf(spec)?.runAsUser) === 0;
  const findings: Finding[] = pod ? [{ path: [...POD_SECURITY_CONTEXT, 'runAsUser'], on: 'value', detail: words(true, []) }] : [];
  const bad: string[] = [];
  for (const v of podContainers(spec)) {
    if (int(securityContextOf(v.c)?.runAsUser) !== 0) continue;
    bad.push(nameOf(v.c));
    findings.push({ path: [...securityContextAt(v.path.segments), 'runAsUser'], on: 'value', detail: words(false, [nameOf(v.c)]) });
  }
  return findings.length === 0 ? undefined : { reason: 'runAsUser=0', detail: words(pod, bad), findings };
}

// check_seccompProfile_restricted.go
function seccompProfileRestricted_1_19({ spec }: PodView): CheckFailure | undefined {
  const { faults, words } = badSeccompTypes(spec);
  const implicitWords = (names: readonly string[]) =>
    `pod or ${containersNamed(names)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`;
  const podProfile = obj(securityContextOf(spec)?.seccompProfile);
  const podSet = podProfile !== undefined && validSeccomp(goStr(podProfile.type));
  const implicit = { containers: [] as string[], findings: [] as Finding[], words: implicitWords };
  if (!podSet) {
    for (const v of podContainers(spec)) {
      if (obj(securityContextOf(v.c)?.seccompProfile)) continue;
      implicit.containers.push(nameOf(v.c));
      implicit.findings.push({
        path: [...securityContextAt(v.path.segments), 'seccompProfile', 'type'],
        on: 'value',
        detail: implicitWords([nameOf(v.c)]),
        container: v.path.segments,
      });
    }
  }
  const pod = faults.some((f) => f.pod);
  const containers = faults.filter((f) => f.container !== undefined).map((f) => f.container!);
  const explicit = {
    pod,
    containers,
    findings: faults.map((f): Finding => ({ path: f.path, on: 'value', detail: words([f]), container: f.containerPath })),
    words: () => words(faults),
  };
  return explicitOrImplicit(explicit, implicit, 'seccompProfile');
}

export const RESTRICTED_CHECKS: readonly Check[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    revisions: [
      { since: 8, check: allowPrivilegeEscalation_1_8 },
      { since: 25, check: exceptWindows(allowPrivilegeEscalation_1_8) },
    ],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    revisions: [
      { since: 22, check: capabilitiesRestricted_1_22, overrides: [CAPABILITIES_BASELINE] },
      { since: 25, check: exceptWindows(capabilitiesRestricted_1_22), overrides: [CAPABILITIES_BASELINE] },
    ],
  },
  { id: 'procMount_restricted', level: 'restricted', revisions: [{ since: 35, check: procMount_1_0, overrides: ['procMount'] }] },
  { id: 'restrictedVolumes', level: 'restricted', revisions: [{ since: 0, check: restrictedVolumes_1_0, overrides: [HOST_PATH_VOLUMES] }] },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    revisions: [
      { since: 0, check: runAsNonRoot_1_0 },
      { since: 35, check: exceptUserNamespace(runAsNonRoot_1_0) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    revisions: [
      { since: 23, check: runAsUser_1_23 },
      { since: 35, check: exceptUserNamespace(runAsUser_1_23) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    revisions: [
      { since: 19, check: seccompProfileRestricted_1_19, overrides: [SECCOMP_BASELINE] },
      { since: 25, check: exceptWindows(seccompProfileRestricted_1_19), overrides: [SECCOMP_BASELINE] },
    ],
  },
];
