/**
 * Text edits that make fields of a decoded document hold wanted values, touching nothing else:
 * a wrong value is replaced in place (in its own quoting), a missing field is inserted into the
 * nearest map that is written, in that map's style (block with the document's own indentation,
 * flow, JSON), and a list that lacks an item gets it as its first item. The quick fixes
 * (service/securityFixes.ts) say what they want; this knows how YAML is written.
 */
import { pointerOf, Segment } from '../path/segments';
import { JsonValue, PathIndex, Span, valueAtPath } from './decode';

export type Scalar = string | number | boolean;

/**
 * A wanted value: a scalar (`ok` says which values already do, `undefined` being the field left
 * out: then nothing is written where it is missing), or a list that must include an item.
 */
export type Leaf = { set: Scalar; ok?: (v: JsonValue | undefined) => boolean } | { includes: string };
export interface Want {
  [key: string]: Want | Leaf;
}

export interface TextChange {
  span: Span;
  newText: string;
}

const isLeaf = (w: Want | Leaf): w is Leaf => 'set' in w || 'includes' in w;
const isMap = (v: JsonValue | undefined): v is { [k: string]: JsonValue } => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Style {
  /** Spaces per nesting level of block maps. */
  step: number;
  /** Spaces a block list's `-` is indented under its key (0 or `step`). */
  seqIndent: number;
}

