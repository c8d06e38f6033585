/**
 * The kinds of object the language service understands: a Pod, and every object that carries a
 * Pod template. One table says, per kind, which apiVersions a Kubernetes version serves it at,
 * where its template sits, and which OpenAPI definition describes it; detection (classify.ts),
 * the schemas (generate.ts, load.ts) and the rules (rules/workloads.ts) all read it.
 */
import { compareVersions } from './versions';

export const KINDS = ['Pod', 'PodTemplate', 'ReplicationController', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'] as const;

export type ObjectKind = (typeof KINDS)[number];

/** An apiVersion a kind is served at, from and until (inclusive) a Kubernetes version. */
export interface Serving {
  apiVersion: string;
  from?: string;
  until?: string;
  /** Served but deprecated from this version: the server's answer carries a Warning header. */
  deprecatedFrom?: string;
}

export interface KindInfo {
  kind: ObjectKind;
  /** Which schema file holds its types: the Pod's own, or the workloads' (loaded only when one is open). */
  file: 'pod' | 'workloads';
  served: readonly Serving[];
  /**
   * apiVersions that once served the kind and no bundled version does any more (removed in 1.16):
   * manifests still carry them, and the server answers "no matches for kind".
   */
  removed: readonly string[];
  /** The path of its Pod template from the object's root; empty for a Pod. */
  template: readonly string[];
  /** The template's path in the server's words (`spec.template`, `spec.jobTemplate.spec.template`). */
  templatePath: string;
}

/** An apps/v1 kind: its template at spec.template; `removed`, the beta groups it had before 1.16. */
const apps = (kind: ObjectKind, removed: string[]): KindInfo => ({
  kind,
  file: 'workloads',
  served: [{ apiVersion: 'apps/v1' }],
  removed,
  template: ['spec', 'template'],
  templatePath: 'spec.template',
});

export const KIND_INFO: Record<ObjectKind, KindInfo> = {
  Pod: { kind: 'Pod', file: 'pod', served: [{ apiVersion: 'v1' }], removed: [], template: [], templatePath: '' },
  PodTemplate: { kind: 'PodTemplate', file: 'workloads', served: [{ apiVersion: 'v1' }], removed: [], template: ['template'], templatePath: 'template' },
  ReplicationController: {
    kind: 'ReplicationController',
    file: 'workloads',
    served: [{ apiVersion: 'v1' }],
    removed: [],
    template: ['spec', 'template'],
    templatePath: 'spec.template',
  },
  Deployment: apps('Deployment', ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2']),
  StatefulSet: apps('StatefulSet', ['apps/v1beta1', 'apps/v1beta2']),
  DaemonSet: apps('DaemonSet', ['extensions/v1beta1', 'apps/v1beta2']),
  ReplicaSet: apps('ReplicaSet', ['extensions/v1beta1', 'apps/v1beta2']),
  Job: { kind: 'Job', file: 'workloads', served: [{ apiVersion: 'batch/v1' }], removed: [], template: ['spec', 'template'], templatePath: 'spec.template' },
  CronJob: {
    kind: 'CronJob',
    file: 'workloads',
    // batch/v1 from 1.21 (GA); batch/v1beta1 until 1.24 (removed in 1.25).
    served: [
      { apiVersion: 'batch/v1', from: '1.21' },
      { apiVersion: 'batch/v1beta1', until: '1.24', deprecatedFrom: '1.21' },
    ],
    removed: ['batch/v2alpha1'],
    template: ['spec', 'jobTemplate', 'spec', 'template'],
    templatePath: 'spec.jobTemplate.spec.template',
  },
};

export const WORKLOAD_KINDS = KINDS.filter((k) => KIND_INFO[k].file === 'workloads');

export function isObjectKind(kind: unknown): kind is ObjectKind {
  return typeof kind === 'string' && (KINDS as readonly string[]).includes(kind);
}

const serves = (s: Serving, version: string) =>
  (s.from === undefined || compareVersions(version, s.from) >= 0) && (s.until === undefined || compareVersions(version, s.until) <= 0);

/** The apiVersions `version` serves `kind` at, preferred first. */
export function servedApiVersions(kind: ObjectKind, version: string): string[] {
  return KIND_INFO[kind].served.filter((s) => serves(s, version)).map((s) => s.apiVersion);
}

/**
 * The Warning the server sends with its answer for a deprecated apiVersion
 * (staging/src/k8s.io/apiserver/pkg/endpoints/deprecation WarningMessage: `<group/version> <Kind> is deprecated in
 * v1.21+, unavailable in v1.25+; use <replacement>`), or undefined.
 */
export function deprecationWarning(kind: ObjectKind, apiVersion: string, version: string): string | undefined {
  const s = KIND_INFO[kind].served.find((x) => x.apiVersion === apiVersion && serves(x, version));
  if (!s?.deprecatedFrom || compareVersions(version, s.deprecatedFrom) < 0) return undefined;
  const unavailable = s.until ? `, unavailable in v${minorAfter(s.until)}+` : '';
  const replacement = servedApiVersions(kind, version).find((a) => a !== apiVersion);
  return `${apiVersion} ${kind} is deprecated in v${s.deprecatedFrom}+${unavailable}${replacement ? `; use ${replacement} ${kind}` : ''}`;
}

const minorAfter = (v: string) => {
  const [major, minor] = v.split('.').map(Number);
  return `${major}.${minor + 1}`;
};

/** Every apiVersion the kind has ever had that we know of: what a document of that kind may say. */
export function knownApiVersions(kind: ObjectKind): string[] {
  return [...KIND_INFO[kind].served.map((s) => s.apiVersion), ...KIND_INFO[kind].removed];
}

/** The OpenAPI definition of a kind in a version's documents (1.20 serves CronJob as batch/v1beta1 only). */
export function definitionOf(kind: ObjectKind, version: string): string {
  if (kind === 'CronJob' && compareVersions(version, '1.21') < 0) return 'io.k8s.api.batch.v1beta1.CronJob';
  const group = KIND_INFO[kind].served[0].apiVersion;
  return group === 'v1' ? `io.k8s.api.core.v1.${kind}` : `io.k8s.api.${group.replace('/', '.')}.${kind}`;
}
