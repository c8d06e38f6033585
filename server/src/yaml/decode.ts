/**
 * Decodes a parsed YAML document into the plain value Kubernetes would see, and records where
 * each value came from: a JSON pointer (`/spec/containers/0/image`) → the key and value spans.
 * Every producer of problems (schema, rules, the cluster) ends in this index.
 *
 * Aliases and merge keys (`<<`) are resolved here; values that come from an anchor point back at
 * the anchor's nodes, which is where the user fixes them. Alias expansion is bounded, so an alias
 * bomb is refused instead of expanded.
 */
import { Alias, Document, isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar } from 'yaml';
import { thousands } from '../format';
import { pointerSegment } from '../path/segments';
import { keyToString, resolvePlainScalar, ScalarValue } from './scalars';

export interface Span {
  start: number;
  end: number;
}

export type NodeShape = 'map' | 'seq' | 'scalar' | 'null';

/**
 * Where one value is written. One object with its offsets flat, not two spans: the index has an
 * entry per value (7,600 in a 200-container Pod) and an edit moves every one after it.
 */
export class PathEntry {
  constructor(
    /** The key of a map entry; -1 for the root and for list items. */
    public keyStart: number,
    public keyEnd: number,
    /** The value; for an empty value, a zero-width span just after the key. */
    public valueStart: number,
    public valueEnd: number,
    readonly shape: NodeShape,
  ) {}

  /** The key of a map entry; absent for the root and for list items. */
  get key(): Span | undefined {
    return this.keyStart < 0 ? undefined : { start: this.keyStart, end: this.keyEnd };
  }

  get value(): Span {
    return { start: this.valueStart, end: this.valueEnd };
  }
}

const entry = (key: Span | undefined, value: Span, shape: NodeShape) => new PathEntry(key ? key.start : -1, key ? key.end : -1, value.start, value.end, shape);

/** JSON pointer (RFC 6901) → where that value is written. */
export type PathIndex = Map<string, PathEntry>;

export type JsonValue = ScalarValue | JsonValue[] | { [key: string]: JsonValue };

export interface Decoded {
  value: JsonValue;
  index: PathIndex;
  /**
   * Whether the document has anchors, aliases or merge keys: then a value may be written far from
   * its path, and an edit cannot be re-decoded in place (reparse.ts).
   */
  shared: boolean;
}

/** Where decoding starts: the whole document, or one subtree of it (reparse.ts). */
export interface DecodeStart {
  node: Node | null;
  /** The JSON pointer of `node`. */
  pointer: string;
  /** The key of `node`'s map entry; absent for list items. */
  key?: Span;
  /** Offset for an empty value. */
  at: number;
  depth: number;
  /** Entries are added to this index. */
  index: PathIndex;
}

/** Thrown when a document cannot be decoded safely; `span` is where the user can fix it. */
export class DecodeLimitError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

/** Nodes that alias expansion may add to one document before it is taken for an alias bomb. */
export const MAX_ALIAS_NODES = 50_000;
/** Deeper than any real manifest; keeps recursion far from the stack's end. */
export const MAX_DEPTH = 500;

