/**
 * An edit inside one block collection of a big document (one container of a 200-container Pod)
 * re-parses the lines of that collection only and puts the result in place of the old one: the
 * `yaml` parse of a 6,400-line Pod costs ~65 ms, of one container well under a millisecond. In a
 * collection too big for that (a Pod's `spec`), the entries the edit touches: reparseWindow.ts.
 *
 * Done only where the result is the one a parse of the whole text gives (test/core/reparse.test.ts
 * checks that on thousands of random edits): the edited collection is in block style, its lines
 * keep it in place (none is indented less than it, none could join the next entry), its new text
 * parses as one collection of the same kind with no error that could reach past its lines (an
 * unclosed quote or bracket), the old parse had no syntax error or repeated key outside those
 * lines, and the document has no anchors, aliases or merge keys. Otherwise: undefined, and the
 * caller parses the whole text.
 *
 * The previous parse is used up: its nodes and its path index move into the new one.
 */
import { isMap, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { pointerOf, Segment } from '../path/segments';
import { DecodeLimitError, decodeDocument, JsonValue, keyString } from './decode';
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
  rangesOf,
  reparsed,
  shiftRanges,
  spliceRanges,
  withValueAt,
} from './reparseParts';
import { replaceWindow } from './reparseWindow';
import { DuplicateKey, duplicateKeys } from './duplicateKeys';
import { ParsedDocument, parseYaml } from './parse';

type Collection = YAMLMap | YAMLSeq;

/** Above this share of the document, parsing the whole text is as cheap and simpler. */
const MAX_SHARE = 0.5;

/** @param maxShare above this share of the document, undefined (tests lift it to reach small documents) */
export function reparse(old: ParsedDocument, text: string, maxShare = MAX_SHARE): ParsedDocument | undefined {
  const decoded = old.decoded;
  if (!decoded || decoded.shared || old.text === text) return undefined;
  const change = changeBetween(old.text, text);
  for (const candidate of candidatesFor(old, change).reverse()) {
    const region = candidate.segments.length > 0 ? regionOf(candidate, old, change, text, maxShare) : undefined;
    // The whole collection when it is small; else (or when that fails) the entries the edit touches.
    if (region) {
      const result = replace(old, text, change, candidate, region);
      if (result) return result;
    }
    const window = replaceWindow(old, text, change, candidate, maxShare);
    if (window) return window;
  }
  return undefined;
}

function changeBetween(a: string, b: string): Change {
  const max = Math.min(a.length, b.length);
  // Whole blocks first (a native comparison), then characters.
  const BLOCK = 2048;
  let start = 0;
  while (start + BLOCK <= max && a.slice(start, start + BLOCK) === b.slice(start, start + BLOCK)) start += BLOCK;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let same = 0;
  while (same + BLOCK <= max - start && a.slice(a.length - same - BLOCK, a.length - same) === b.slice(b.length - same - BLOCK, b.length - same)) same += BLOCK;
  while (same < max - start && a.charCodeAt(a.length - 1 - same) === b.charCodeAt(b.length - 1 - same)) same++;
  let oldEnd = a.length - same;
  // A pure insertion or deletion can stand at several places (Enter at a line's end inserts
  // "\n    " there, or "    \n" before the next line): the leftmost, so that it belongs to the
  // entry it was typed after, not to the next one (which may be a whole template's `spec`).
  const inserted = oldEnd === start;
  if (inserted || b.length - same === start) {
    const last = inserted ? b.length - same - 1 : oldEnd - 1;
    const text = inserted ? b : a;
    for (let end = last; start > 0 && a.charCodeAt(start - 1) === text.charCodeAt(end); end--) {
      start--;
      oldEnd--;
    }
  }
  return { start, oldEnd, delta: b.length - a.length };
}

/** The block collections that hold the whole change, outermost (the root: some of its entries only) first. */
function candidatesFor(old: ParsedDocument, change: Change): Candidate[] {
  const found: Candidate[] = [];
  const root = old.ast.contents;
  if (!isMap(root) && !isSeq(root)) return found;
  if (!root.flow && root.range && root.range[0] <= change.start) found.push({ node: root, parent: root, slot: 0, segments: [], ancestors: [], following: [] });
  const ancestors: Collection[] = [root];
  const segments: Segment[] = [];
  const following: Node[] = [];
  let node: Collection = root;
  for (;;) {
    const child = childHolding(node, change, old.text);
    if (!child) return found;
    const segment = isMap(node) ? keyString((child.slot as Pair).key as Node | null) : (child.slot as number);
    if (segment === undefined || segment === '__proto__') return found;
    segments.push(segment);
    following.push(...child.next);
    if (!child.node.flow)
      found.push({ node: child.node, parent: node, slot: child.slot, segments: [...segments], ancestors: [...ancestors], following: [...following] });
    ancestors.push(child.node);
    node = child.node;
  }
}

