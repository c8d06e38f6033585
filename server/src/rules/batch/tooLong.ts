/**
 * field.TooLong and field.TooLongMaxLength as each release words them: up to 1.31 "must have at
 * most N bytes" and "may not be longer than N"; from 1.32 (apimachinery's rework of the length
 * errors) both "may not be more than N bytes". The release of the change is inferred, not read
 * from a tagged source: unsure.
 */
import { atLeast, RuleContext } from '../context';
import { FieldError, tooLong } from '../errors';
import type { FieldPath } from '../../path/fieldPath';

export function tooLongError(path: FieldPath, max: number, ctx: RuleContext, kind: 'TooLong' | 'TooLongMaxLength'): FieldError {
  const e = tooLong(path, '', max);
  if (atLeast(ctx, '1.32')) return { ...e, detail: `may not be more than ${max} bytes` };
  return kind === 'TooLongMaxLength' ? { ...e, detail: `may not be longer than ${max}` } : e;
}
