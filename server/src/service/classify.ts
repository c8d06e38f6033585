/**
 * Which documents are Pods. No settings: a document is a Pod when it says `apiVersion: v1` and
 * `kind: Pod`. A document that clearly means to be a Pod but gets the header wrong (`kind: pod`,
 * `apiVersion: apps/v1`, a misspelt `kind`) is reported, since the API server would reject it.
 */
import type { JsonValue, PathIndex } from '../yaml/decode';
import type { Problem } from './problems';
import { closestName } from './suggest';

export type DocumentClass =
  /** A Pod: validate it. `header` lists problems with apiVersion/kind that still leave a Pod body. */
  | { kind: 'pod'; header: Problem[] }
  /** Meant as a Pod, but the kind is missing: only that is reported. */
  | { kind: 'pod-without-kind'; header: Problem[] }
  | { kind: 'other' };

const OTHER: DocumentClass = { kind: 'other' };

export function classifyDocument(value: JsonValue, index: PathIndex): DocumentClass {
  if (!isObject(value)) return OTHER;
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  const at = (pointer: string, part: 'key' | 'value') => {
    const e = index.get(pointer);
    return (part === 'key' ? e?.key : e?.value) ?? e?.value ?? { start: 0, end: 0 };
  };
  if (typeof kind === 'string' && /^pods?$/i.test(kind)) {
    const header: Problem[] = [];
    if (apiVersion === undefined || apiVersion === null) {
      header.push({
        code: 'missing-api-version',
        severity: 'error',
        message: `Object 'apiVersion' is missing in '{...}'`,
        span: at('/kind', 'key'),
      });
    } else if (apiVersion !== 'v1') {
      header.push({
        code: 'wrong-api-version',
        severity: 'error',
        message: `no matches for kind "${kind}" in version "${String(apiVersion)}"`,
        span: at('/apiVersion', 'value'),
        replacement: 'v1',
      });
    }
    if (kind !== 'Pod') {
      header.push({
        code: 'wrong-kind',
        severity: 'error',
        message: `no matches for kind "${kind}" in version "${apiVersion === 'v1' ? 'v1' : String(apiVersion ?? '')}"`,
        span: at('/kind', 'value'),
        replacement: 'Pod',
      });
    }
    return { kind: 'pod', header };
  }
  if ((kind === undefined || kind === null) && apiVersion === 'v1') {
    const keys = Object.keys(value);
    const misspelt = closestName(
      'kind',
      keys.filter((k) => k !== 'apiVersion'),
      2,
    );
    const spec = value.spec;
    const looksLikePod = isObject(spec) && Array.isArray(spec.containers);
    if (misspelt || looksLikePod) {
      const span = misspelt ? at(`/${misspelt}`, 'key') : at('/apiVersion', 'key');
      return {
        kind: 'pod-without-kind',
        header: [{ code: 'missing-kind', severity: 'error', message: `Object 'Kind' is missing in '{...}'`, span, replacement: misspelt ? 'kind' : undefined }],
      };
    }
  }
  return OTHER;
}

function isObject(v: JsonValue | undefined): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
