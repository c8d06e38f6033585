/**
 * The allowed values of every enum-valued field a Pod or a workload kind (Deployment, Job, …) has.
 *
 * The OpenAPI documents Kubernetes serves carry no `enum` lists: allowed values are only named in
 * description text ("One of Always, OnFailure, Never."). This table is curated from the API
 * server's validation code (pkg/apis/core/validation, pkg/apis/apps/validation,
 * pkg/apis/batch/validation) so that a bad value is reported with the server's own words:
 * `Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`.
 */
import { compareVersions } from './versions';
import table from './enums.json';

export interface EnumEntry {
  /** Short definition name: the last dotted segment of the OpenAPI name (`PodSpec`, `Toleration`, `LabelSelectorRequirement`). */
  type: string;
  /** Property of that definition. For an array of strings, the values apply to each item. */
  field: string;
  /** Allowed values, in the order the API server lists them in its `supported values:` message. */
  values: string[];
  /** First Kubernetes version ("1.20", "1.23" … "1.35") these values apply to; omitted = from 1.20. */
  from?: string;
  /** Last version these values apply to (inclusive); omitted = up to the newest. */
  to?: string;
  /** Where the values come from upstream (function or constant in kubernetes/kubernetes), for reviewers. */
  source: string;
  /**
   * Where the server words a bad value as `Invalid value: "x": <invalid>` (field.Invalid) rather
   * than `Unsupported value: "x": supported values: …` (field.NotSupported).
   */
  invalid?: string;
  /** Why the entry starts or ends where it does (feature gates, upstream changes). */
  note?: string;
  /**
   * `"rules"`: the values are offered (completion, hover) but the schema check does not check
   * them: a rule (server/src/rules) does, in the server's words, which may name another path
   * (`spec.strategy: Unsupported value: apps.DeploymentStrategy{…}`) or say `Invalid value`.
   * The schemas carry them as `suggest` instead of `enum`. Omitted: the schema checks them.
   */
  checkedBy?: 'rules';
}

// How this table was built (for reviewers):
//
// * Values and their order come from pkg/apis/core/validation/validation.go (and, for
//   LabelSelectorRequirement, staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation) of the
//   released versions 1.20.0, 1.23.0, 1.24.0, 1.25.0, 1.26.1, 1.27.4, 1.28.0, 1.29.3, 1.30.0, 1.31.0,
//   1.32.3, 1.33.3, 1.34.1 and 1.35.7. Where upstream builds the list with sets.NewString(...).List()
//   or sets.List(sets.New(...)) the message is sorted byte-wise ("SCTP", "TCP", "UDP"); where it
//   passes a literal slice the slice order is kept ("Always", "OnFailure", "Never").
// * "Default-gates behaviour": a field whose feature gate is off by default in a version is dropped
//   by pkg/api/pod/util.go dropDisabledFields (or rejected as a whole) before validation, so no
//   `Unsupported value` can come from it; such versions have no entry (enumValues returns undefined).
// * Where upstream rejects a bad value with `field.Invalid` and a fixed sentence instead of
//   `field.NotSupported` (no "supported values:" list), the entry still lists the accepted values,
//   in the order the validation switch (and the field description) names them, and `source` quotes
//   the server's message.
// * `source` paths are relative to kubernetes/kubernetes; "util.go" means pkg/api/pod/util.go.
// * The workload kinds' own fields (DeploymentStrategy.type, JobSpec.completionMode, …) are
//   `checkedBy: "rules"`: rules/apps and rules/batch report a bad value as the server does, so the
//   schema only offers them. Their ranges follow the same default-gates behaviour, for a Job's own
//   spec (jobStrategy.PrepareForCreate drops a disabled field; rules/batch/gates.ts).
// * The table is data (enums.json), one entry per type, field and version range; `note` says why
//   a range starts or ends where it does.

/** The table (enums.json: data, with a note where a version range needs explaining). */
export const ENUMS: readonly EnumEntry[] = table.map((e) => {
  // JSON gives `checkedBy` as any string: only "rules" means something.
  if (e.checkedBy !== undefined && e.checkedBy !== 'rules')
    throw new Error(`enums.json ${e.type}.${e.field}: unknown checkedBy ${JSON.stringify(e.checkedBy)}`);
  return { ...e, checkedBy: e.checkedBy };
});

/** Whether `entry` applies to `version` ("1.20" … "1.35"), comparing minors numerically. */
export function entryCovers(entry: EnumEntry, version: string): boolean {
  return compareVersions(version, entry.from ?? '1.20') >= 0 && (entry.to === undefined || compareVersions(version, entry.to) <= 0);
}

/**
 * The allowed values of `type.field` in Kubernetes `version`, in the API server's order, or
 * undefined when the field has no enum in that version (not enum-valued, not present, or dropped
 * because its feature gate is off by default).
 */
export function enumValues(type: string, field: string, version: string): string[] | undefined {
  return enumEntry(type, field, version)?.values;
}

export function enumEntry(type: string, field: string, version: string): EnumEntry | undefined {
  return ENUMS.find((e) => e.type === type && e.field === field && entryCovers(e, version));
}
