/**
 * The cluster's answers put back onto the YAML: each cause of a 422 (`spec.containers[1].ports[0].containerPort`),
 * each server-side-apply conflict (`.spec.containers[name="app"].image`), the 500 "duplicate entries
 * for key [name="app"]", and `Warning:` headers become diagnostics (source: cluster) on the node
 * they are about, through the same path index as every other check.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { ClusterAnswerParams } from '../protocol';
import type { PathSegment } from '../schema/model';
import { JsonValue, PathIndex, pointerOf, Span } from '../yaml/decode';
import type { AnalysedPart } from './documents';
import { spanToRange } from './validate';
import { missingFieldSpan } from './where';

export const CLUSTER_SOURCE = 'cluster';

export function clusterDiagnostics(part: AnalysedPart, answer: ClusterAnswerParams): Diagnostic[] {
  const decoded = part.parsed.decoded;
  if (!decoded) return [];
  const place = (path: string | undefined, on: 'key' | 'value'): Span => spanOfPath(path, decoded.value, decoded.index, on);
  const diagnostic = (span: Span, message: string, severity: DiagnosticSeverity, code: string): Diagnostic => ({
    range: spanToRange(part, span),
    severity,
    source: CLUSTER_SOURCE,
    code,
    message,
  });
  const out: Diagnostic[] = [];
  const status = answer.status;
  if (status) {
    const causes = status.details?.causes ?? [];
    if (status.code === 409 && causes.length) {
      for (const c of causes) {
        out.push(diagnostic(place(c.field, 'key'), `${answer.action}: ${c.message ?? 'conflict'}: ${c.field} (apply with force to take it over)`, DiagnosticSeverity.Error, 'conflict'));
      }
    } else if (causes.some((c) => c.field)) {
      for (const c of causes) out.push(diagnostic(place(c.field, 'value'), `${c.field ?? ''}: ${c.message ?? c.reason ?? ''}`.replace(/^: /, ''), DiagnosticSeverity.Error, String(status.code)));
    } else {
      // "failed to create typed patch object (...): .spec.containers: duplicate entries for key [name="app"]"
      const dup = /(\.[\w.[\]="-]+): duplicate entries for key (\[[^\]]+\])/.exec(status.message ?? '');
      const span = dup ? duplicateEntrySpan(dup[1], dup[2], decoded.value, decoded.index) : place(undefined, 'key');
      out.push(diagnostic(span, `${answer.action}: ${status.message ?? `HTTP ${status.code}`}`, DiagnosticSeverity.Error, String(status.code)));
    }
  }
  for (const w of answer.warnings) out.push(diagnostic(place(warningPath(w), 'key'), `${answer.action}: Warning: ${w}`, DiagnosticSeverity.Warning, 'warning'));
  return out;
}

/** `spec.containers[0].name` (validation), `.spec.containers[name="app"].image` (apply), `metadata.labels[app]`. */
export function parseFieldPath(path: string, root: JsonValue): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let value: JsonValue | undefined = root;
  const re = /\.?([^.[\]]+)|\[([^\]]*)\]/gy;
  const text = path.startsWith('.') ? path : `.${path}`;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let seg: PathSegment;
    if (m[1] !== undefined) seg = m[1];
    else {
      const inside = m[2];
      if (/^\d+$/.test(inside) && Array.isArray(value)) seg = Number(inside);
      else if (inside.includes('=') && Array.isArray(value)) {
        const i = indexByKeys(value, inside);
        if (i < 0) return segments.length ? segments : undefined;
        seg = i;
      } else seg = inside;
    }
    segments.push(seg);
    value = value !== null && typeof value === 'object' ? (value as Record<string, JsonValue>)[seg as string] : undefined;
    if (re.lastIndex >= text.length) break;
  }
  return segments;
}

/** `name="app"` or `containerPort=80,protocol="TCP"`: the first list item with those keys. */
function indexByKeys(list: JsonValue[], keys: string, skip = 0): number {
  const wanted = keys.split(',').map((kv) => {
    const [k, raw] = kv.split(/=(.*)/s, 2);
    let v: unknown = raw;
    try {
      v = JSON.parse(raw);
    } catch {
      /* an unquoted string */
    }
    return [k.trim(), v] as const;
  });
  let seen = 0;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    if (wanted.every(([k, v]) => (k === '' ? item : (item as Record<string, unknown>)[k]) === v) && seen++ >= skip) return i;
  }
  return -1;
}

function spanOfPath(path: string | undefined, root: JsonValue, index: PathIndex, on: 'key' | 'value'): Span {
  const segments = path && path !== '<nil>' ? parseFieldPath(path, root) : undefined;
  if (segments) {
    for (let n = segments.length; n > 0; n--) {
      const entry = index.get(pointerOf(segments.slice(0, n)));
      if (!entry) continue;
      if (n < segments.length) return missingFieldSpan(index, pointerOf(segments.slice(0, n)), pointerOf(segments.slice(0, n + 1)));
      return on === 'key' ? entry.key ?? entry.value : entry.value;
    }
  }
  // Nothing more precise: the document's `kind` key, which says what this document is.
  return index.get('/kind')?.key ?? { start: 0, end: 0 };
}

/** The second of two list items with the same key: the one to remove or rename. */
function duplicateEntrySpan(listPath: string, keys: string, root: JsonValue, index: PathIndex): Span {
  const segments = parseFieldPath(listPath, root) ?? [];
  let list: JsonValue | undefined = root;
  for (const s of segments) list = list !== null && typeof list === 'object' ? (list as Record<string, JsonValue>)[s as string] : undefined;
  if (Array.isArray(list)) {
    const i = indexByKeys(list, keys.slice(1, -1), 1);
    const keyName = keys.slice(1, -1).split('=')[0];
    const entry = i >= 0 ? index.get(pointerOf([...segments, i, keyName])) : undefined;
    if (entry) return entry.value;
  }
  return spanOfPath(listPath, root, index, 'key');
}

/** Warnings that name a field (`spec.volumes[0].gitRepo: deprecated in v1.11`) go on it. */
function warningPath(warning: string): string | undefined {
  const m = /^((?:metadata|spec)[\w.[\]/-]*):/.exec(warning);
  return m?.[1];
}

/**
 * The cluster diagnostics of each open file, kept until the next edit (a new text version) or
 * the next answer for the same Pod (a success clears them).
 */
export class ClusterAnswers {
  private readonly files = new Map<string, { version: number; byIndex: Map<number, Diagnostic[]> }>();

  set(part: AnalysedPart, answer: ClusterAnswerParams): void {
    let file = this.files.get(answer.uri);
    if (!file || file.version !== answer.version) this.files.set(answer.uri, (file = { version: answer.version, byIndex: new Map() }));
    file.byIndex.set(answer.index, clusterDiagnostics(part, answer));
  }

  /** The cluster diagnostics still standing for this text version. */
  get(uri: string, version: number): Diagnostic[] {
    const file = this.files.get(uri);
    if (!file) return [];
    if (file.version !== version) {
      this.files.delete(uri);
      return [];
    }
    return [...file.byIndex.values()].flat();
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }
}
