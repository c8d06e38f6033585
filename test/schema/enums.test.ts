/**
 * Checks the curated enum table (server/src/schema/enumTable.ts) against the OpenAPI documents of
 * every supported Kubernetes version in ../shared/k8s-openapi (read-only reference material):
 *
 * 1. every entry names a type+field that exists (and is reachable from Pod or from a workload
 *    kind: Deployment, StatefulSet, …, CronJob) in each version it covers, and each of its values
 *    is named in that field's description there;
 * 2. entries for the same type+field do not overlap in version ranges;
 * 3. descriptions that name allowed values, on fields reachable from Pod or a workload kind that
 *    have no table entry, are either listed in REVIEWED_WITHOUT_ENTRY below (with a reason) or
 *    make the test fail.
 *
 * The documents read are those `npm run schemas` reads: the 1.20 swagger, and from 1.23 the
 * core/v1, apps/v1 and batch/v1 documents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ENUMS, EnumEntry, enumValues, entryCovers } from '../../server/src/schema/enumTable';
import { definitionOf, WORKLOAD_KINDS } from '../../server/src/schema/kinds';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const OPENAPI_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'k8s-openapi');
const VERSIONS = ['1.20', '1.23', '1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35'];

const missingShared = !fs.existsSync(path.join(OPENAPI_DIR, 'v1.35-api-v1.json'));
const SKIP = missingShared ? `reference OpenAPI documents not found at ${OPENAPI_DIR} (../shared/k8s-openapi beside the repo)` : false;

// ---------------------------------------------------------------------------------------------
// Values that legitimately are not named in a field's description. Every exception is checked:
// if the value does turn up in the description of a listed version, the test reports it as stale.
// `versions` omitted = every version the table entry covers.

interface DescriptionException {
  type: string;
  field: string;
  values: string[];
  versions?: string[];
  reason: string;
}

const NOT_IN_DESCRIPTION: DescriptionException[] = [
  // "Scheme to use for connecting to the host. Defaults to HTTP." — the served documents lost the
  // "Possible enum values" list that named HTTPS.
  { type: 'HTTPGetAction', field: 'scheme', values: ['HTTPS'], reason: 'description only names the default (HTTP)' },
  // 'type for HostPath Volume Defaults to "" More info: …' — the list lives in the linked docs.
  {
    type: 'HostPathVolumeSource',
    field: 'type',
    values: ['BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'],
    reason: 'description only names the default ("")',
  },
  // "When not set, MountPropagationNone is used." (Go constant name, not the value).
  {
    type: 'VolumeMount',
    field: 'mountPropagation',
    values: ['Bidirectional', 'HostToContainer'],
    reason: 'description names only the default, as the Go constant MountPropagationNone',
  },
  {
    type: 'VolumeMount',
    field: 'mountPropagation',
    values: ['None'],
    versions: ['1.20', '1.23', '1.24', '1.25', '1.26', '1.27', '1.28', '1.29'],
    reason: 'before 1.30 "None" appears only inside the constant name MountPropagationNone',
  },
  // "The default value is Default …" — Unmasked is not mentioned.
  { type: 'SecurityContext', field: 'procMount', values: ['Unmasked'], reason: 'description only names the default' },
  // "If not specified, it defaults to NotRequired."
  { type: 'ContainerResizePolicy', field: 'restartPolicy', values: ['RestartContainer'], reason: 'description only names the default' },
  // "Value of Filesystem is implied when not included in claim spec."
  { type: 'PersistentVolumeClaimSpec', field: 'volumeMode', values: ['Block'], reason: 'description only names the default' },
  // "accessModes contains the desired access modes the volume should have. More info: …"
  {
    type: 'PersistentVolumeClaimSpec',
    field: 'accessModes',
    values: ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'],
    reason: 'description names no access mode, only a docs link',
  },
  // "Host Caching mode: None, Read Only, Read Write." (spelled with spaces).
  { type: 'AzureDiskVolumeSource', field: 'cachingMode', values: ['ReadOnly', 'ReadWrite'], reason: 'description spells them "Read Only", "Read Write"' },
  // 1.34+ description: "This overrides the pod-level restart policy …" and only mentions "Always".
  {
    type: 'Container',
    field: 'restartPolicy',
    values: ['Never', 'OnFailure'],
    versions: ['1.35'],
    reason: 'description only discusses "Always" (sidecars); the other two come from the pod-level policy',
  },
  // "Type indicates the type of the StatefulSetUpdateStrategy. Default is RollingUpdate."
  { type: 'StatefulSetUpdateStrategy', field: 'type', values: ['OnDelete'], reason: 'description only names the default (RollingUpdate)' },
];

// ---------------------------------------------------------------------------------------------
// Descriptions that look like they name allowed values, on fields reachable from Pod, that have
// (on purpose) no table entry in the listed versions. `versions` omitted = every version it is seen.

interface Reviewed {
  key: string; // "Type.field"
  versions?: string[];
  reason: string;
}

const REVIEWED_WITHOUT_ENTRY: Reviewed[] = [
  // --- feature gate off by default in these versions: the field is dropped (or rejected whole) before validation
  { key: 'EphemeralContainer.imagePullPolicy', versions: ['1.20'], reason: 'EphemeralContainers alpha (off) in 1.20: spec.ephemeralContainers dropped' },
  { key: 'Container.restartPolicy', versions: ['1.28'], reason: 'SidecarContainers alpha (off) in 1.28: initContainers[*].restartPolicy dropped' },
  { key: 'PodOS.name', versions: ['1.23'], reason: 'IdentifyPodOS alpha (off) in 1.23: spec.os forbidden/dropped' },
  {
    key: 'TopologySpreadConstraint.nodeAffinityPolicy',
    versions: ['1.25'],
    reason: 'NodeInclusionPolicyInPodTopologySpread alpha (off) in 1.25: field dropped',
  },
  { key: 'TopologySpreadConstraint.nodeTaintsPolicy', versions: ['1.25'], reason: 'NodeInclusionPolicyInPodTopologySpread alpha (off) in 1.25: field dropped' },
  {
    key: 'ContainerResizePolicy.resourceName',
    versions: ['1.27', '1.28', '1.29', '1.30', '1.31', '1.32'],
    reason: 'InPlacePodVerticalScaling alpha (off) until 1.33: resizePolicy dropped',
  },
  { key: 'VolumeMount.recursiveReadOnly', versions: ['1.30'], reason: 'RecursiveReadOnlyMounts alpha (off) in 1.30: field dropped' },
  { key: 'PodSecurityContext.supplementalGroupsPolicy', versions: ['1.31', '1.32'], reason: 'SupplementalGroupsPolicy alpha (off) until 1.33: field dropped' },
  { key: 'PodSecurityContext.seLinuxChangePolicy', versions: ['1.32'], reason: 'SELinuxChangePolicy alpha (off) in 1.32: field dropped' },
  { key: 'ImageVolumeSource.pullPolicy', versions: ['1.31', '1.32', '1.33', '1.34'], reason: 'ImageVolume off by default until 1.35: image volumes dropped' },
  { key: 'ContainerRestartRule.action', versions: ['1.34'], reason: 'ContainerRestartRules alpha (off) in 1.34: restartPolicyRules dropped' },
  { key: 'ContainerRestartRuleOnExitCodes.operator', versions: ['1.34'], reason: 'ContainerRestartRules alpha (off) in 1.34: restartPolicyRules dropped' },
  { key: 'PodCertificateProjection.keyType', reason: 'PodCertificateRequest off by default (alpha 1.34, beta-off 1.35): podCertificate projections dropped' },
  // (workload kinds: a Job's own spec has a disabled field dropped by jobStrategy.PrepareForCreate)
  { key: 'PodFailurePolicyRule.action', versions: ['1.25'], reason: 'JobPodFailurePolicy alpha (off) in 1.25: spec.podFailurePolicy dropped' },
  {
    key: 'PodFailurePolicyOnExitCodesRequirement.operator',
    versions: ['1.25'],
    reason: 'JobPodFailurePolicy alpha (off) in 1.25: spec.podFailurePolicy dropped',
  },
  { key: 'JobSpec.podReplacementPolicy', versions: ['1.28'], reason: 'JobPodReplacementPolicy alpha (off) in 1.28: spec.podReplacementPolicy dropped' },

  // --- status, written by the kubelet/controllers, not validated as an enum on create
  { key: 'PodCondition.status', reason: 'status-only (True/False/Unknown), no supported-values check' },
  { key: 'ResourceHealth.health', reason: 'status-only (allocatedResourcesStatus)' },
  { key: 'ResourceStatus.name', reason: 'status-only; also a reference, not an enum' },
  { key: 'VolumeMountStatus.recursiveReadOnly', reason: 'status-only (containerStatuses[*].volumeMounts)' },
  { key: 'DeploymentCondition.status', reason: 'status-only (True/False/Unknown)' },
  { key: 'StatefulSetCondition.status', reason: 'status-only (True/False/Unknown)' },
  { key: 'DaemonSetCondition.status', reason: 'status-only (True/False/Unknown)' },
  { key: 'ReplicaSetCondition.status', reason: 'status-only (True/False/Unknown)' },
  { key: 'ReplicationControllerCondition.status', reason: 'status-only (True/False/Unknown)' },
  { key: 'JobCondition.status', reason: 'status-only (True/False/Unknown)' },
  { key: 'JobStatus.conditions', reason: 'status-only; the phrase is prose about condition types' },
  {
    key: 'PersistentVolumeClaimStatus.allocatedResourceStatuses',
    reason: "status-only (a StatefulSet volumeClaimTemplate's status, written by the resize controller)",
  },
  { key: 'PersistentVolumeClaimStatus.allocatedResources', reason: "status-only (a StatefulSet volumeClaimTemplate's status); resource names, not an enum" },
  { key: 'PersistentVolumeClaimCondition.status', reason: "status-only (a StatefulSet volumeClaimTemplate's status conditions)" },

  // --- server-maintained metadata
  { key: 'ManagedFieldsEntry.operation', reason: 'metadata.managedFields is maintained by the server-side field manager, not written in manifests' },
  { key: 'ManagedFieldsEntry.fieldsType', reason: 'metadata.managedFields is maintained by the server-side field manager ("FieldsV1")' },

  // --- free-form or not validated by the API server
  { key: 'EmptyDirVolumeSource.medium', reason: 'not validated by the API server ("", Memory, HugePages, HugePages-<size> are handled by the kubelet)' },
  { key: 'ScaleIOVolumeSource.storageMode', reason: 'not validated by the API server (volume plugin setting)' },
  { key: 'CSIVolumeSource.volumeAttributes', reason: 'free-form map passed to the CSI driver' },

  // --- the phrase matched but names no value set for this field
  { key: 'ConfigMapVolumeSource.defaultMode', reason: 'numeric file mode range, not an enum' },
  { key: 'SecretVolumeSource.defaultMode', reason: 'numeric file mode range, not an enum' },
  { key: 'ProjectedVolumeSource.defaultMode', reason: 'numeric file mode range, not an enum' },
  { key: 'DownwardAPIVolumeSource.defaultMode', reason: 'numeric file mode range, not an enum' },
  { key: 'DownwardAPIVolumeFile.mode', reason: 'numeric file mode range, not an enum' },
  { key: 'KeyToPath.mode', reason: 'numeric file mode range, not an enum' },
  { key: 'TopologySpreadConstraint.minDomains', reason: 'integer ("Valid values are integers greater than 0")' },
  { key: 'JobSpec.maxFailedIndexes', reason: 'integer bounds ("must be less than or equal to 10^4 when … or"), not values' },
  { key: 'SuccessPolicy.rules', reason: 'prose ("meets one of the rules"), a list of rules, not values' },
  { key: 'Handler.exec', versions: ['1.20'], reason: '"one and only one of the following" handler exclusivity, not values' },
  { key: 'Probe.exec', versions: ['1.20'], reason: '"one and only one of the following" handler exclusivity, not values' },
  { key: 'PodResourceClaim.resourceClaimName', reason: '"exactly one of" two fields, not values' },
  { key: 'PodResourceClaim.resourceClaimTemplateName', reason: '"exactly one of" two fields, not values' },
  { key: 'PersistentVolumeClaimSpec.dataSourceRef', reason: 'prose about dataSource/dataSourceRef, not values' },
  { key: 'PodSpec.hostnameOverride', reason: 'constraints on other fields ("must be nil or set to false"), not values' },
  { key: 'SecurityContext.seccompProfile', reason: 'prose ("options are provided at both…"); the enum is SeccompProfile.type' },
  { key: 'Volume.ephemeral', reason: 'prose ("one of the vendor-specific APIs"), not values' },
];

/** Phrases that suggest a description names the allowed values of its field. */
const ENUM_PHRASES: RegExp[] = [
  /\bone of\b/i,
  /\bpossible (?:enum )?values?\b/i,
  /\bvalid (?:values|options|operators)\b/i,
  /\bsupported values\b/i,
  /\ballowed values?\b/i,
  /\bexpected values\b/i,
  /\boptions are\b/i,
  /\bCan be\b/,
  /\bmust be\b[^.]{0,40}\bor\b/i,
  /\bshould be [A-Z]\w*(?:, [A-Z]\w*)* or [A-Z]\w*/,
];