function childHolding(node: Collection, change: Change, text: string): { node: Collection; slot: Pair | number; next: Node[] } | undefined {
  // Blank lines after a collection are its own when what is typed there is indented as its entries (the callers check).
  // So are the blanks before its first entry (Enter after `template:`: a first entry typed there).
  const holds = (n: unknown): n is Collection =>
    (isMap(n) || isSeq(n)) &&
    !!n.range &&
    (n.range[0] <= change.start || blankOnly(text, change.start, n.range[0])) &&
    (change.oldEnd <= n.range[2] || blankOnly(text, n.range[2], change.oldEnd));
  const nodes = (...xs: unknown[]) => xs.filter((x): x is Node => !!x && typeof x === 'object' && 'range' in x);
  if (isMap(node)) {
    const i = node.items.findIndex((pair) => holds(pair.value));
    const next = node.items[i + 1];
    return i < 0 ? undefined : { node: node.items[i].value as Collection, slot: node.items[i], next: nodes(next?.key, next?.value) };
  }
  const i = node.items.findIndex(holds);
  return i < 0 ? undefined : { node: node.items[i] as Collection, slot: i, next: nodes(node.items[i + 1]) };
}

/** The lines a collection stands on, in the old text: from its first line's start to the next line that is not its own. */
interface Region {
  lineStart: number;
  /** The collection's column. */
  column: number;
  oldEnd: number;
  newEnd: number;
}

function regionOf(candidate: Candidate, old: ParsedDocument, change: Change, text: string, maxShare: number): Region | undefined {
  const a = old.text;
  const node = candidate.node;
  const start = node.range![0];
  if (change.start < start) return undefined;
  const lineStart = a.lastIndexOf('\n', start - 1) + 1;
  const column = start - lineStart;
  // Only indentation and `- ` before it on its first line; the top level stays with the whole parse.
  if (column === 0 || !/^[ -]*$/.test(a.slice(lineStart, start))) return undefined;
  let last = node.range![2] - 1;
  while (last > start && isWhitespace(a.charCodeAt(last))) last--;
  let end = nextLineStart(a, last);
  // Blank and comment lines up to the next line with content; that line must not belong to this collection.
  while (end < a.length) {
    const lineEnd = endOfLine(a, end);
    const line = a.slice(end, lineEnd);
    const content = line.trimStart();
    if (content === '' || content.startsWith('#')) {
      end = lineEnd < a.length ? lineEnd + 1 : a.length;
      continue;
    }
    const indent = line.length - content.length;
    if (line.slice(0, indent).includes('\t')) return undefined;
    if (indent > column || (indent === column && (isMap(node) || isDash(content)))) return undefined;
    break;
  }
  if (change.start >= end || change.oldEnd > end) return undefined;
  // Too big to be worth it (the caller then takes some of its entries): before reading its lines.
  if (end - lineStart > a.length * maxShare) return undefined;
  const newEnd = end + change.delta;
  if (newEnd < text.length && text.charCodeAt(newEnd - 1) !== 10) return undefined;
  // The new lines: none indented less than the collection; at its column, a list has only `- ` entries.
  for (let pos = nextLineStart(text, start); pos < newEnd;) {
    const lineEnd = endOfLine(text, pos);
    const line = text.slice(pos, lineEnd);
    const content = line.trimStart();
    if (content !== '' && content !== '\r' && !content.startsWith('#')) {
      const indent = line.length - content.length;
      if (line.slice(0, indent).includes('\t') || indent < column) return undefined;
      if (indent === column && isSeq(node) && !isDash(content)) return undefined;
    }
    pos = lineEnd + 1;
  }
  return { lineStart, column, oldEnd: end, newEnd };
}

