/**
 * An edit among the entries of a block collection (a key typed at the `spec` level of a
 * 200-container Pod, a label added to `metadata.labels`, a top-level key): the lines of the
 * entries it touches are parsed again, between stand-in entries at the same column (so that they
 * are read in their place, as the entries of a collection, not as a document of their own), and
 * put in place of the old entries; the rest of the collection, its decoded values and its path
 * index stay.
 *
 * reparse.ts tries the whole innermost collection first; this is the way when that collection is
 * too big, or the root, or in error. The result must be the one a whole parse gives (checked on
 * random edits and random typing sequences by test/core/reparse.test.ts). Taken:
 * - a key being typed (`hostn`: "implicit map keys need to be followed by map values"; `hostn`
 *   read on into the next entry as one key, `hostn volumes`, so that entry is parsed along; the
 *   lines below it no longer fitting their indentation), before and after the edit; at the
 *   collection's end a stand-in for the dedent that follows; before the collection's first entry
 *   no stand-in, as there is no entry before it in the text either;
 * - a key repeated in the collection (`tier` typed on the way to `tier2`): the whole collection
 *   is decoded again, since which value wins is its business;
 * - comments, where an entry of the collection follows.
 * Not taken (the whole text is parsed): an open quote or bracket (it reads on to wherever it
 * closes), a repeated key elsewhere (on the way here, `containers` twice?), an explicit `?` key
 * or a tag, an empty key, a list that changes length (every later index would move).
 * The stand-ins sit below stand-ins for the collections above, at their columns: how a line reads
 * depends on the indentation of everything that holds it.
 */
