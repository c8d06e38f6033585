/**
 * validateSuccessPolicy, validateSuccessPolicyRule, validateIndexesFormat and parseIndexInterval
 * (pkg/apis/batch/validation): a success policy's rules, each a count and/or a list of indexes
 * (`0,2-4`) under spec.completions. Checked from 1.31 in a Job (1.30 in a job template: gates.ts).
 * Where completions is unset the server dereferences a nil pointer (it fails with a 500), so
 * nothing more is said here.
 */
import { arr, eachObj, goStr, int, obj, Obj, present, RuleContext } from '../context';
import { FieldError, GoValue, invalid, required, tooMany } from '../errors';
import type { FieldPath } from '../../path/fieldPath';
import { goPointer, goSlice } from '../goPrint';
import { nonNegative } from '../numbers';
import { atoi, goQuote } from '../strconv';
import { tooLongError } from './tooLong';

const MAX_RULES = 20;
const MAX_SUCCEEDED_INDEXES = 64 * 1024;

/** *spec.SuccessPolicy as %#v prints it in "requires indexed completion mode" (its pointers as goPrint.ts shows them). */
export function goSuccessPolicy(policy: Obj): GoValue {
  const rules = goSlice('batch.SuccessPolicyRule', policy.rules, (r) => {
    const rule = obj(r) ?? {};
    return `batch.SuccessPolicyRule{SucceededIndexes:${goPointer('string', rule.succeededIndexes)}, SucceededCount:${goPointer('int32', rule.succeededCount)}}`;
  });
  return new GoValue(`batch.SuccessPolicy{Rules:${rules}}`);
}

export function validateSuccessPolicy(policy: Obj, path: FieldPath, completions: number | undefined, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = path.child('rules');
  const count = arr(policy.rules).length;
  if (count === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (count > MAX_RULES) errs.push(tooMany(rulesPath, count, MAX_RULES));
  eachObj(policy.rules, (rule, i) => errs.push(...validateRule(rule, rulesPath.index(i), completions, ctx)));
  return errs;
}

function validateRule(rule: Obj, path: FieldPath, completions: number | undefined, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  if (!present(rule.succeededCount) && !present(rule.succeededIndexes))
    errs.push(required(path, 'at least one of succeededCount or succeededIndexes must be specified'));
  let total = 0;
  if (present(rule.succeededIndexes)) {
    const indexesPath = path.child('succeededIndexes');
    const indexes = goStr(rule.succeededIndexes);
    if (Buffer.byteLength(indexes) > MAX_SUCCEEDED_INDEXES) errs.push(tooLongError(indexesPath, MAX_SUCCEEDED_INDEXES, ctx, 'TooLong'));
    if (completions === undefined) return errs;
    const parsed = validateIndexesFormat(indexes, completions);
    if (typeof parsed === 'string') errs.push(invalid(indexesPath, indexes, `error parsing succeededIndexes: ${parsed}`));
    else total = parsed;
  }
  if (present(rule.succeededCount)) {
    const countPath = path.child('succeededCount');
    errs.push(...nonNegative(rule.succeededCount, countPath));
    const count = int(rule.succeededCount);
    if (count === undefined || completions === undefined) return errs;
    if (count > completions) errs.push(invalid(countPath, count, `must be less than or equal to ${completions} (the number of specified completions)`));
    if (present(rule.succeededIndexes) && count > total)
      errs.push(invalid(countPath, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
  }
  return errs;
}

/** validateIndexesFormat: the number of indexes in `0,2-4`, or the error's text. */
export function validateIndexesFormat(indexes: string, completions: number): number | string {
  if (indexes === '') return 0;
  let last: bigint | undefined;
  let total = 0n;
  for (const interval of indexes.split(',')) {
    const parsed = parseIndexInterval(interval, BigInt(completions));
    if (typeof parsed === 'string') return parsed;
    const [x, y] = parsed;
    if (last !== undefined && last >= x) return `non-increasing order, previous: ${last}, current: ${x}`;
    total += y - x + 1n;
    last = y;
  }
  return Number(total);
}

function parseIndexInterval(interval: string, completions: bigint): [bigint, bigint] | string {
  const limits = interval.split('-');
  if (limits.length > 2) return `the fragment ${goQuote(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`;
  const bound = (text: string): bigint | string => {
    const [n, err] = atoi(text);
    if (err) return `cannot convert string to integer for index: ${goQuote(text)}`;
    return n >= completions ? `too large index: ${goQuote(text)}` : n;
  };
  const x = bound(limits[0]);
  if (typeof x === 'string') return x;
  if (limits.length === 1) return [x, x];
  const y = bound(limits[1]);
  if (typeof y === 'string') return y;
  if (x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
  return [x, y];
}
