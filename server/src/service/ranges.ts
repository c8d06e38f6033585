/**
 * Offsets in a `---` document → LSP ranges in the file, and the few comparisons of positions the
 * features need. Every feature that answers with a range goes through here.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import type { Span } from '../yaml/decode';
import type { AnalysedPart } from './documents';

export function spanToRange(part: AnalysedPart, span: Span): Range {
  span = visible(span, part.text);
  const start = part.parsed.lines.positionAt(beforeCr(span.start, part.text));
  const end = part.parsed.lines.positionAt(beforeCr(span.end, part.text));
  return {
    start: { line: start.line + part.line, character: start.character },
    end: { line: end.line + part.line, character: end.character },
  };
}

/** The exact range of `span`, empty spans kept empty: where a text edit goes (spanToRange widens them to be seen). */
export function editRange(part: AnalysedPart, span: Span): Range {
  const start = part.parsed.lines.positionAt(span.start);
  const end = part.parsed.lines.positionAt(span.end);
  return {
    start: { line: start.line + part.line, character: start.character },
    end: { line: end.line + part.line, character: end.character },
  };
}

/** The whole document. */
export function partRange(part: AnalysedPart): Range {
  return spanToRange(part, { start: 0, end: part.text.length });
}

/** Negative when `a` comes first. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether the two ranges share a position (touching counts). */
export function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.end, b.start) >= 0 && comparePositions(b.end, a.start) >= 0;
}

export function contains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** An offset between the \r and \n of a CRLF line break is past the line's end for the editor: move it before the \r. */
const beforeCr = (offset: number, text: string) => (offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset);

/**
 * An empty value has an empty span (`- ` with nothing after it): widen it to the `-` or `:` that
 * introduces it, so the editor has something to underline.
 */
function visible(span: Span, text: string): Span {
  if (span.end > span.start) return span;
  let i = span.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && (text[i] === '-' || text[i] === ':')) return { start: i, end: span.start };
  return span.start < text.length && text[span.start] !== '\n' ? { start: span.start, end: span.start + 1 } : span;
}
