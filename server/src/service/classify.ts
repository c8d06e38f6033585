/**
 * Which documents are ours. No settings: a document is a Pod or a workload when its `kind` names
 * one (kinds.ts). A document that clearly means to be one but gets the header wrong (`kind: pod`,
 * `kind: deployments`, no `apiVersion`, a misspelt `kind`) is reported, since the API server would
 * reject it. Whether its apiVersion is served depends on the Kubernetes version: `servedProblem`.
 */
import { deprecationWarning, KINDS, ObjectKind, servedApiVersions } from '../schema/kinds';
import type { JsonValue, PathIndex, Span } from '../yaml/decode';
import type { Problem } from './problems';
import { closestName } from './suggest';

export type DocumentClass =
  /**
   * A Pod or a workload: validate it as `type`. `header` lists problems with apiVersion/kind that
   * still leave its body worth checking.
   */
  | { kind: 'object'; type: ObjectKind; header: Problem[] }
  /** Meant as a Pod, but the kind is missing: only that is reported. */
  | { kind: 'pod-without-kind'; header: Problem[] }
  | { kind: 'other' };

const OTHER: DocumentClass = { kind: 'other' };

/** `pod`, `Pods`, `deployments` → the kind they mean. */
const BY_LOWER = new Map<string, ObjectKind>(KINDS.flatMap((k) => [[k.toLowerCase(), k] as const, [`${k.toLowerCase()}s`, k] as const]));

const spanAt = (index: PathIndex, pointer: string, part: 'key' | 'value'): Span => {
  const e = index.get(pointer);
  return (part === 'key' ? e?.key : e?.value) ?? e?.value ?? { start: 0, end: 0 };
};

export function classifyDocument(value: JsonValue, index: PathIndex): DocumentClass {
  if (!isObject(value)) return OTHER;
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  const type = typeof kind === 'string' ? BY_LOWER.get(kind.toLowerCase()) : undefined;
  if (type) {
    const header: Problem[] = [];
    if (apiVersion === undefined || apiVersion === null) {
      header.push({
        code: 'missing-api-version',
        severity: 'error',
        message: `Object 'apiVersion' is missing in '{...}'`,
        span: spanAt(index, '/kind', 'key'),
      });
    }
    if (kind !== type) {
      header.push({
        code: 'wrong-kind',
        severity: 'error',
        message: `no matches for kind "${kind}" in version "${String(apiVersion ?? '')}"`,
        span: spanAt(index, '/kind', 'value'),
        replacement: type,
      });
    }
    return { kind: 'object', type, header };
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
      const span = misspelt ? spanAt(index, `/${misspelt}`, 'key') : spanAt(index, '/apiVersion', 'key');
      return {
        kind: 'pod-without-kind',
        header: [{ code: 'missing-kind', severity: 'error', message: `Object 'Kind' is missing in '{...}'`, span, replacement: misspelt ? 'kind' : undefined }],
      };
    }
  }
  return OTHER;
}

/**
 * The server's answer to an apiVersion it does not serve the kind at, in `version`
 * (`extensions/v1beta1` Deployments, `batch/v1beta1` CronJobs from 1.25, `batch/v1` CronJobs in
 * 1.20), with the served one as the fix; its warning for one it serves deprecated (`batch/v1beta1`
 * CronJobs in 1.21–1.24); undefined when it is served (or missing: classify says so).
 */
export function servedProblem(value: JsonValue, index: PathIndex, type: ObjectKind, version: string): Problem | undefined {
  if (!isObject(value)) return undefined;
  const apiVersion = value.apiVersion;
  if (apiVersion === undefined || apiVersion === null) return undefined;
  const served = servedApiVersions(type, version);
  if (typeof apiVersion === 'string' && served.includes(apiVersion)) {
    const deprecated = deprecationWarning(type, apiVersion, version);
    return deprecated
      ? { code: 'deprecated-api-version', severity: 'warning', message: deprecated, span: spanAt(index, '/apiVersion', 'value'), replacement: served[0] }
      : undefined;
  }
  const written = typeof value.kind === 'string' ? value.kind : type;
  return {
    code: 'wrong-api-version',
    severity: 'error',
    message: `no matches for kind "${written}" in version "${String(apiVersion)}"`,
    span: spanAt(index, '/apiVersion', 'value'),
    replacement: served[0],
  };
}

function isObject(v: JsonValue | undefined): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
