/**
 * Where a fault about a missing field is shown: on the key left empty, else on the key of the
 * object that lacks it, else (a list item or the document) on the object's first key.
 */
import type { PathIndex, Span } from '../yaml/decode';

export function missingFieldSpan(index: PathIndex, parentPointer: string, childPointer: string): Span {
  const present = index.get(childPointer);
  if (present?.key) return present.key;
  const parent = index.get(parentPointer);
  if (parent?.key) return parent.key;
  return firstKeyOf(index, parentPointer) ?? oneCharacter(parent?.value ?? { start: 0, end: 0 });
}

/** The key of `pointer`'s first entry, in text order. */
export function firstKeyOf(index: PathIndex, pointer: string): Span | undefined {
  let first: Span | undefined;
  for (const [p, e] of index) {
    if (e.key && p.startsWith(pointer + '/') && p.indexOf('/', pointer.length + 1) < 0) {
      if (!first || e.key.start < first.start) first = e.key;
    }
  }
  return first;
}

function oneCharacter(span: Span): Span {
  return { start: span.start, end: Math.min(span.end, span.start + 1) };
}
