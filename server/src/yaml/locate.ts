/**
 * Offset → path in a parsed document: which key or value the cursor is on, as the path Kubernetes
 * would see (`spec`, `containers`, 0, `image`). Used by hover and completion on the cached parse.
 */
import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { lastAtOrBefore } from '../bisect';
import { keyToString, resolvePlainScalar } from './scalars';

import type { Segment } from '../path/segments';

export interface Location {
  segments: Segment[];
  /** On a map key, or on a value (a scalar, or inside a collection but on none of its children). */
  role: 'key' | 'value';
  /** The node at the offset (the key scalar for `role: 'key'`). */
  node?: Node | null;
  /** The map that holds the key, for `role: 'key'`. */
  map?: YAMLMap;
}

export function keyName(key: unknown): string | undefined {
  if (key === null || key === undefined) return 'null';
  if (!isScalar(key)) return undefined;
  const s = key as Scalar;
  if (s.type === Scalar.PLAIN && typeof s.source === 'string') return keyToString(resolvePlainScalar(s.source));
  return keyToString(s.value as string);
}

const contains = (node: Node | null | undefined, offset: number, inclusiveEnd: boolean) =>
  !!node?.range && node.range[0] <= offset && (inclusiveEnd ? offset <= node.range[1] : offset < node.range[1]);

export function locate(doc: Document, offset: number): Location {
  const segments: Segment[] = [];
  let node = doc.contents as Node | null;
  for (;;) {
    if (isMap(node)) {
      const pair = findPair(node, offset);
      if (!pair) return { segments, role: 'value', node };
      const name = keyName(pair.key);
      if (name === undefined) return { segments, role: 'value', node };
      if (contains(pair.key as Node, offset, true)) return { segments: [...segments, name], role: 'key', node: pair.key as Node, map: node };
      segments.push(name);
      node = pair.value as Node | null;
      if (!node) return { segments, role: 'value', node };
      continue;
    }
    if (isSeq(node)) {
      const i = node.items.findIndex((item) => contains(item as Node, offset, true));
      if (i < 0) return { segments, role: 'value', node };
      segments.push(i);
      node = node.items[i] as Node;
      continue;
    }
    return { segments, role: 'value', node };
  }
}

/** The pair whose key or value spans the offset (binary search: pairs are in text order). */
function findPair(map: YAMLMap, offset: number): Pair | undefined {
  const candidate = lastAtOrBefore(map.items, (pair) => (pair.key as Node | null)?.range?.[0] ?? Infinity, offset);
  if (candidate < 0) return undefined;
  const pair = map.items[candidate];
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (contains(key, offset, true)) return pair;
  if (value && contains(value, offset, true)) return pair;
  // Between the key and an empty value (`image: |`): the pair's value.
  if (!value && key?.range && offset >= key.range[1]) return pair;
  return undefined;
}

/** The pair whose key starts exactly at `offset`, with its path; for lines found by indentation. */
export function keyAt(doc: Document, offset: number): { segments: Segment[]; pair: Pair; map: YAMLMap } | undefined {
  const loc = locate(doc, offset);
  if (loc.role !== 'key' || !loc.map || !loc.node?.range || loc.node.range[0] !== offset) return undefined;
  const pair = loc.map.items.find((p) => p.key === loc.node);
  return pair ? { segments: loc.segments, pair, map: loc.map } : undefined;
}
