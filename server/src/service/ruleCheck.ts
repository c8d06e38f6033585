/**
 * The rules part of validation: the API server's Pod rules over the decoded Pod, each field
 * error placed on the node it names through the path index.
 */
import type { JsonValue, PathIndex, Span } from '../yaml/decode';
import { pointerOf } from '../yaml/decode';
import { checkRules } from '../rules';
import { errorMessage, FieldError } from '../rules/errors';
import type { Problem, ProblemCode } from './problems';
import { firstKeyOf, missingFieldSpan } from './where';

const CODES: Record<FieldError['type'], ProblemCode> = {
  Required: 'required',
  Invalid: 'invalid-value',
  NotSupported: 'unsupported-value',
  Duplicate: 'duplicate-value',
  NotFound: 'not-found',
  Forbidden: 'forbidden',
  TooLong: 'too-long',
  TooMany: 'too-many',
  Warning: 'warning',
};

export function checkPodRules(value: JsonValue, index: PathIndex, version: string): Problem[] {
  return checkRules(value, { version }).map((e) => ({
    code: CODES[e.type],
    severity: e.severity === 'warning' ? 'warning' : 'error',
    message: errorMessage(e),
    span: spanFor(e, index),
    path: String(e.path),
  }));
}

/** The key or value of the node the error is about; for a missing field, as the schema check shows it. */
function spanFor(e: FieldError, index: PathIndex): Span {
  const segments = (e.at ?? e.path).segments;
  const prefix = (n: number) => pointerOf(segments.slice(0, n));
  const entry = index.get(prefix(segments.length));
  // A list item has no key of its own: its first key stands for it.
  if (entry) return e.target === 'key' ? entry.key ?? firstKeyOf(index, prefix(segments.length)) ?? entry.value : entry.value;
  // Not written: shown on the nearest written ancestor, as a missing field.
  for (let n = segments.length - 1; n >= 0; n--) {
    if (index.has(prefix(n))) return missingFieldSpan(index, prefix(n), prefix(n + 1));
  }
  return { start: 0, end: 0 };
}
