/**
 * An edit among the entries of a big block collection (a key typed at the `spec` level of a
 * 200-container Pod, a label added to `metadata.labels`): the lines of the entries it touches are
 * parsed again, between two stand-in entries at the same column (so that they are read in their
 * place, as the entries of a collection, not as a document of their own), and put in place of the
 * old entries; the rest of the collection, its decoded values and its path index stay.
 *
 * reparse.ts tries the whole innermost collection first; this is the way when that collection is
 * too big. The same conditions hold (the result must be the one a whole parse gives; checked on
 * random edits and typing sequences by test/core/reparse.test.ts), and a few of its own: no
 * repeated key anywhere, no comment in the lines, every entry starting on its own line at the
 * collection's column, a list keeping its length (an index never moves), and no syntax error
 * before or after the edit: a key half typed (`hostn`) reads on into the next entry (`hostn` and
 * `volumes:` are one key), and past a dedent otherwise than past a stand-in; taking those in part
 * was tried and differed from a whole parse on random edits, so they still parse the whole text
 * (issue 13).
 * The stand-ins sit below stand-ins for the collections above, at their columns: how a line reads
 * depends on the indentation of everything that holds it.
 */
import { isMap, isScalar, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { pointerOf, pointerSegment } from '../path/segments';
import { DecodeLimitError, decodeDocument, JsonValue, keyString, PathEntry, valueAtPath } from './decode';
import { duplicateKeys } from './duplicateKeys';
import { ParsedDocument, parseYaml } from './parse';
import {
  blankOnly,
  Candidate,
  Change,
  endOfLine,
  hasExplicitKey,
  hasHash,
  isDash,
  isWhitespace,
  moveIndex,
  nextLineStart,
  reparsed,
  shiftTree,
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
  if (old.duplicates.length > 0 || old.ast.warnings.length > 0 || old.ast.errors.length > 0) return undefined;
  // The root reaches the document's last character (it does not after an explicit `?` key at an odd indentation).
  let lastContent = a.length - 1;
  while (lastContent > 0 && isWhitespace(a.charCodeAt(lastContent))) lastContent--;
  if (((old.ast.contents as Node | null)?.range?.[2] ?? 0) <= lastContent) return undefined;
  const column = node.range![0] - (a.lastIndexOf('\n', node.range![0] - 1) + 1);
  if (column === 0) return undefined;

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
  // The entries the change touches: from the last one starting at or before it to the last one starting before its end.
  let i = -1;
  for (let k = 0; k < starts.length && starts[k] <= change.start; k++) i = k;
  if (i < 0) return undefined;
  let last = i;
  while (last + 1 < starts.length && starts[last + 1] < change.oldEnd) last++;
  const lineStart = starts[i];
  /** The entries i..j parsed again, or undefined where that may not read as in the whole text. */
  const attempt = (j: number) => {
    const oldEnd = j + 1 < starts.length ? starts[j + 1] : end;
    if (change.oldEnd > oldEnd || change.start > oldEnd) return undefined;
    if (oldEnd - lineStart > a.length * maxShare) return undefined;
    const newEnd = oldEnd + change.delta;
    if (newEnd <= lineStart || (newEnd < text.length && text.charCodeAt(newEnd - 1) !== 10)) return undefined;
    if (hasHash(a, lineStart, oldEnd - 1) || hasHash(text, lineStart, newEnd - 1)) return undefined;
    // An explicit key (`? k`): where its entry ends depends on what follows it.
    if (hasExplicitKey(a, lineStart, oldEnd) || hasExplicitKey(text, lineStart, newEnd)) return undefined;
    if (!linesStayIn(text, lineStart, newEnd, column, map)) return undefined;
    // The lines start with an entry at the column (not more indented: that would read on from the entry before).
    const firstContent = firstContentOffset(text, lineStart, newEnd);
    if (firstContent !== undefined && firstContent - lineStart !== column) return undefined;
    const sibling = j + 1 < starts.length;

    // Parsed between two stand-ins, below stand-ins for the collections above at their columns (a
    // line's reading depends on the indentation of all that holds it); fragment offsets are the
    // text's minus `base`.
    const chain = candidate.ancestors.map((h, depth) => {
      const col = h.range![0] - (a.lastIndexOf('\n', h.range![0] - 1) + 1);
      return ' '.repeat(col) + (isMap(h) ? `x__pod_manifests_reparse_${depth}__:` : '-') + '\n';
    });
    const prefix = chain.join('');
    const standIn = (key: string) => ' '.repeat(column) + (map ? `${key}: 0` : '- 0') + '\n';
    const stand = standIn(BEFORE);
    const body = ' '.repeat(column) + text.slice(lineStart + column, newEnd);
    // At the collection's end, the lines end the fragment, as for a whole collection (reparse.ts).
    const fragment = parseYaml(prefix + stand + body + (sibling ? standIn(AFTER) : ''));
    const bodyStart = prefix.length + stand.length;
    if (fragment.errors.length > 0 || fragment.warnings.length > 0) return undefined;
    let fresh: unknown = fragment.contents;
    for (const h of candidate.ancestors) {
      if (isMap(h) ? !isMap(fresh) || fresh.items.length !== 1 : !isSeq(fresh) || fresh.items.length !== 1) return undefined;
      fresh = isMap(fresh) ? (fresh.items[0] as Pair).value : (fresh as YAMLSeq).items[0];
    }
    if (!(map ? isMap(fresh) : isSeq(fresh)) || (fresh as Collection).flow || (fresh as Collection).range![0] - prefix.length !== column) return undefined;
    const all = (fresh as Collection).items as (Pair | Node)[];
    const items = all.slice(1, sibling ? -1 : undefined);
    if (!isStandIn(all[0], map, BEFORE) || (sibling && !isStandIn(all[all.length - 1], map, AFTER))) return undefined;
    if (!map && items.length !== j - i + 1) return undefined;
    return { j, oldEnd, newEnd, sibling, bodyStart, fragment, items };
  };
  const window = attempt(last);
  if (!window) return undefined;
  const { j, oldEnd, newEnd, sibling, bodyStart, fragment, items } = window;
  const base = lineStart - bodyStart;
  for (const item of items) shiftTree(item as Node, 0, 0, base);
  // No key repeated inside the new entries (the stand-ins' are unique).
  if (duplicateKeys(fragment).length > 0) return undefined;
  if (!blankOnly(text, lastEnd(items, lineStart), newEnd)) return undefined;

  // Keys: none twice in the collection as it will be.
  const pointer = pointerOf(candidate.segments);
  const oldSegments = new Set<string>();
  const segmentOf = (item: Pair | Node, k: number) => (map ? keyString((item as Pair).key as Node | null) : String(k));
  for (let k = i; k <= j; k++) {
    const s = segmentOf(node.items[k] as Pair | Node, k);
    if (s === undefined) return undefined;
    oldSegments.add(s);
  }
  const newKeys: string[] = [];
  if (map) {
    const outside = new Set<string>();
    node.items.forEach((p, k) => {
      if (k < i || k > j) outside.add(keyString((p as Pair).key as Node | null) ?? '');
    });
    for (const p of items as Pair[]) {
      const k = keyString(p.key as Node | null);
      if (k === undefined || k === '__proto__' || k === BEFORE || k === AFTER || outside.has(k) || newKeys.includes(k)) return undefined;
      newKeys.push(k);
    }
  }

  // The new entries' values and index entries.
  const entry = old.decoded!.index.get(pointer);
  const oldValue = valueAtPath(old.decoded!.value, candidate.segments);
  if (!entry || oldValue === undefined || (map ? typeof oldValue !== 'object' || Array.isArray(oldValue) || oldValue === null : !Array.isArray(oldValue)))
    return undefined;
  const added = new Map<string, PathEntry>();
  const depth = candidate.segments.length + 1;
  const values: JsonValue[] = [];
  try {
    items.forEach((item, n) => {
      const start = map
        ? {
            node: (item as Pair).value as Node | null,
            pointer: `${pointer}/${pointerSegment(newKeys[n])}`,
            key: spanOf((item as Pair).key as Node),
            at: emptyValueAt(item as Pair),
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
  const newCollectionEnd = sibling ? undefined : itemEnd(items[items.length - 1]);
  const move = (offset: number) => (offset < change.start ? offset : offset >= oldEnd ? offset + change.delta : undefined);
  const moveEnd = (offset: number) => (newCollectionEnd !== undefined && offset === oldCollectionEnd ? newCollectionEnd : move(offset));
  const holders = [...candidate.ancestors, node];
  const ranges = holders.map((h) => [h.range![0], moveEnd(h.range![1]), moveEnd(h.range![2])]);
  if (ranges.some((r) => r[1] === undefined || r[2] === undefined)) return undefined;
  if (candidate.following.some((n) => !n.range || n.range[0] < oldEnd)) return undefined;

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
  const root = withValueAt(old.decoded!.value, candidate.segments, value);
  if (root === undefined) return undefined;

  // From here on the old parse is changed in place.
  shiftTree(old.ast.contents as Node, change.start, oldEnd, change.delta);
  (node.items as (Pair | Node)[]).splice(i, j - i + 1, ...items);
  holders.forEach((h, n) => (h.range = ranges[n] as [number, number, number]));
  if (old.ast.range) old.ast.range = [move(old.ast.range[0]) ?? 0, text.length, text.length];

  const index = old.decoded!.index;
  // The old entries' pointers: each, and everything below it, leaves the index.
  const gone = [...oldSegments].map((seg) => `${pointer}/${pointerSegment(seg)}`);
  moveIndex(index, change.start, oldEnd, change.delta, gone, { segments: candidate.segments, ends: holders.map((h) => h.range![1]), added });

  return reparsed(text, old.ast, [], root, index);
}

class SharedValue extends Error {}

const spanOf = (n: Node | null) => (n?.range ? { start: n.range[0], end: n.range[1] } : { start: 0, end: 0 });
/** Where an empty value is placed: just after its key, as decode.ts places it. */
const emptyValueAt = (p: Pair) => {
  const k = p.key as Node | null;
  return k?.range ? k.range[1] + 1 : 0;
};

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

/** The first character of the first line with content in text[from, to), past a first line's `- `. */
function firstContentOffset(text: string, from: number, to: number): number | undefined {
  for (let pos = from; pos < to;) {
    const lineEnd = endOfLine(text, pos);
    const line = text.slice(pos, lineEnd);
    const content = line.replace(pos === from ? /^[ -]*/ : /^ */, '');
    if (content.trim() !== '') return lineEnd - content.length;
    pos = lineEnd + 1;
  }
  return undefined;
}