export function decodeDocument(doc: Document, start?: DecodeStart): Decoded {
  const index: PathIndex = start?.index ?? new Map();
  let aliasNodes = 0;
  let shared = false;
  const expanding = new Set<Node>();

  const spanOf = (node: Node | null | undefined, fallback: number): Span =>
    node?.range ? { start: node.range[0], end: node.range[1] } : { start: fallback, end: fallback };

  function decode(node: Node | null | undefined, pointer: string, key: Span | undefined, at: number, depth: number, inAlias: boolean): JsonValue {
    if (depth > MAX_DEPTH) {
      throw new DecodeLimitError(`nested more than ${MAX_DEPTH} levels deep: not analysed`, spanOf(node, at));
    }
    if (inAlias && ++aliasNodes > MAX_ALIAS_NODES) {
      throw new DecodeLimitError(
        `aliases expand to more than ${thousands(MAX_ALIAS_NODES)} nodes (an alias bomb?): this document was not expanded or analysed`,
        spanOf(node, at),
      );
    }
    if (isAlias(node)) return decodeAlias(node, pointer, key, at, depth);
    if (node && (node as { anchor?: string }).anchor) shared = true;
    const span = spanOf(node, at);
    if (isMap(node)) {
      index.set(pointer, entry(key, span, 'map'));
      const out: { [k: string]: JsonValue } = {};
      const merges: Node[] = [];
      for (const pair of node.items) {
        if (isMergeKey(pair)) {
          shared = true;
          merges.push(pair.value as Node);
          continue;
        }
        decodePair(pair, out, pointer, depth, inAlias, false);
      }
      for (const source of merges) mergeInto(source, out, pointer, depth, inAlias);
      return out;
    }
    if (isSeq(node)) {
      index.set(pointer, entry(key, span, 'seq'));
      return node.items.map((item, i) => decode(item as Node, `${pointer}/${i}`, undefined, span.start, depth + 1, inAlias));
    }
    if (isScalar(node)) {
      const value = scalarValue(node);
      index.set(pointer, entry(key, span, value === null ? 'null' : 'scalar'));
      return value;
    }
    // An empty value (`key:` with nothing after it) has no node.
    index.set(pointer, entry(key, { start: at, end: at }, 'null'));
    return null;
  }

  function decodeAlias(alias: Alias, pointer: string, key: Span | undefined, at: number, depth: number): JsonValue {
    shared = true;
    const target = alias.resolve(doc);
    if (!target || expanding.has(target)) {
      throw new DecodeLimitError(`alias *${alias.source} has no anchor before it`, spanOf(alias, at));
    }
    expanding.add(target);
    try {
      const value = decode(target, pointer, key, at, depth + 1, true);
      // The key is where this value is used; its value is written at the anchor.
      const e = index.get(pointer);
      if (e && key) {
        e.keyStart = key.start;
        e.keyEnd = key.end;
      }
      return value;
    } finally {
      expanding.delete(target);
    }
  }

  function decodePair(pair: Pair, out: { [k: string]: JsonValue }, pointer: string, depth: number, inAlias: boolean, merged: boolean) {
    const keyNode = pair.key as Node | null;
    const k = keyString(keyNode);
    if (k === undefined) return; // complex keys cannot become JSON; the syntax check reports them
    if (merged && Object.prototype.hasOwnProperty.call(out, k)) return; // explicit keys win over `<<`
    const keySpan = spanOf(keyNode, 0);
    const valueAt = emptyValueAt(keyNode);
    const v = decode(pair.value as Node | null, `${pointer}/${pointerSegment(k)}`, keySpan, valueAt, depth + 1, inAlias);
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }

  function mergeInto(source: Node, out: { [k: string]: JsonValue }, pointer: string, depth: number, inAlias: boolean) {
    // `<<: *a` or `<<: [*a, *b]`: earlier sources win over later ones.
    const sources = isSeq(source) ? (source.items as Node[]) : [source];
    for (const s of sources) {
      let target: Node | null | undefined = s;
      let viaAlias = inAlias;
      if (isAlias(s)) {
        target = s.resolve(doc);
        viaAlias = true;
      }
      if (!isMap(target)) continue;
      for (const pair of target.items) {
        if (!isMergeKey(pair)) decodePair(pair, out, pointer, depth + 1, viaAlias, true);
      }
    }
  }

  const value = start
    ? decode(start.node, start.pointer, start.key, start.at, start.depth, false)
    : decode(doc.contents as Node | null, '', undefined, 0, 0, false);
  return { value, index, shared };
}

/** Where an empty value (`key:` with nothing after it) is placed: just after its key. */
export const emptyValueAt = (key: Node | null): number => (key?.range ? key.range[1] + 1 : 0);

function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && pair.key.type === Scalar.PLAIN && (pair.key as Scalar).source === '<<';
}

function scalarValue(node: Scalar): ScalarValue {
  if (node.type === Scalar.PLAIN && typeof node.source === 'string') {
    const tag = node.tag;
    if (tag === 'tag:yaml.org,2002:str') return node.source;
    return resolvePlainScalar(node.source);
  }
  const v = node.value;
  // go-yaml reads \' in double quotes as a quote (a YAML 1.2 parser leaves it, with an error).
  if (node.type === Scalar.QUOTE_DOUBLE && typeof v === 'string' && v.includes("\\'")) return v.replace(/\\'/g, "'");
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return String(v);
}

/** A map key as decoding names it; undefined for a complex key (a map or list as key). */
export function keyString(node: Node | null): string | undefined {
  if (node === null) return 'null';
  if (isScalar(node)) return keyToString(scalarValue(node));
  return undefined;
}

/** The value at `segments` below `root` (own properties and list items only), or undefined. */
export function valueAtPath(root: JsonValue, segments: readonly (string | number)[]): JsonValue | undefined {
  let v: JsonValue | undefined = root;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? v[s as number] : Object.prototype.hasOwnProperty.call(v, s) ? (v as { [k: string]: JsonValue })[s as string] : undefined;
  }
  return v;
}
