/**
 * The language-service core as tests use it: the committed schemas, validators compiled by ajv
 * standalone as the bundle's are (cached between test processes: validators.ts), and a `|` marker
 * for the cursor.
 */
import { resolve } from 'node:path';
import type { Position, TextEdit } from 'vscode-languageserver-types';
import { schemasFromDirectory } from '../../server/src/schema/load';
import type { KubernetesVersion } from '../../server/src/schema/versions';
import { createPodLanguageService, PodLanguageService, TextDocumentLike } from '../../server/src/service';
import { cachedValidators } from './validators';

export const REPO = resolve(__dirname, '..', '..');
export const schemas = schemasFromDirectory(resolve(REPO, 'schemas'), cachedValidators(REPO));

export function service(version?: KubernetesVersion): PodLanguageService {
  return createPodLanguageService({ schemas, version });
}

let next = 0;
export function doc(text: string, uri = `file:///test/${++next}.yaml`, version = 1): TextDocumentLike {
  return { uri, version, getText: () => text };
}

/** Splits `text` at its `|` cursor marker. */
export function withCursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  if (at < 0 || marked.indexOf('|', at + 1) >= 0) throw new Error('mark exactly one cursor with |');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** Diagnostics as `line:col-line:col code message` (1-based), the way a reader checks them. */
export function brief(d: { range: { start: Position; end: Position }; code?: string | number; message: string | { value: string } }): string {
  const r = d.range;
  const message = typeof d.message === 'string' ? d.message : d.message.value;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${d.code} ${message}`;
}

/** Strips a common indentation so YAML can be written indented inside a test. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown there; this server sends strings). */
export function messageText(m: string | { value: string }): string {
  return typeof m === 'string' ? m : m.value;
}

/** Applies edits (none overlapping) to a text, as an editor does. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const offset = (p: Position) => starts[p.line] + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