// ---------------------------------------------------------------------------------------------
// OpenAPI access

type Schema = Record<string, any>;

interface VersionDoc {
  version: string;
  defs: Record<string, Schema>;
  /**
   * Short name -> full definition names reachable from io.k8s.api.core.v1.Pod or from a workload
   * kind's root (kinds.ts definitionOf: Deployment, StatefulSet, … CronJob).
   */
  reachable: Map<string, string[]>;
}

const docCache = new Map<string, VersionDoc>();

/** 1.20: one v2 swagger; after, the v3 documents of core/v1, apps/v1 and batch/v1 (as generate.ts reads them). */
function loadDefinitions(version: string): Record<string, Schema> {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(OPENAPI_DIR, file), 'utf8'));
  if (version === '1.20') return read('v1.20-swagger.json').definitions;
  return Object.assign({}, ...['api-v1', 'apis-apps-v1', 'apis-batch-v1'].map((g) => read(`v${version}-${g}.json`).components.schemas));
}

function loadVersion(version: string): VersionDoc {
  const cached = docCache.get(version);
  if (cached) return cached;
  const defs = loadDefinitions(version);
  const roots = ['io.k8s.api.core.v1.Pod', ...WORKLOAD_KINDS.map((k) => definitionOf(k, version))];
  const seen = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift()!;
    for (const ref of refsOf(defs[name])) {
      if (!seen.has(ref)) {
        seen.add(ref);
        queue.push(ref);
      }
    }
  }
  const reachable = new Map<string, string[]>();
  for (const full of seen) {
    const short = full.split('.').pop()!;
    reachable.set(short, [...(reachable.get(short) ?? []), full]);
  }
  const doc = { version, defs, reachable };
  docCache.set(version, doc);
  return doc;
}

