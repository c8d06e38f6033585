/**
 * Repeated mapping keys, found in one pass. The `yaml` package's own check (`uniqueKeys: true`)
 * compares each key with every earlier key of its mapping: quadratic, so a mapping of 70,000
 * keys (a 1 MB flow map on one line) took over a minute. Same rule as the package's: two scalar
 * keys with the same value; the later one is the duplicate.
 */
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, YAMLMap } from 'yaml';

export interface DuplicateKey {
  /** The repeated key's name as written, and where it stands. */
  name: string;
  start: number;
  end: number;
  /** Where the key first stands in its mapping. */
  first?: number;
}

export function duplicateKeys(ast: Document): DuplicateKey[] {
  return duplicateKeysIn(ast.contents);
}

/** The repeated keys of the mappings in and below `top`, by position. */
export function duplicateKeysIn(top: unknown): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  // An explicit stack, not recursion: documents may nest thousands of levels deep.
  const stack: unknown[] = [top];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      found.push(...repeatedKeys(node));
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (key && !isAlias(key)) stack.push(key);
        if (pair.value && !isAlias(pair.value)) stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else if (item && !isAlias(item)) stack.push(item);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The repeated keys of one mapping, not of those below it. */
export function repeatedKeys(map: YAMLMap): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const seen = new Map<unknown, number | undefined>();
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key)) continue;
    if (seen.has(key.value)) {
      const start = key.range?.[0] ?? 0;
      const name = String(key.source ?? key.value);
      found.push({ name, start, end: key.range?.[1] ?? start + name.length, first: seen.get(key.value) });
    } else seen.set(key.value, key.range?.[0]);
  }
  return found;
}