function replace(old: ParsedDocument, text: string, change: Change, candidate: Candidate, region: Region): ParsedDocument | undefined {
  const { lineStart, column } = region;
  const inRegion = (offset: number) => offset >= lineStart && offset < region.oldEnd;
  if (old.ast.errors.length > 0) return undefined;
  if (!old.duplicates.every((d) => inRegion(d.start) && (d.first === undefined || inRegion(d.first)))) return undefined;

  // Where a comment ends up (in which node's range) depends on what surrounds it: the whole parse.
  // (Looked for in the collection's lines only: lastIndexOf would walk back to the document's start.)
  if (hasHash(old.text, lineStart, region.oldEnd) || hasHash(text, lineStart, region.newEnd)) return undefined;
  // Nor where an explicit key (`? k`) is: where its entry ends depends on what follows it.
  if (hasExplicitKey(old.text, lineStart, region.oldEnd) || hasExplicitKey(text, lineStart, region.newEnd)) return undefined;
  // The collection's lines, its first line's prefix (`- `) blanked: offsets stay those of the text.
  const fragmentText = ' '.repeat(column) + text.slice(lineStart + column, region.newEnd);
  const fragment = parseYaml(fragmentText);
  const fresh = fragment.contents;
  const sameKind = isMap(candidate.node) ? isMap(fresh) : isSeq(fresh);
  if (!sameKind || !fresh?.range || (fresh as Collection).flow || fresh.range[0] !== column) return undefined;
  // A broken collection may read differently alone than in its place (indentation is read against
  // what holds it; its end against what follows): only an error-free text is re-parsed in part.
  if (fragment.errors.length > 0) return undefined;
  if (!blankOnly(text, lineStart + fresh.range[2], region.newEnd)) return undefined;
  const replacement = fresh as Collection;

  // Offsets before the change stay, after its lines move by its length. The collections above that
  // end where it ends end where it now ends; one that ends anywhere else inside its lines: the whole parse.
  const move = (offset: number) => (offset < change.start ? offset : offset >= region.oldEnd ? offset + change.delta : undefined);
  const oldRange = candidate.node.range!;
  // The fragment's nodes, at the text's offsets.
  const freshRanges = shiftRanges(rangesOf(replacement), lineStart);
  const newRange = replacement.range!;
  const moveEnd = (offset: number) => (offset === oldRange[2] ? newRange[2] : offset === oldRange[1] ? newRange[1] : move(offset));
  if (candidate.ancestors.some((a) => moveEnd(a.range![1]) === undefined || moveEnd(a.range![2]) === undefined)) return undefined;
  // An empty node after it can stand at the end of its last line (`ports:` then `: 80`).
  if (candidate.following.some((n) => !n.range || n.range[0] < region.oldEnd)) return undefined;

  const pointer = pointerOf(candidate.segments);
  const entry = old.decoded!.index.get(pointer);
  if (!entry) return undefined;
  let value: JsonValue;
  const added = new Map<string, typeof entry>();
  try {
    const sub = decodeDocument(fragment, { node: replacement, pointer, key: entry.key, at: newRange[0], depth: candidate.segments.length, index: added });
    if (sub.shared) return undefined;
    value = sub.value;
  } catch (e) {
    if (e instanceof DecodeLimitError) return undefined;
    throw e;
  }
  const root = withValueAt(old.decoded!.value, candidate.segments, value);
  if (root === undefined) return undefined;

  // From here on the old parse is changed in place.
  const ancestorRanges = candidate.ancestors.map((a): [number, number, number] => [a.range![0], moveEnd(a.range![1])!, moveEnd(a.range![2])!]);
  const flat = old.ranges ?? rangesOf(old.ast.contents);
  spliceRanges(flat, candidate.node.range![0], region.oldEnd, change.delta, freshRanges, new Set());
  // In place: the flat list of ranges holds these arrays.
  candidate.ancestors.forEach((a, i) => a.range!.splice(0, 3, ...ancestorRanges[i]));
  if (isMap(candidate.parent)) (candidate.slot as Pair).value = replacement;
  else candidate.parent.items[candidate.slot as number] = replacement;
  if (old.ast.range) old.ast.range = [move(old.ast.range[0]) ?? 0, text.length, text.length];
  // The fragment's nodes carry the text's offsets already.
  const duplicates: DuplicateKey[] = duplicateKeys(fragment);

  // The path index, in place (no alias in the document: every span belongs to one entry).
  const index = old.decoded!.index;
  // The collections above: their ends (shifted above only when after its lines) follow its end.
  moveIndex(index, lineStart, region.oldEnd, change.delta, [pointer], { segments: candidate.segments, ends: ancestorRanges.map((r) => r[1]), added });

  return reparsed(old, change, text, duplicates, root, index, flat);
}
