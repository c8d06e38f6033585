/**
 * The cluster's answers put back onto the YAML: each cause of a 422 (`spec.containers[1].ports[0].containerPort`),
 * each server-side-apply conflict (`.spec.containers[name="app"].image`), the 500 "duplicate entries
 * for key [name="app"]", and `Warning:` headers become diagnostics (source: cluster) on the node
 * they are about, through the same path index as every other check.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ClusterAnswerParams } from '../../../protocol/messages';
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
