/**
 * What the two ways of re-parsing part of a document share (reparse.ts: one whole collection;
 * reparseWindow.ts: some entries of one): the edit, the collection that holds it, and moving the
 * old parse's offsets.
 */
import type { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { pointerOf, Segment } from '../path/segments';
import type { JsonValue, PathIndex } from './decode';
import type { DuplicateKey } from './duplicateKeys';
import { LineMap } from './lines';
import { ParsedDocument, syntaxProblems } from './parse';

type Collection = YAMLMap | YAMLSeq;

/** A block collection that holds the edit, with the way to it. */
export interface Candidate {
  node: Collection;
  parent: Collection;
  /** The pair (in a map) or item index (in a list) that holds `node`. */
  slot: Pair | number;
  segments: Segment[];
  /** The collections above `node`, root first. */
  ancestors: Collection[];
  /** The nodes just after the way to `node`, at each level: they must start after its lines. */
  following: Node[];
}

/** The text changed between `start` and `oldEnd` (old offsets); `delta` = new length − old length. */
export interface Change {
  start: number;
  oldEnd: number;
  delta: number;
}

/**
 * A pure insertion or deletion moved right towards `to`, one character at a time while the text
 * reads the same (an insertion's first character is the old one after it; a deletion's, the old
 * one after what it deletes).
 */
export function slideRight(change: Change, a: string, text: string, to: number): Change {
  let { start, oldEnd } = change;
  const inserted = oldEnd === start && change.delta > 0;
  const deleted = change.delta < 0 && oldEnd - start === -change.delta;
  if (!inserted && !deleted) return change;
  while (start < to && (inserted ? text.charCodeAt(start) === a.charCodeAt(start) : a.charCodeAt(start) === a.charCodeAt(oldEnd))) {
    start++;
    oldEnd++;
  }
  return { start, oldEnd, delta: change.delta };
}

/** A copy of `root` with `value` at `segments`, sharing everything off that path. */
export function withValueAt(root: JsonValue, segments: Segment[], value: JsonValue): JsonValue | undefined {
  if (segments.length === 0) return value;
  const [first, ...rest] = segments;
  if (Array.isArray(root)) {
    if (typeof first !== 'number' || first >= root.length) return undefined;
    const inner = withValueAt(root[first], rest, value);
    if (inner === undefined) return undefined;
    const copy = root.slice();
    copy[first] = inner;
    return copy;
  }
  if (root === null || typeof root !== 'object' || !Object.prototype.hasOwnProperty.call(root, first)) return undefined;
  const inner = withValueAt(root[first as string], rest, value);
  if (inner === undefined) return undefined;
  return { ...root, [first]: inner };
}

/** Every node's range in the AST, in document order (each node before the nodes below it, so by start). */
export type Ranges = [number, number, number][];

/** The ranges of `top` and everything below it, in document order. */
export function rangesOf(top: unknown, out: Ranges = []): Ranges {
  // An explicit stack (children pushed last first): documents may nest thousands of levels deep.
  const stack: unknown[] = [top];
  while (stack.length > 0) {
    const node = stack.pop() as { range?: [number, number, number]; items?: unknown[]; key?: unknown; value?: unknown };
    if (!node) continue;
    if (node.range) out.push(node.range);
    if (node.items !== undefined) for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    else if (node.range === undefined) stack.push(node.value, node.key);
  }
  return out;
}

/** The first index whose range starts at or after `offset`. */
function firstAtOrAfter(ranges: Ranges, offset: number): number {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid][0] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The ranges after an edit, in place: those starting in [from, to) (the old lines parsed again)
 * give way to `fresh` (the new nodes', at the text's offsets), except `keep` (a collection above
 * that starts there), and those starting after the old lines move by `delta`. One flat loop over
 * plain arrays where walking the tree to shift it cost ~1.2 ms a keystroke in a 6,400-line Pod.
 */
export function spliceRanges(ranges: Ranges, from: number, to: number, delta: number, fresh: Ranges, keep: ReadonlySet<unknown>): void {
  const p = firstAtOrAfter(ranges, from);
  const q = firstAtOrAfter(ranges, to);
  const kept: Ranges = [];
  for (let k = p; k < q; k++) if (keep.has(ranges[k])) kept.push(ranges[k]);
  const inserted = kept.concat(fresh);
  ranges.splice(p, q - p, ...inserted);
  shiftRanges(ranges, delta, p + inserted.length);
}

/** Moves the ranges from index `from` on by `delta`, in place (the nodes' own arrays); returns them. */
export function shiftRanges(ranges: Ranges, delta: number, from = 0): Ranges {
  for (let k = from; k < ranges.length; k++) {
    const r = ranges[k];
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  return ranges;
}

/** A `#` in text[from..to] (inclusive), looking at those characters only. */
export function hasHash(text: string, from: number, to: number): boolean {
  const end = Math.min(to, text.length - 1);
  for (let i = from; i <= end; i++) if (text.charCodeAt(i) === 35) return true;
  return false;
}

export function blankOnly(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isWhitespace(text.charCodeAt(i))) return false;
  return true;
}

export const isWhitespace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
export const isDash = (content: string) => content.startsWith('-') && (content.length === 1 || /[ \t\r]/.test(content[1]));
export const endOfLine = (text: string, pos: number) => {
  const eol = text.indexOf('\n', pos);
  return eol < 0 ? text.length : eol;
};
/** The column of `offset` in `text`. */
export const columnOf = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** The first line with content at or after `from`: its content (indentation off) and indentation. */
export function nextContentLine(text: string, from: number): { content: string; indent: number; tabbed: boolean } | undefined {
  for (let pos = from; pos < text.length;) {
    const lineEnd = endOfLine(text, pos);
    const line = text.slice(pos, lineEnd);
    const content = line.trimStart();
    if (content !== '' && content !== '\r') {
      const indent = line.length - content.length;
      return { content, indent, tabbed: line.slice(0, indent).includes('\t') };
    }
    pos = lineEnd + 1;
  }
  return undefined;
}

export const nextLineStart = (text: string, pos: number) => {
  const eol = text.indexOf('\n', pos);
  return eol < 0 ? text.length : eol + 1;
};

const EXPLICIT_KEY = /^[ \t-]*\?(?:[ \t]|$)/m;
/** A tag (`!!str`, `!x`) where a node can start. */
const TAG = /(?:^|[\s,[{:-])!/;

/**
 * An explicit key (`? k`) or a tag on a line of text[from, to): where such an entry starts or
 * ends depends on what stands around it, so those lines are not parsed apart.
 */
export function hasExplicitKey(text: string, from: number, to: number): boolean {
  const lines = text.slice(from, to);
  return EXPLICIT_KEY.test(lines) || TAG.test(lines);
}

/** Whether pointer `p` is one of `pointers` or lies under one. */
function isUnder(p: string, pointers: readonly string[]): boolean {
  for (const g of pointers) if (p.startsWith(g) && (p.length === g.length || p.charCodeAt(g.length) === 47) /* / */) return true;
  return false;
}

/**
 * The path index after an edit, in place (no alias in the document: every span belongs to one
 * entry): the entries under `gone` (the pointers parsed again, none ending before `from`) leave
 * it, those after the edited lines move by `delta`, the collections on the way (`segments`, root
 * first; `ends` has one for each, from the root's down, as many as were moved) end at `ends`, and
 * the new entries come in. The loop runs over the rest of a big document on every edit: plain
 * arithmetic, no calls.
 */
export function moveIndex(
  index: PathIndex,
  from: number,
  after: number,
  delta: number,
  gone: readonly string[],
  way: { segments: readonly Segment[]; ends: readonly number[]; added: PathIndex },
): void {
  // forEach, not for…of: the entries iterator makes an array per entry, a 6,400-line Pod's worth
  // of garbage on every keystroke.
  index.forEach((e, p) => {
    const keyed = e.keyStart >= 0;
    if (e.valueEnd < from && (!keyed || e.keyEnd < from)) return;
    // Wholly after the lines parsed again: moved, never gone (what is gone stood in those lines; a
    // collection decoded again whole sets its later entries again from `added`).
    if (e.valueStart >= after && (!keyed || e.keyStart >= after)) {
      if (keyed) {
        e.keyStart += delta;
        e.keyEnd += delta;
      }
      e.valueStart += delta;
      e.valueEnd += delta;
      return;
    }
    if (isUnder(p, gone)) {
      index.delete(p);
      return;
    }
    if (keyed) {
      if (e.keyStart >= after) e.keyStart += delta;
      if (e.keyEnd >= after) e.keyEnd += delta;
    }
    if (e.valueStart >= after) e.valueStart += delta;
    if (e.valueEnd >= after) e.valueEnd += delta;
  });
  way.ends.forEach((end, depth) => {
    const e = index.get(pointerOf(way.segments.slice(0, depth)));
    if (e) e.valueEnd = end;
  });
  for (const [p, e] of way.added) index.set(p, e);
}

/** The parse of `text` a partial re-parse ends with: its errors (keys being typed) are the AST's. */
export function reparsed(
  old: ParsedDocument,
  change: Change,
  text: string,
  duplicates: DuplicateKey[],
  value: JsonValue,
  index: PathIndex,
  ranges: Ranges,
): ParsedDocument {
  const ast = old.ast;
  const lines = LineMap.afterEdit(old.lines, text, change.start, change.oldEnd, change.delta);
  return {
    text,
    lines,
    ast,
    syntax: syntaxProblems(ast.errors, duplicates, text, lines),
    duplicates,
    decoded: { value, index, shared: false },
    ranges,
  };
}
