/**
 * Where a problem about a path is shown, for every producer of problems (the schema check, the
 * rules, the cluster's answers): on the path's key or value when it is written; when it is not, as
 * a missing field under its nearest written ancestor.
 */
import { parseFieldPath } from '../path/fieldPath';
import { pointerOf, pointerSegment, Segment } from '../path/segments';
import { Decoded, JsonValue, PathIndex, Span, valueAtPath as valueAt } from '../yaml/decode';
import type { Problem } from './problems';

/**
 * The span of `segments` in the document. `on: 'key'` for a field that must not be there or is
 * about its name; a list item has no key of its own, so its first key stands for it.
 */
export function spanOfPath(index: PathIndex, segments: readonly Segment[], on: 'key' | 'value', root?: JsonValue): Span {
  // Each prefix's pointer, made once: a path is looked up from its end towards the root.
  const pointers = [''];
  for (const s of segments) pointers.push(`${pointers[pointers.length - 1]}/${pointerSegment(s)}`);
  for (let n = segments.length; n >= 0; n--) {
    const entry = index.get(pointers[n]);
    if (!entry) continue;
    if (n < segments.length) return missingFieldSpan(index, pointers[n], pointers[n + 1], root && valueAt(root, segments.slice(0, n)));
    return on === 'key' ? (entry.key ?? firstKeyOf(index, pointers[n], root && valueAt(root, segments)) ?? entry.value) : entry.value;
  }
  return { start: 0, end: 0 };
}

/**
 * A missing field is shown on its key left empty, else on the key of the object that lacks it,
 * else (a list item or the document) on the object's first key.
 */
function missingFieldSpan(index: PathIndex, parentPointer: string, childPointer: string, parentValue: JsonValue | undefined): Span {
  const present = index.get(childPointer);
  if (present?.key) return present.key;
  const parent = index.get(parentPointer);
  if (parent?.key) return parent.key;
  return firstKeyOf(index, parentPointer, parentValue) ?? oneCharacter(parent?.value ?? { start: 0, end: 0 });
}

/**
 * The key of `pointer`'s first entry, in text order. With the decoded value there, its first key
 * that is written under it (decoded keys keep the text's order, integer-like keys aside); else
 * the whole index is read.
 */
function firstKeyOf(index: PathIndex, pointer: string, value?: JsonValue): Span | undefined {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const k in value) {
      const key = index.get(`${pointer}/${pointerSegment(k)}`)?.key;
      if (key) return key;
    }
    // (none: its keys are written elsewhere, through an alias or a merge key)
  }
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