import { Document, isMap, isScalar, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { pointerOf, pointerSegment } from '../path/segments';
import { DecodeLimitError, decodeDocument, emptyValueAt, JsonValue, keyString, PathEntry, valueAtPath } from './decode';
import { duplicateKeysIn, repeatedKeys } from './duplicateKeys';
import { ParsedDocument, parseYaml } from './parse';
import {
  blankOnly,
  Candidate,
  columnOf,
  Change,
  endOfLine,
  hasExplicitKey,
  hasHash,
  isDash,
  isWhitespace,
  moveIndex,
  nextContentLine,
  nextLineStart,
  rangesOf,
  reparsed,
  shiftRanges,
  slideRight,
  spliceRanges,
  withValueAt,
} from './reparseParts';

type Collection = YAMLMap | YAMLSeq;

/** The stand-in entries' keys (two: a repeated one would be a repeated key). */
const BEFORE = 'x__pod_manifests_reparse_before__';
const AFTER = 'x__pod_manifests_reparse_after__';

export function replaceWindow(old: ParsedDocument, text: string, change: Change, candidate: Candidate, maxShare: number): ParsedDocument | undefined {
  const a = old.text;
  const node = candidate.node;
  const map = isMap(node);
  if (old.ast.warnings.length > 0 || !old.ast.errors.every(isHalfTypedKey)) return undefined;
  // The root reaches the document's last character (it does not after an explicit `?` key at an odd indentation).
  let lastContent = a.length - 1;
  while (lastContent > 0 && isWhitespace(a.charCodeAt(lastContent))) lastContent--;
  if (((old.ast.contents as Node | null)?.range?.[2] ?? 0) <= lastContent) return undefined;
  const column = columnOf(a, node.range![0]);
  // (The root on its `---` line, `--- a: 1`, is left to the whole parse.)
  if (candidate.segments.length === 0 && column !== 0) return undefined;

  // Each entry's first line: its start, with only indentation (or, for the first, `- `) before the entry.
  const starts: number[] = [];
  for (let k = 0; k < node.items.length; k++) {
    const first = entryStart(node, k);
    if (first === undefined) return undefined;
    const lineStart = a.lastIndexOf('\n', first - 1) + 1;
    // A list item's own range starts after its `- `, which stands at the list's column.
    const at = map ? first : lineStart + column;
    if (at - lineStart !== column || (!map && first <= at)) return undefined;
    const prefix = a.slice(lineStart, at);
    if (!(k === 0 ? /^[ -]*$/ : /^ *$/).test(prefix)) return undefined;
    if (!map && a[at] !== '-') return undefined;
    starts.push(lineStart);
  }
  const end = collectionEnd(a, node);
  // Enter after the collection's key (`template:`) inserts "\n    " before its first entry's line,
  // which reads the same as "    \n" at that line's start: a new first entry's.
  if (starts.length > 0 && change.start < starts[0]) change = slideRight(change, a, text, starts[0]);
  // Blank lines before the first entry are its own (a first entry being typed there).
  if (starts.length > 0 && change.start < starts[0]) {
    const from = a.lastIndexOf('\n', change.start - 1) + 1;
    if (blankOnly(a, from, starts[0])) starts[0] = from;
  }
  // The entries the change touches: from the last one starting at or before it to the last one starting before its end.
  let i = -1;
  for (let k = 0; k < starts.length && starts[k] <= change.start; k++) i = k;
  if (i < 0) return undefined;
  let last = i;
  while (last + 1 < starts.length && starts[last + 1] < change.oldEnd) last++;
  const lineStart = starts[i];
  /** The entries i..j parsed again, or undefined where that may not read as in the whole text. */
  const attempt = (j: number): Window | 'reads-on' | undefined => {
    const oldEnd = j + 1 < starts.length ? starts[j + 1] : end;
    if (change.oldEnd > oldEnd || change.start > oldEnd) return undefined;
    if (oldEnd - lineStart > a.length * maxShare) return undefined;
    const newEnd = oldEnd + change.delta;
    const sibling = j + 1 < starts.length;
    // (No lines left: the entries deleted, the next one in their place.)
    if (newEnd < lineStart || (newEnd === lineStart && !sibling) || (newEnd > lineStart && newEnd < text.length && text.charCodeAt(newEnd - 1) !== 10))
      return undefined;
    // A comment's place in the tree depends on what follows it: only before an entry of the same collection.
    if (!sibling && (hasHash(a, lineStart, oldEnd - 1) || hasHash(text, lineStart, newEnd - 1))) return undefined;
    // An explicit key (`? k`): where its entry ends depends on what follows it.
    if (hasExplicitKey(a, lineStart, oldEnd) || hasExplicitKey(text, lineStart, newEnd)) return undefined;
    // The first line keeps what stands before its entry (a `- ` only before the collection's first entry).
    if (text.slice(lineStart, lineStart + column) !== a.slice(lineStart, lineStart + column)) return undefined;
    if (!linesStayIn(text, lineStart, newEnd, column, map)) return undefined;
    // The lines start with an entry at the column (not more indented: that would read on from the entry before).
    const firstContent = firstContentOffset(text, lineStart, newEnd, map);
    if (firstContent !== undefined && columnOf(text, firstContent) !== column) return undefined;

    // Parsed between two stand-ins, below stand-ins for the collections above at their columns (a
    // line's reading depends on the indentation of all that holds it); fragment offsets are the
    // text's minus `base`.
    const chain = candidate.ancestors.map((h, depth) => {
      const col = columnOf(a, h.range![0]);
      return ' '.repeat(col) + (isMap(h) ? `x__pod_manifests_reparse_${depth}__:` : '-') + '\n';
    });
    const prefix = chain.join('');
    const standIn = (key: string) => ' '.repeat(column) + (map ? `${key}: 0` : '- 0') + '\n';
    // (Before the collection's first entry, nothing: a key being typed there reads on into the next
    // line, `n` and `metadata:` as one key, as it does in the whole text, where no entry comes before.)
    const stand = i === 0 ? '' : standIn(BEFORE);
    const body = ' '.repeat(column) + text.slice(lineStart + column, newEnd);
    const bodyStart = prefix.length + stand.length;
    // At the collection's end, the lines end the fragment, as for a whole collection (reparse.ts);
    // a key being typed there reads up to the dedent that follows: a stand-in of what follows.
    const parse = (after: Dedent | undefined) => parseYaml(prefix + stand + body + (sibling ? standIn(AFTER) : after ? after.line : ''));
    let fragment = parse(undefined);
    // At the collection's end, what follows must be an entry of a collection above, at its column
    // (else the whole text has an error there that these lines alone do not show).
    const dedent = sibling ? undefined : dedentAfter(text, newEnd, candidate.ancestors, a);
    if (!sibling && dedent === undefined) return undefined;
    let dedented = false;
    if (fragment.errors.length > 0) {
      // Only a key being typed (`hostn`, or `hostn volumes` read on into the next entry), in these
      // lines, and before a line that a stand-in reads as: a plain key, or a dash at a dedent.
      if (!map || !followsPlainly(text, newEnd, sibling ? column : undefined)) return undefined;
      if (dedent?.line) {
        fragment = parse(dedent);
        dedented = true;
      }
      if (!fragment.errors.every(isHalfTypedKey)) return undefined;
      // A key read on into the stand-in after: parse the next entry along.
      if (!fragment.errors.every((e) => e.pos[0] >= bodyStart && e.pos[1] <= bodyStart + body.length)) return sibling ? 'reads-on' : undefined;
    }
    if (fragment.warnings.length > 0) return undefined;
    let fresh: unknown = fragment.contents;
    for (const [depth, h] of candidate.ancestors.entries()) {
      // The one entry of the stand-in chain; the dedent's stand-in after it, at its level.
      const count = dedented && dedent!.depth === depth ? 2 : 1;
      if (isMap(h) ? !isMap(fresh) || fresh.items.length !== count : !isSeq(fresh) || fresh.items.length !== count) return undefined;
      if (count === 2 && !isStandIn((fresh as Collection).items[1] as Pair | Node, isMap(h), dedentKey(depth))) return undefined;
      fresh = isMap(fresh) ? (fresh.items[0] as Pair).value : (fresh as YAMLSeq).items[0];
    }
    // The collection starts at its column: on the first line, or (lines typed before its first
    // entry, blank for now) on the first with content.
    const blankFirst = i === 0 && map && firstContent !== undefined && blankOnly(text, lineStart, endOfLine(text, lineStart));
    const startsAt = blankFirst ? bodyStart + firstContent - lineStart : prefix.length + column;
    if (!(map ? isMap(fresh) : isSeq(fresh)) || (fresh as Collection).flow || (fresh as Collection).range![0] !== startsAt) return undefined;
    const all = (fresh as Collection).items as (Pair | Node)[];
    const items = all.slice(i === 0 ? 0 : 1, sibling ? -1 : undefined);
    if (i > 0 && !isStandIn(all[0], map, BEFORE)) return undefined;
    if (sibling && !isStandIn(all[all.length - 1], map, AFTER)) return fragment.errors.length > 0 ? 'reads-on' : undefined;
    if (!map && items.length !== j - i + 1) return undefined;
    // An empty key (`: x`) is placed by what precedes it, which differs here.
    if (
      map &&
      items.some((p) => {
        const r = ((p as Pair).key as Node | null)?.range;
        return !r || r[1] <= r[0];
      })
    )
      return undefined;
    return { j, oldEnd, newEnd, sibling, bodyStart, fragment, items, end: (fresh as Collection).range![2] };
  };
  // A key half typed reads on into the next entry's first line (`hostn` and `volumes:` are one
  // key, `hostn volumes`): with an error, the next entry is parsed along.
  let window = attempt(last);
  if (window === 'reads-on') window = attempt(last + 1);
  if (window === undefined || window === 'reads-on') return undefined;
  const { j, oldEnd, newEnd, sibling, bodyStart, fragment, items } = window;
  // An error of the old text (a key half typed) is one of these lines'.
  if (!old.ast.errors.every((e) => e.pos[0] >= lineStart && e.pos[1] <= oldEnd)) return undefined;
  const base = lineStart - bodyStart;
  // The new entries' nodes, at the text's offsets.
  const fresh = shiftRanges(rangesOf({ items }), base);
  const errors = fragment.errors.map((e) => Object.assign(e, { pos: [e.pos[0] + base, e.pos[1] + base] as [number, number] }));
  // Repeated keys inside the new entries (those of the collection itself: below).
  const inner = items.flatMap((item) => (map ? [...duplicateKeysIn((item as Pair).key), ...duplicateKeysIn((item as Pair).value)] : duplicateKeysIn(item)));
  if (!blankOnly(text, lastEnd(items, lineStart), newEnd)) return undefined;

  const pointer = pointerOf(candidate.segments);
  const oldSegments = new Set<string>();
  const segmentOf = (item: Pair | Node, k: number) => (map ? keyString((item as Pair).key as Node | null) : String(k));
  for (let k = i; k <= j; k++) {
    const s = segmentOf(node.items[k] as Pair | Node, k);
    if (s === undefined) return undefined;
    oldSegments.add(s);
  }
  // A key repeated in the collection, before or after the edit (`tier` typed on the way to
  // `tier2`): which value and index entries win is decided by the whole collection, decoded again.
  const keyStarts = new Set(map ? node.items.map((p) => ((p as Pair).key as Node | null)?.range?.[0]) : []);
  let repeated = old.duplicates.some((d) => keyStarts.has(d.start));
  const newKeys: string[] = [];
  if (map) {
    const outside = new Set<string>();
    node.items.forEach((p, k) => {
      if (k < i || k > j) outside.add(keyString((p as Pair).key as Node | null) ?? '');
    });
    for (const p of items as Pair[]) {
      const k = keyString(p.key as Node | null);
      if (k === undefined || k === '__proto__' || k === BEFORE || k === AFTER) return undefined;
      if (outside.has(k) || newKeys.includes(k)) repeated = true;
      newKeys.push(k);
    }
  }

  // The new entries' values and index entries.
  const entry = old.decoded!.index.get(pointer);
  const oldValue = valueAtPath(old.decoded!.value, candidate.segments);
  if (!entry || oldValue === undefined || (map ? typeof oldValue !== 'object' || Array.isArray(oldValue) || oldValue === null : !Array.isArray(oldValue)))
    return undefined;
  let added = new Map<string, PathEntry>();
  const depth = candidate.segments.length + 1;
  const values: JsonValue[] = [];
  try {
    items.forEach((item, n) => {
      const start = map
        ? {
            node: (item as Pair).value as Node | null,
            pointer: `${pointer}/${pointerSegment(newKeys[n])}`,
            key: spanOf((item as Pair).key as Node),
            at: emptyValueAt((item as Pair).key as Node | null),
            depth,
            index: added,
          }
        : {
            node: item as Node,
            pointer: `${pointer}/${i + n}`,
            at: node.range![0],
            depth,
            index: added,
          };
      const sub = decodeDocument(fragment, start);
      if (sub.shared) throw new SharedValue();
      values.push(sub.value);
    });
  } catch (e) {
    if (e instanceof DecodeLimitError || e instanceof SharedValue) return undefined;
    throw e;
  }

  // The collections above, and this one: ends that were the window's end follow its new end.
  // At the collection's end, it ends where its new last entry ends (the parser's rule: after a
  // value's line, or just after the `:` of an empty one), and so do those above that end with it.
  if (!sibling && items.length === 0) return undefined;
  const oldCollectionEnd = node.range![2];
  // (A collection that does not end where its last entry does — after an explicit `?` key — is left to the whole parse.)
  if (!sibling && oldCollectionEnd !== itemEnd(node.items[node.items.length - 1] as Pair | Node)) return undefined;
  // (After a key being typed, its line's end: the fragment knows, its dedent standing for what follows.)
  const newCollectionEnd = sibling ? undefined : errors.length > 0 ? window.end + base : itemEnd(items[items.length - 1]);
  const move = (offset: number) => (offset < change.start ? offset : offset >= oldEnd ? offset + change.delta : undefined);
  const moveEnd = (offset: number) => (newCollectionEnd !== undefined && offset === oldCollectionEnd ? newCollectionEnd : move(offset));
  const holders = [...candidate.ancestors, node];
  // Lines typed before its first entry (Enter after `template:`) move where the collection starts: its first key.
  const startOf = (h: Collection) =>
    h.range![0] < change.start
      ? h.range![0]
      : h === node && map && i === 0
        ? ((items[0] as Pair | undefined)?.key as Node | null | undefined)?.range?.[0]
        : undefined;
  const ranges = holders.map((h) => [startOf(h), moveEnd(h.range![1]), moveEnd(h.range![2])]);
  if (ranges.some((r) => r.includes(undefined))) return undefined;
  if (candidate.following.some((n) => !n.range || n.range[0] < oldEnd)) return undefined;
  // A key repeated elsewhere may be on the way to this collection (which of two `containers` is
  // the value?): only those of this collection and of its edited entries are taken.
  if (!old.duplicates.every((d) => (d.start >= lineStart && d.start < oldEnd) || keyStarts.has(d.start))) return undefined;

  // The new value of the collection, in its entries' order.
  let value: JsonValue;
  if (map) {
    const out: { [k: string]: JsonValue } = {};
    const from = oldValue as { [k: string]: JsonValue };
    node.items.forEach((p, k) => {
      if (k === i) newKeys.forEach((key, n) => (out[key] = values[n]));
      if (k >= i && k <= j) return;
      const key = keyString((p as Pair).key as Node | null)!;
      out[key] = from[key];
    });
    value = out;
  } else {
    const copy = (oldValue as JsonValue[]).slice();
    values.forEach((v, n) => (copy[i + n] = v));
    value = copy;
  }
  let root = withValueAt(old.decoded!.value, candidate.segments, value);
  if (root === undefined) return undefined;

  // From here on the old parse is changed in place.
  const flat = old.ranges ?? rangesOf(old.ast.contents);
  spliceRanges(flat, lineStart, oldEnd, change.delta, fresh, new Set(holders.map((h) => h.range)));
  (node.items as (Pair | Node)[]).splice(i, j - i + 1, ...items);
  // In place: the flat list of ranges holds these arrays.
  holders.forEach((h, n) => h.range!.splice(0, 3, ...(ranges[n] as number[])));
  if (old.ast.range) old.ast.range = [move(old.ast.range[0]) ?? 0, text.length, text.length];
  old.ast.errors = errors;
  const own = map ? repeatedKeys(node as YAMLMap) : [];
  const duplicates = [...inner, ...own].sort((x, y) => x.start - y.start);

  let gone = [...oldSegments].map((seg) => `${pointer}/${pointerSegment(seg)}`);
  if (repeated) {
    // The whole collection (its entries' nodes now at the text's offsets): cannot fail, each entry decoded before.
    added = new Map();
    root = withValueAt(
      old.decoded!.value,
      candidate.segments,
      decodeDocument(old.ast, { node, pointer, key: entry.key, at: entry.value.start, depth: depth - 1, index: added }).value,
    )!;
    gone = [pointer];
  }
  const index = old.decoded!.index;
  // The old entries' pointers: each, and everything below it, leaves the index.
  moveIndex(index, repeated ? node.range![0] : lineStart, oldEnd, change.delta, gone, {
    segments: candidate.segments,
    ends: holders.map((h) => h.range![1]),
    added,
  });
  index.get(pointer)!.valueStart = node.range![0];

  return reparsed(old, change, text, duplicates, root, index, flat);
}

class SharedValue extends Error {}

interface Window {
  j: number;
  oldEnd: number;
  newEnd: number;
  sibling: boolean;
  bodyStart: number;
  fragment: Document;
  items: (Pair | Node)[];
  /** Where the collection ends in the fragment. */
  end: number;
}

/**
 * A key without its `:` yet ("Implicit map keys need to be followed by map values"), one read on
 * into the next line, or the lines below it indented as they no longer fit: errors that stay on
 * their lines, unlike an open quote or bracket, which reads on to wherever it closes.
 */
const isHalfTypedKey = (e: { code: string; message: string }) =>
  (e.code === 'MISSING_CHAR' && e.message.startsWith('Implicit map keys')) ||
  e.code === 'MULTILINE_IMPLICIT_KEY' ||
  (e.code === 'BAD_INDENT' && /^All (mapping|sequence) items must start at the same column/.test(e.message));

/**
 * The next line with content after `from` starts as a stand-in does: at `column` (a sibling entry)
 * or less (a dedent), with a plain key's first character or a dash, not a comment, quote or other
 * indicator (which a key read on into it may read otherwise).
 */
function followsPlainly(text: string, from: number, column: number | undefined): boolean {
  const next = nextContentLine(text, from);
  if (!next) return true;
  if (next.tabbed || (column !== undefined && next.indent !== column)) return false;
  return /^[A-Za-z0-9_]/.test(next.content) || (column === undefined && isDash(next.content));
}

/** What follows a collection's last lines, as a stand-in: an entry of the collection above at that line's column. */
interface Dedent {
  /** The stand-in's line; empty at the document's end. */
  line: string;
  /** Which of the collections above it is an entry of. */
  depth: number;
}

const dedentKey = (depth: number) => `x__pod_manifests_reparse_after_${depth}__`;

function dedentAfter(text: string, from: number, ancestors: Collection[], old: string): Dedent | undefined {
  const next = nextContentLine(text, from);
  if (!next) return { line: '', depth: -1 };
  const depth = ancestors.findIndex((h) => columnOf(old, h.range![0]) === next.indent);
  if (depth < 0) return undefined;
  const map = isMap(ancestors[depth]);
  if (map ? isDash(next.content) : !isDash(next.content)) return undefined;
  return { line: ' '.repeat(next.indent) + (map ? `${dedentKey(depth)}: 0` : '- 0') + '\n', depth };
}

const spanOf = (n: Node | null) => (n?.range ? { start: n.range[0], end: n.range[1] } : { start: 0, end: 0 });

function isStandIn(item: Pair | Node | undefined, map: boolean, key: string): boolean {
  if (!item) return false;
  // Its key, and its value `0` alone: nothing of the lines read on into it.
  if (map) {
    const p = item as Pair;
    return isScalar(p.key) && (p.key as { source?: string }).source === key && isScalar(p.value) && (p.value as { source?: string }).source === '0';
  }
  return isScalar(item) && (item as { source?: string }).source === '0';
}

/** Where an entry starts: a pair's key, a list item's own node (its `- ` is before it). */
function entryStart(node: Collection, k: number): number | undefined {
  const item = node.items[k] as Pair | Node | null;
  const r = isMap(node) ? ((item as Pair).key as Node | null)?.range : (item as Node | null)?.range;
  return r ? r[0] : undefined;
}

function itemEnd(item: Pair | Node): number {
  if ((item as Pair).key !== undefined && !(item as Node).range) {
    const p = item as Pair;
    const v = p.value as Node | null;
    return v?.range ? v.range[2] : ((p.key as Node).range?.[2] ?? 0);
  }
  return (item as Node).range?.[2] ?? 0;
}

function lastEnd(items: (Pair | Node)[], fallback: number): number {
  return items.length ? itemEnd(items[items.length - 1]) : fallback;
}

/** Where a collection's lines end: the line after its last content, with the blank lines after it. */
function collectionEnd(a: string, node: Collection): number {
  let last = node.range![2] - 1;
  while (last > node.range![0] && isWhitespace(a.charCodeAt(last))) last--;
  let end = nextLineStart(a, last);
  while (end < a.length) {
    const lineEnd = endOfLine(a, end);
    if (a.slice(end, lineEnd).trim() !== '') break;
    end = lineEnd < a.length ? lineEnd + 1 : a.length;
  }
  return end;
}

/** The new lines: none indented less than the collection, no tab in an indentation; at its column, only its own entries. */
function linesStayIn(text: string, from: number, to: number, column: number, map: boolean): boolean {
  for (let pos = from; pos < to;) {
    const lineEnd = endOfLine(text, pos);
    const line = text.slice(pos, lineEnd);
    const content = line.trimStart();
    if (content !== '' && content !== '\r') {
      const indent = line.length - content.length;
      if (line.slice(0, indent).includes('\t') || indent < column) {
        // The first line may carry the `- ` of the item that holds the collection.
        if (!(pos === from && /^[ -]*$/.test(line.slice(0, column)))) return false;
      } else if (indent === column && (map ? isDash(content) : !isDash(content))) return false;
    }
    pos = lineEnd + 1;
  }
  return true;
}

/** The first character of the first line with content in text[from, to): a list's `-`, or a map's key (past a first line's `- `). */
function firstContentOffset(text: string, from: number, to: number, map: boolean): number | undefined {
  for (let pos = from; pos < to;) {
    const lineEnd = endOfLine(text, pos);
    const line = text.slice(pos, lineEnd);
    const content = line.replace(pos === from && map ? /^[ -]*/ : /^ */, '');
    if (content.trim() !== '') return lineEnd - content.length;
    pos = lineEnd + 1;
  }
  return undefined;
}