function refsOf(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const s of schema) refsOf(s, out);
  } else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string') out.add(v.replace(/^#\/(?:definitions|components\/schemas)\//, ''));
      else refsOf(v, out);
    }
  }
  return out;
}

/** The property schema of `type.field` in `doc`, or a reason why there is none. */
function property(doc: VersionDoc, type: string, field: string): { prop: Schema } | { problem: string } {
  const names = doc.reachable.get(type) ?? [];
  if (names.length === 0) return { problem: `type ${type} is not reachable from Pod or a workload kind` };
  if (names.length > 1) return { problem: `type ${type} is ambiguous: ${names.join(', ')}` };
  const prop = doc.defs[names[0]]?.properties?.[field];
  if (!prop) return { problem: `${names[0]} has no property ${field}` };
  return { prop };
}

function descriptionOf(prop: Schema): string {
  return [prop.description, prop.items?.description].filter((d): d is string => typeof d === 'string').join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `description` names `value` as a whole word ("" must appear as `""`). */
function mentions(description: string, value: string): boolean {
  if (value === '') return description.includes('""');
  return new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(value)}(?![A-Za-z0-9])`).test(description);
}

function coveredVersions(entry: EnumEntry): string[] {
  return VERSIONS.filter((v) => entryCovers(entry, v));
}

function exceptionFor(entry: EnumEntry, version: string, value: string): DescriptionException | undefined {
  return NOT_IN_DESCRIPTION.find(
    (x) => x.type === entry.type && x.field === entry.field && x.values.includes(value) && (x.versions === undefined || x.versions.includes(version)),
  );
}

function report(title: string, lines: string[]): string {
  return `${title} (${lines.length}):\n  ${lines.join('\n  ')}`;
}

// ---------------------------------------------------------------------------------------------

test('enum table entries are well-formed', () => {
  const problems: string[] = [];
  for (const e of ENUMS) {
    const id = `${e.type}.${e.field} [${e.from ?? '1.20'}..${e.to ?? ''}]`;
    for (const v of [e.from, e.to]) if (v !== undefined && !VERSIONS.includes(v)) problems.push(`${id}: unknown version ${v}`);
    if (coveredVersions(e).length === 0) problems.push(`${id}: covers no version`);
    if (e.values.length === 0) problems.push(`${id}: no values`);
    if (new Set(e.values).size !== e.values.length) problems.push(`${id}: duplicate values`);
    if (!e.source.trim()) problems.push(`${id}: empty source`);
    if (e.checkedBy === 'rules' && e.invalid !== undefined) problems.push(`${id}: invalid is the schema check's words; a rules-checked entry has none`);
  }
  assert.deepEqual(problems, [], report('malformed entries', problems));
});

