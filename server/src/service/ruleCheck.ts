/**
 * The rules part of validation: the API server's Pod rules over the decoded Pod, each field
 * error placed on the node it names through the path index.
 */
import type { JsonValue, PathIndex, Span } from '../yaml/decode';
import { pointerSegment } from '../yaml/decode';
import { checkRules } from '../rules';
import { errorMessage, FieldError } from '../rules/errors';
import type { Problem, ProblemCode } from './problems';

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

/** The key or value of the node the error is about, or of its nearest written ancestor. */
function spanFor(e: FieldError, index: PathIndex): Span {
  const segments = (e.at ?? e.path).segments;
  for (let n = segments.length; n >= 0; n--) {
    const pointer = segments.slice(0, n).map((s) => '/' + pointerSegment(s)).join('');
    const entry = index.get(pointer);
    if (!entry) continue;
    // A missing field is shown on the key of the object that lacks it.
    if (n < segments.length || e.target === 'key') return entry.key ?? firstLine(entry.value);
    return entry.value;
  }
  return { start: 0, end: 0 };
}

function firstLine(span: Span): Span {
  return { start: span.start, end: Math.min(span.end, span.start + 1) };
}
