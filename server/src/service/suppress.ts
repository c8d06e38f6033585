/**
 * Saying "not here", as ESLint's comments do: `# pod-manifests-disable-next-line CODE…` on the
 * line above silences those diagnostics on that line; `# pod-manifests-disable CODE…` among the
 * comments at the top of a `---` document silences them in the whole document. No code: every
 * diagnostic. Codes are the diagnostics' (`unknown-field`, `required`, `yaml-syntax`, …),
 * separated by spaces or commas; ` -- ` starts a reason, which is for the reader.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysedPart } from './documents';

export const DISABLE = 'pod-manifests-disable';
export const DISABLE_NEXT_LINE = 'pod-manifests-disable-next-line';

/** The codes a comment names; 'all' when it names none. */
type Codes = ReadonlySet<string> | 'all';

export interface Suppression {
  codes: Codes;
  /** the comment's own line (0-based, in the file) */
  line: number;
}

export interface Suppressions {
  /** `pod-manifests-disable` at the top of the document */
  document?: Suppression;
  /** by the line they silence (the line after the comment) */
  lines: ReadonlyMap<number, Suppression>;
}

const COMMENT = /^\s*#\s*pod-manifests-disable(-next-line)?(?:[ \t]+([^\n]*))?$/;

/** A comment line's directive, if it is one. */
export function parseDirective(line: string): { nextLine: boolean; codes: Codes; named: string[] } | undefined {
  const m = COMMENT.exec(line);
  if (!m) return undefined;
  const named = (m[2] ?? '')
    .split(/\s--\s|^--\s|\s--$/)[0]
    .split(/[\s,]+/)
    .filter(Boolean);
  return { nextLine: !!m[1], codes: named.length ? new Set(named) : 'all', named };
}

const NONE: Suppressions = { lines: new Map() };

/** The suppressions a document's comments make. */
export function suppressionsOf(part: AnalysedPart): Suppressions {
  // Most documents have none: one scan of the text says so.
  if (!part.text.includes(DISABLE)) return NONE;
  const lines = part.text.split('\n');
  const out: { document?: Suppression; lines: Map<number, Suppression> } = { lines: new Map() };
  let header = true;
  lines.forEach((text, i) => {
    const line = part.line + i;
    const trimmed = text.trim();
    const directive = trimmed.startsWith('#') ? parseDirective(text) : undefined;
    if (directive?.nextLine) out.lines.set(line + 1, { codes: directive.codes, line });
    else if (directive && header) out.document = { codes: directive.codes, line };
    // The top of a document: its `---` line, blank lines and comments, before the first content.
    if (trimmed !== '' && !trimmed.startsWith('#') && !(i === 0 && /^---(\s|$)/.test(text))) header = false;
  });
  return out;
}

const covers = (s: Suppression | undefined, code: string) => !!s && (s.codes === 'all' || s.codes.has(code));

/** The comment that silences `d`, if one does. */
export function suppressing(d: Diagnostic, s: Suppressions): Suppression | undefined {
  const code = String(d.code ?? '');
  if (covers(s.document, code)) return s.document;
  const above = s.lines.get(d.range.start.line);
  return covers(above, code) ? above : undefined;
}
