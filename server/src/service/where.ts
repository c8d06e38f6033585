/**
 * Where a problem about a path is shown, for every producer of problems (the schema check, the
 * rules, the cluster's answers): on the path's key or value when it is written; when it is not, as
 * a missing field under its nearest written ancestor.
 */
import { parseFieldPath } from '../path/fieldPath';
import { pointerOf, Segment } from '../path/segments';
import type { Decoded, PathIndex, Span } from '../yaml/decode';
import type { Problem } from './problems';

/**
 * The span of `segments` in the document. `on: 'key'` for a field that must not be there or is
 * about its name; a list item has no key of its own, so its first key stands for it.
 */
export function spanOfPath(index: PathIndex, segments: readonly Segment[], on: 'key' | 'value'): Span {
  for (let n = segments.length; n >= 0; n--) {
    const pointer = pointerOf(segments.slice(0, n));
    const entry = index.get(pointer);
    if (!entry) continue;
    if (n < segments.length) return missingFieldSpan(index, pointer, pointerOf(segments.slice(0, n + 1)));
    return on === 'key' ? (entry.key ?? firstKeyOf(index, pointer) ?? entry.value) : entry.value;
  }
  return { start: 0, end: 0 };
}

/**
 * A missing field is shown on its key left empty, else on the key of the object that lacks it,
 * else (a list item or the document) on the object's first key.
 */
function missingFieldSpan(index: PathIndex, parentPointer: string, childPointer: string): Span {
  const present = index.get(childPointer);
  if (present?.key) return present.key;
  const parent = index.get(parentPointer);
  if (parent?.key) return parent.key;
  return firstKeyOf(index, parentPointer) ?? oneCharacter(parent?.value ?? { start: 0, end: 0 });
}

/** The key of `pointer`'s first entry, in text order. */
function firstKeyOf(index: PathIndex, pointer: string): Span | undefined {
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

/** The JSON pointer of the field a problem names (`spec.containers[0].image` → `/spec/containers/0/image`), if it names one. */
export function pointerOfProblem(problem: Problem, decoded: Decoded | undefined): string | undefined {
  const segments = problem.path && decoded ? parseFieldPath(problem.path, decoded.value) : undefined;
  return segments ? pointerOf(segments) : undefined;
}