test('enumValues picks the entry covering the version (numeric minor compare)', () => {
  assert.deepEqual(enumValues('PodSpec', 'restartPolicy', '1.20'), ['Always', 'OnFailure', 'Never']);
  assert.deepEqual(enumValues('ContainerPort', 'protocol', '1.35'), ['SCTP', 'TCP', 'UDP']);
  assert.equal(enumValues('AppArmorProfile', 'type', '1.29'), undefined);
  assert.deepEqual(enumValues('AppArmorProfile', 'type', '1.30'), ['Localhost', 'RuntimeDefault', 'Unconfined']);
  // "1.9" < "1.20" < "1.100" numerically, not as strings.
  assert.equal(enumValues('PodOS', 'name', '1.9'), undefined);
  assert.deepEqual(enumValues('PodOS', 'name', '1.100'), ['linux', 'windows']);
  assert.deepEqual(enumValues('PersistentVolumeClaimSpec', 'accessModes', '1.26'), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce']);
  assert.deepEqual(enumValues('PersistentVolumeClaimSpec', 'accessModes', '1.27'), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
  assert.equal(enumValues('Container', 'restartPolicy', '1.34'), undefined);
  assert.equal(enumValues('Capabilities', 'add', '1.35'), undefined);
});

test('entries for the same type+field do not overlap in versions', () => {
  const overlaps: string[] = [];
  for (let i = 0; i < ENUMS.length; i++) {
    for (let j = i + 1; j < ENUMS.length; j++) {
      const a = ENUMS[i];
      const b = ENUMS[j];
      if (a.type !== b.type || a.field !== b.field) continue;
      const shared = coveredVersions(a).filter((v) => entryCovers(b, v));
      if (shared.length > 0) overlaps.push(`${a.type}.${a.field}: entries #${i} and #${j} both cover ${shared.join(', ')}`);
    }
  }
  assert.deepEqual(overlaps, [], report('overlapping entries', overlaps));
});

test('every entry exists in each version it covers and its values are named in the description', { skip: SKIP }, () => {
  const mismatches: string[] = [];
  const usedExceptions = new Set<DescriptionException>();
  for (const entry of ENUMS) {
    for (const version of coveredVersions(entry)) {
      const found = property(loadVersion(version), entry.type, entry.field);
      if ('problem' in found) {
        mismatches.push(`${version} ${entry.type}.${entry.field}: ${found.problem}`);
        continue;
      }
      const description = descriptionOf(found.prop);
      for (const value of entry.values) {
        const exception = exceptionFor(entry, version, value);
        const named = mentions(description, value);
        if (exception) {
          usedExceptions.add(exception);
          if (named) mismatches.push(`${version} ${entry.type}.${entry.field}: ${JSON.stringify(value)} is named after all; drop it from NOT_IN_DESCRIPTION`);
        } else if (!named) {
          mismatches.push(`${version} ${entry.type}.${entry.field}: ${JSON.stringify(value)} not named in description: ${JSON.stringify(description)}`);
        }
      }
    }
  }
  for (const x of NOT_IN_DESCRIPTION) {
    if (!usedExceptions.has(x)) mismatches.push(`NOT_IN_DESCRIPTION ${x.type}.${x.field} ${x.values.join(',')} matches no table entry/version`);
  }
  assert.deepEqual(mismatches, [], report('table/description mismatches', mismatches));
});

test('descriptions naming allowed values on fields reachable from Pod or a workload kind are in the table or reviewed', { skip: SKIP }, () => {
  const unlisted: string[] = [];
  const usedReviews = new Set<Reviewed>();
  for (const version of VERSIONS) {
    const doc = loadVersion(version);
    for (const [type, names] of doc.reachable) {
      for (const name of names) {
        for (const [field, prop] of Object.entries<Schema>(doc.defs[name]?.properties ?? {})) {
          const description = descriptionOf(prop);
          const phrase = ENUM_PHRASES.map((re) => re.exec(description)).find((m) => m !== null);
          if (!phrase) continue;
          if (enumValues(type, field, version) !== undefined) continue;
          const key = `${type}.${field}`;
          const review = REVIEWED_WITHOUT_ENTRY.find((r) => r.key === key && (r.versions === undefined || r.versions.includes(version)));
          if (review) {
            usedReviews.add(review);
            continue;
          }
          const at = phrase.index;
          const excerpt = description.slice(Math.max(0, at - 40), at + 100).replace(/\s+/g, ' ');
          unlisted.push(`${version} ${key}: …${excerpt}…`);
        }
      }
    }
  }
  const stale = REVIEWED_WITHOUT_ENTRY.filter((r) => !usedReviews.has(r)).map(
    (r) => `REVIEWED_WITHOUT_ENTRY ${r.key}${r.versions ? ` @${r.versions.join(',')}` : ''} matches nothing (stale)`,
  );
  assert.deepEqual([...unlisted, ...stale], [], report('fields whose description names values but have no enum entry and no review', [...unlisted, ...stale]));
});
