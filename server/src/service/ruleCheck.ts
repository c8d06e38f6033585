/**
 * The rules part of validation: the API server's rules over the decoded Pod or workload, each field
 * error placed on the node it names through the path index.
 */
import type { ObjectKind } from '../schema/kinds';
import type { JsonValue, PathIndex } from '../yaml/decode';
import { checkRules } from '../rules';
import { errorMessage, FieldError } from '../rules/errors';
import type { Problem, ProblemCode } from './problems';
import { spanOfPath } from './where';

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

export function checkObjectRules(value: JsonValue, index: PathIndex, kind: ObjectKind, version: string): Problem[] {
  return checkRules(value, { version }, kind).map((e) => ({
    code: CODES[e.type],
    severity: e.severity === 'warning' ? 'warning' : 'error',
    message: errorMessage(e),
    span: spanOfPath(index, (e.at ?? e.path).segments, e.target),
    path: String(e.path),
  }));
}
