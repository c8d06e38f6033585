/**
 * Helm chart templates (Go template actions in YAML) read as the YAML they will become, as far as
 * it is known. Each action `{{ … }}` is replaced in place, so every offset and line stays:
 * - a line that holds only actions (`{{- if .Values.x }}`, `{{- end }}`, `{{- include "labels" . |
 *   nindent 4 }}`, `{{- toYaml .Values.resources | nindent 12 }}`) becomes blank. Such a line may
 *   add or remove keys wherever it stands, so the collection it stands in is *open*: nothing there
 *   is certainly missing or repeated.
 * - an action within a line stands for (part of) a value: it becomes a placeholder of the same
 *   length, and what would be said of that value is not said (it is unknown until rendered).
 * Everything literal is checked as in any manifest.
 */
import { LineMap } from './lines';

export interface TemplateMask {
  /** The text with every action replaced, the same length as the original. */
  text: string;
  /** Offsets of every action (start, end), in text order. */
  actions: [number, number][];
  /** Offsets of the actions that stand for values (start, end). */
  values: [number, number][];
  /**
   * 0-based lines that held only actions, and lines whose key's value an action writes as a block
   * (`key: {{- toYaml . | nindent 8 }}`), each with the column what it writes starts at: an
   * `indent N` / `nindent N` says; else where its first action stands.
   */
  control: { line: number; column: number }[];
  /** The lines of each `if` / `with` / `range` … `end` (0-based, first and last): what is between may or may not be rendered. */
  branches: [number, number][];
}

/**
 * A placeholder: letters, a plain scalar wherever it lands (a value, part of a string, a key), and
 * each one different (its number in base 26 after an `x`), so that two unknown values never look
 * alike (two ports `{{ .Values.port }}` are not "duplicate port definitions").
 */
function placeholder(n: number, length: number): string {
  let id = '';
  for (let k = n; ; k = Math.floor(k / 26) - 1) {
    id = String.fromCharCode(97 + (k % 26)) + id;
    if (k < 26) break;
  }
  return `x${id}`.padEnd(length, 'x').slice(0, length);
}

/** The mask of a template, or undefined when the text has no action. */
export function maskTemplate(text: string): TemplateMask | undefined {
  if (!text.includes('{{')) return undefined;
  const actions: [number, number][] = [];
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at)) {
    const end = text.indexOf('}}', at + 2);
    if (end < 0) break; // an unterminated action stays as it is: the YAML error says where
    actions.push([at, end + 2]);
    at = end + 2;
  }
  if (actions.length === 0) return undefined;
  const chars = text.split('');
  const values: [number, number][] = [];
  const control: { line: number; column: number }[] = [];
  const branches: [number, number][] = [];
  const opened: number[] = [];
  // Lines, to tell which actions fill theirs.
  const lines = new LineMap(text);
  const lineOf = (offset: number) => lines.positionAt(offset).line;
  let i = 0;
  while (i < actions.length) {
    // The actions of one run of lines: those that touch the lines the first one spans.
    const firstLine = lineOf(actions[i][0]);
    let lastLine = lineOf(actions[i][1] - 1);
    let j = i + 1;
    while (j < actions.length && lineOf(actions[j][0]) <= lastLine) {
      lastLine = Math.max(lastLine, lineOf(actions[j][1] - 1));
      j++;
    }
    const from = lines.lineStart(firstLine);
    const to = lastLine + 1 < lines.lineCount ? lines.lineStart(lastLine + 1) - 1 : text.length;
    let rest = '';
    let cursor = from;
    for (let k = i; k < j; k++) {
      rest += text.slice(cursor, actions[k][0]);
      cursor = actions[k][1];
    }
    rest += text.slice(cursor, to);
    const onlyActions = rest.trim() === '';
    for (let k = i; k < j; k++) {
      const [s, e] = actions[k];
      // `key: {{- include "x" . | nindent 8 }}` writes the key's value as a block: blank, and the key's value is open.
      const block = !onlyActions && /\|\s*nindent\s+(\d+)/.exec(text.slice(s, e));
      if (block && /(:|^\s*-)\s*$/.test(text.slice(lines.lineStart(lineOf(s)), s))) {
        for (let c = s; c < e; c++) if (chars[c] !== '\n' && chars[c] !== '\r') chars[c] = ' ';
        control.push({ line: lineOf(s), column: Number(block[1]) });
        continue;
      }
      const fill = onlyActions ? '' : placeholder(values.length, e - s);
      for (let c = s; c < e; c++) if (chars[c] !== '\n' && chars[c] !== '\r') chars[c] = onlyActions ? ' ' : fill[c - s];
      if (!onlyActions) values.push([s, e]);
    }
    for (let k = i; k < j; k++) {
      const word = /^\{\{-?\s*(\w+)/.exec(text.slice(actions[k][0], actions[k][1]))?.[1];
      if (word === 'if' || word === 'with' || word === 'range' || word === 'define' || word === 'block') opened.push(lineOf(actions[k][0]));
      else if (word === 'end' && opened.length) branches.push([opened.pop()!, lineOf(actions[k][0])]);
    }
    if (onlyActions) {
      const indent = /\bn?indent\s+(\d+)/.exec(text.slice(actions[i][0], actions[j - 1][1]));
      const column = indent ? Number(indent[1]) : actions[i][0] - lines.lineStart(firstLine);
      for (let line = firstLine; line <= lastLine; line++) control.push({ line, column });
    }
    i = j;
  }
  return { text: chars.join(''), actions, values, control, branches };
}
