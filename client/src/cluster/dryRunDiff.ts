/**
 * The two texts of the Dry run diff: the live object (empty when it does not exist yet) and what
 * the server answered to the dry-run apply. Fields the server changes on every write, or that
 * describe state rather than intent (managedFields, resourceVersion, uid, timestamps,
 * generation, status), are left out of both, so the diff shows what applying would change.
 * Keys are sorted, as kubectl prints YAML: the server's key order differs between answers (a
 * PATCH answer starts with kind, a GET with apiVersion), which would show as changes.
 */
import { stringify } from 'yaml';

const DROPPED_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'deletionTimestamp', 'generation', 'selfLink'];

export interface DiffTexts {
  /** the live object as YAML, '' when there is none */
  live: string;
  /** the dry-run result as YAML */
  dryRun: string;
}

export function dryRunDiffTexts(live: object | undefined, dryRun: object): DiffTexts {
  return { live: live ? toYaml(comparable(live)) : '', dryRun: toYaml(comparable(dryRun)) };
}

/** A copy without the fields that do not belong in the diff. */
export function comparable(obj: object): Record<string, unknown> {
  const copy = structuredClone(obj) as Record<string, any>;
  delete copy.status;
  const meta = copy.metadata;
  if (meta && typeof meta === 'object') {
    for (const k of DROPPED_METADATA) delete meta[k];
    if (meta.annotations && typeof meta.annotations === 'object' && Object.keys(meta.annotations).length === 0) delete meta.annotations;
  }
  return copy;
}

function toYaml(obj: unknown): string {
  return stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false, sortMapEntries: true });
}
