/**
 * The cluster's answers put back onto the YAML: each cause of a 422 (`spec.containers[1].ports[0].containerPort`),
 * each server-side-apply conflict (`.spec.containers[name="app"].image`), the 500 "duplicate entries
 * for key [name="app"]", and `Warning:` headers become diagnostics (source: cluster) on the node
 * they are about, through the same path index as every other check.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ClusterAnswerParams, ClusterFinding, ClusterStatusParams } from '../../../protocol/messages';
import { indexByKeys, parseFieldPath } from '../path/fieldPath';
import { pointerOf } from '../path/segments';
import type { JsonValue, PathIndex, Span } from '../yaml/decode';
import { CLUSTER_SOURCE, toDiagnostic } from './diagnostics';
import type { AnalysedPart } from './documents';
import type { Severity } from './problems';
import { spanOfPath } from './where';

export function clusterDiagnostics(part: AnalysedPart, answer: ClusterAnswerParams): Diagnostic[] {
  const decoded = part.parsed.decoded;
  if (!decoded) return [];
  const place = (path: string | undefined, on: 'key' | 'value'): Span => placeOf(path, decoded.value, decoded.index, on);
  const diagnostic = (span: Span, message: string, severity: Severity, code: string): Diagnostic =>
    toDiagnostic(part, { span, message, severity, code }, CLUSTER_SOURCE);
  const out: Diagnostic[] = [];
  const status = answer.status;
  if (status) {
    const causes = status.details?.causes ?? [];
    if (status.code === 409 && causes.length) {
      for (const c of causes) {
        out.push(
          diagnostic(place(c.field, 'key'), `${answer.action}: ${c.message ?? 'conflict'}: ${c.field} (apply with force to take it over)`, 'error', 'conflict'),
        );
      }
    } else if (causes.some((c) => c.field)) {
      for (const c of causes)
        out.push(diagnostic(place(c.field, 'value'), `${c.field ?? ''}: ${c.message ?? c.reason ?? ''}`.replace(/^: /, ''), 'error', String(status.code)));
    } else {
      // "failed to create typed patch object (...): .spec.containers: duplicate entries for key [name="app"]"
      const dup = /(\.[\w.[\]="-]+): duplicate entries for key (\[[^\]]+\])/.exec(status.message ?? '');
      const span = dup ? duplicateEntrySpan(dup[1], dup[2], decoded.value, decoded.index) : place(undefined, 'key');
      out.push(diagnostic(span, `${answer.action}: ${status.message ?? `HTTP ${status.code}`}`, 'error', String(status.code)));
    }
  }
  for (const w of answer.warnings) out.push(diagnostic(place(warningPath(w), 'key'), `${answer.action}: Warning: ${w}`, 'warning', 'warning'));
  return out;
}

/** Where a field the server names is written; nothing more precise: the `kind` key, which says what this document is. */
function placeOf(path: string | undefined, root: JsonValue, index: PathIndex, on: 'key' | 'value'): Span {
  const segments = path && path !== '<nil>' ? parseFieldPath(path, root) : undefined;
  if (segments?.length) return spanOfPath(index, segments, on);
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
  return placeOf(listPath, root, index, 'key');
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

/**
 * The live findings of one object, placed on the current text's fields by their paths: on a
 * scalar's value (`image: web:1`), on a mapping's key (`livenessProbe:`), on a list item's first
 * key (a container's `name`).
 */
export function statusDiagnostics(part: AnalysedPart, findings: ClusterFinding[]): Diagnostic[] {
  const decoded = part.parsed.decoded;
  if (!decoded) return [];
  return findings.map((f) => {
    const segments = f.path ? parseFieldPath(f.path, decoded.value) : undefined;
    let value: JsonValue | undefined = decoded.value;
    for (const s of segments ?? []) value = value !== null && typeof value === 'object' ? (value as Record<string, JsonValue>)[s as string] : undefined;
    const span = segments?.length
      ? spanOfPath(decoded.index, segments, value !== null && typeof value === 'object' ? 'key' : 'value')
      : placeOf(undefined, decoded.value, decoded.index, 'key');
    return toDiagnostic(part, { span, message: f.message, severity: f.severity, code: f.code }, CLUSTER_SOURCE);
  });
}

/**
 * What the cluster reports about the live objects of each open file, by object (kind, namespace,
 * name): kept across edits, since it is about the object, not the text, and re-placed on every
 * validation by its field paths; replaced by the client's next report.
 */
export class ClusterStatuses {
  private readonly files = new Map<string, Map<string, ClusterStatusParams>>();

  set(status: ClusterStatusParams): void {
    let file = this.files.get(status.uri);
    if (!file) this.files.set(status.uri, (file = new Map()));
    const key = `${status.kind}/${status.namespace ?? ''}/${status.name}`;
    if (status.findings.length) file.set(key, status);
    else file.delete(key);
  }

  /** The reports of this file, for the parts whose kind and name (and namespace, if either says one) match. */
  get(uri: string, parts: readonly AnalysedPart[]): Diagnostic[] {
    const file = this.files.get(uri);
    if (!file?.size) return [];
    const out: Diagnostic[] = [];
    for (const part of parts) {
      if (part.class.kind !== 'object') continue;
      const value = part.parsed.decoded?.value as { metadata?: { name?: unknown; namespace?: unknown } } | undefined;
      const name = value?.metadata?.name;
      if (typeof name !== 'string') continue;
      for (const status of file.values()) {
        const namespace = value?.metadata?.namespace;
        if (status.kind !== part.class.type || status.name !== name) continue;
        if (status.namespace && typeof namespace === 'string' && namespace !== status.namespace) continue;
        out.push(...statusDiagnostics(part, status.findings));
      }
    }
    return out;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }
}
