/**
 * The one path vocabulary of the server: a path is a list of segments (`['spec', 'containers', 0,
 * 'image']`), a map key or a list index. The YAML index is keyed by its JSON pointer (ajv's
 * `instancePath` is one too); rules print it as apimachinery does (fieldPath.ts).
 */
export type Segment = string | number;

export function pointerSegment(key: Segment): string {
  if (typeof key === 'number') return String(key);
  // Most keys need no escape: checked before two replaces make two new strings.
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

/** The JSON pointer of a path: ['spec', 'containers', 0] → `/spec/containers/0`, the index's key. */
export function pointerOf(segments: readonly Segment[]): string {
  return segments.map((s) => '/' + pointerSegment(s)).join('');
}

/**
 * The segments of a JSON pointer, each a string: whether `0` is a list index or a map key only
 * the schema or the value can tell (SchemaModel.segmentsOf, parseFieldPath).
 */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