/** The document's own indentation: the first nested block map's and block list's. */
function styleOf(text: string, index: PathIndex): Style {
  let step: number | undefined;
  let seqIndent: number | undefined;
  const col = (offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
  for (const e of index.values()) {
    if (!e.key || (step !== undefined && seqIndent !== undefined)) continue;
    const sameLine = !text.slice(e.keyEnd, e.valueStart).includes('\n');
    if (sameLine) continue;
    if (e.shape === 'map' && step === undefined && text[e.valueStart] !== '{') step = col(e.valueStart) - col(e.keyStart);
    if (e.shape === 'seq' && seqIndent === undefined && text[e.valueStart] === '-') seqIndent = col(e.valueStart) - col(e.keyStart);
  }
  return { step: step && step > 0 ? step : 2, seqIndent: seqIndent ?? 0 };
}

/**
 * The edits that make `want` hold under the map at `at` (which must be written: a map, or an
 * empty value), in the order of the text.
 */
export function ensureFields(text: string, index: PathIndex, root: JsonValue, at: readonly Segment[], want: Want): TextChange[] {
  const style = styleOf(text, index);
  const changes: TextChange[] = [];
  const visit = (segs: readonly Segment[], w: Want) => {
    const value = valueAtPath(root, segs);
    const entry = index.get(pointerOf(segs));
    if (!entry) return;
    if (!isMap(value)) {
      // Written but empty (or not a map): its value becomes the whole wanted map.
      const whole = pruneOptional(w);
      if (whole) changes.push(replaceWithMap(text, entry.keyEnd, entry.value, whole, style));
      return;
    }
    const missing: Want = {};
    for (const [key, child] of Object.entries(w)) {
      const childSegs = [...segs, key];
      const childValue = value[key];
      const written = Object.hasOwn(value, key);
      if (isLeaf(child)) {
        if ('includes' in child) {
          if (Array.isArray(childValue)) {
            if (!childValue.includes(child.includes)) changes.push(listInsert(text, index, childSegs, child.includes));
          } else if (written) changes.push(replaceScalar(text, index, childSegs, [child.includes]));
          else missing[key] = child;
        } else {
          if ((child.ok ?? ((v) => v === child.set))(childValue)) continue;
          if (written) changes.push(replaceScalar(text, index, childSegs, child.set));
          else missing[key] = child;
        }
      } else if (isMap(childValue) || written) visit(childSegs, child);
      else {
        const sub = pruneOptional(child);
        if (sub) missing[key] = sub;
      }
    }
    if (Object.keys(missing).length > 0) changes.push(insertIntoMap(text, index, segs, missing, style));
  };
  visit(at, want);
  return changes.sort((a, b) => a.span.start - b.span.start);
}

/** `want` less the leaves that a missing field already satisfies; undefined when nothing is left. */
function pruneOptional(w: Want): Want | undefined {
  const out: Want = {};
  for (const [k, v] of Object.entries(w)) {
    if (isLeaf(v)) {
      if ('includes' in v || !v.ok?.(undefined)) out[k] = v;
    } else {
      const sub = pruneOptional(v);
      if (sub) out[k] = sub;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

const column = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
const eolOf = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');
const pad = (n: number) => ' '.repeat(n);

/** How the map or list at `start` is written. */
function flowAt(text: string, start: number): boolean {
  return text[start] === '{' || text[start] === '[';
}

/** A key or string as the surrounding text writes them: quoted (JSON) or plain. */
function scalarText(v: Scalar, quoted: boolean): string {
  if (typeof v !== 'string') return String(v);
  return quoted ? JSON.stringify(v) : v;
}

function flowText(w: Want | Leaf, quoted: boolean): string {
  if (isLeaf(w)) return 'includes' in w ? `[${scalarText(w.includes, quoted)}]` : scalarText(w.set, quoted);
  return `{${Object.entries(w)
    .map(([k, v]) => `${scalarText(k, quoted)}: ${flowText(v, quoted)}`)
    .join(', ')}}`;
}

/** Block lines of `w` with its keys at column `col`. */
function blockLines(w: Want, col: number, style: Style): string[] {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(w)) {
    if (!isLeaf(v)) lines.push(`${pad(col)}${k}:`, ...blockLines(v, col + style.step, style));
    else if ('includes' in v) lines.push(`${pad(col)}${k}:`, `${pad(col + style.seqIndent)}- ${v.includes}`);
    else lines.push(`${pad(col)}${k}: ${scalarText(v.set, false)}`);
  }
  return lines;
}

/** Inserts the entries of `w` into the written map at `segs`. */
function insertIntoMap(text: string, index: PathIndex, segs: readonly Segment[], w: Want, style: Style): TextChange {
  const entry = index.get(pointerOf(segs))!;
  const start = entry.valueStart;
  const eol = eolOf(text);
  if (flowAt(text, start)) {
    const keys = childKeys(index, segs);
    const quoted = keys.length > 0 ? text[keys[0].start] === '"' : isJson(text);
    const entries = Object.entries(w).map(([k, v]) => `${scalarText(k, quoted)}: ${flowText(v, quoted)}`);
    if (keys.length === 0) return { span: { start: start + 1, end: start + 1 }, newText: entries.join(', ') };
    const first = keys[0].start;
    // A key on a line of its own: the new entries take lines of their own too.
    const ownLine = text.slice(start + 1, first).includes('\n');
    const sep = ownLine ? `,${eol}${pad(column(text, first))}` : ', ';
    return { span: { start: first, end: first }, newText: entries.join(sep) + sep };
  }
  const col = column(text, start);
  const lines = blockLines(w, col, style);
  // After the first entry when it is one line (`- name: app`), else before it.
  const firstKey = childKeys(index, segs)[0];
  const firstValue = firstKey && [...index.values()].find((e) => e.keyStart === firstKey.start);
  if (firstValue && firstValue.shape === 'scalar' && !text.slice(firstKey.start, firstValue.valueEnd).includes('\n')) {
    let lineEnd = text.indexOf('\n', firstValue.valueEnd);
    if (lineEnd < 0) lineEnd = text.length;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    return { span: { start: lineEnd, end: lineEnd }, newText: lines.map((l) => eol + l).join('') };
  }
  return { span: { start, end: start }, newText: lines.map((l) => l.slice(col)).join(`${eol}${pad(col)}`) + eol + pad(col) };
}

/** The keys of the map at `segs`, in text order. */
function childKeys(index: PathIndex, segs: readonly Segment[]): Span[] {
  const prefix = pointerOf(segs) + '/';
  const keys: Span[] = [];
  for (const [p, e] of index) if (e.key && p.startsWith(prefix) && p.indexOf('/', prefix.length) < 0) keys.push(e.key);
  return keys.sort((a, b) => a.start - b.start);
}

/** An empty (or non-map) value becomes the wanted map: block under its key, or flow where it was flow. */
function replaceWithMap(text: string, keyEnd: number, value: Span, w: Want, style: Style): TextChange {
  const written = text.slice(value.start, value.end);
  if (keyEnd < 0 || written.startsWith('{') || written.startsWith('[') || isJson(text)) return { span: value, newText: flowText(w, isJson(text)) };
  const eol = eolOf(text);
  const colon = text.indexOf(':', keyEnd);
  const lines = blockLines(w, keyColumnOf(text, keyEnd) + style.step, style);
  return { span: { start: colon, end: Math.max(value.end, colon + 1) }, newText: ':' + lines.map((l) => eol + l).join('') };
}

/** A JSON document: its keys and strings are quoted. */
const isJson = (text: string) => text.trimStart().startsWith('{');

/** The column where the key that ends at `keyEnd` starts. */
function keyColumnOf(text: string, keyEnd: number): number {
  const lineStart = text.lastIndexOf('\n', keyEnd - 1) + 1;
  const line = text.slice(lineStart, keyEnd);
  // `  - key` or `  key`: the key starts after the indentation and any `- `.
  const m = /^(\s*(?:-\s+)*)/.exec(line)!;
  return m[1].length;
}

/** A written scalar replaced by `value`, quoted as it was. */
function replaceScalar(text: string, index: PathIndex, segs: readonly Segment[], value: Scalar | Scalar[]): TextChange {
  const entry = index.get(pointerOf(segs))!;
  const written = text.slice(entry.valueStart, entry.valueEnd);
  const quoted = written.startsWith('"');
  const single = written.startsWith("'");
  const one = (v: Scalar) => (typeof v === 'string' && single ? `'${v}'` : scalarText(v, quoted || isJson(text)));
  const newText = Array.isArray(value) ? `[${value.map(one).join(', ')}]` : one(value);
  if (entry.valueStart === entry.valueEnd) return { span: entry.value, newText: ` ${newText}` };
  return { span: entry.value, newText };
}

/** `item` as the list's first item, in the list's style. */
function listInsert(text: string, index: PathIndex, segs: readonly Segment[], item: string): TextChange {
  const entry = index.get(pointerOf(segs))!;
  const start = entry.valueStart;
  const firstItem = index.get(pointerOf([...segs, 0]));
  if (text[start] === '[') {
    const quoted = firstItem ? text[firstItem.valueStart] === '"' : isJson(text);
    const written = scalarText(item, quoted);
    if (!firstItem) return { span: { start: start + 1, end: start + 1 }, newText: written };
    return { span: { start: firstItem.valueStart, end: firstItem.valueStart }, newText: `${written}, ` };
  }
  // Block: `- ALL` before the first `- …`, at its column.
  const eol = eolOf(text);
  return { span: { start, end: start }, newText: `- ${item}${eol}${pad(column(text, start))}` };
}
