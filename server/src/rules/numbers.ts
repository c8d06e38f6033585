/**
 * The number checks the workload kinds share: ValidateNonnegativeField (apimachinery
 * pkg/api/validation/generic.go) and the int-or-percent fields of the update strategies
 * (pkg/apis/apps/validation: ValidatePositiveIntOrPercent, IsNotMoreThan100Percent,
 * getIntOrPercentValue; apimachinery's IsValidPercent and IntOrString.IntValue).
 */
import type { JsonValue } from '../yaml/decode';
import type { FieldPath } from '../path/fieldPath';
import { int } from './context';
import { FieldError, GoValue, invalid } from './errors';
import { regexError } from './names';
import { atoi } from './strconv';

/** IsNegativeErrorMsg */
export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';

/** ValidateNonnegativeField: an integer field below 0 (a field of another type is the schema check's). */
export function nonNegative(v: JsonValue | undefined, path: FieldPath): FieldError[] {
  const n = int(v);
  return n !== undefined && n < 0 ? [invalid(path, n, IS_NEGATIVE_ERROR)] : [];
}

/** intstr.IntOrString as it is decoded: a JSON number is an Int, a JSON string a String. */
export type IntOrString = { type: 'int'; value: number } | { type: 'string'; value: string };

/** The IntOrString a written value decodes to; none for a missing value or one the schema check refuses. */
export function intOrString(v: JsonValue | undefined): IntOrString | undefined {
  if (typeof v === 'string') return { type: 'string', value: v };
  const n = int(v);
  return n === undefined ? undefined : { type: 'int', value: n };
}

/** An IntOrString as Go's %#v prints it in an Invalid value: `intstr.IntOrString{Type:1, IntVal:0, StrVal:"5%"}`. */
export function goIntOrString(v: IntOrString): GoValue {
  return v.type === 'int'
    ? new GoValue(`intstr.IntOrString{Type:0, IntVal:${v.value}, StrVal:""}`)
    : new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v.value)}}`);
}

const percentFmt = '[0-9]+%';
const percentRe = new RegExp(`^${percentFmt}$`);

/** IsValidPercent */
export function isValidPercent(value: string): string[] {
  return percentRe.test(value) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", percentFmt, '1%', '93%')];
}

/** IntOrString.IntValue of a string: strconv.Atoi's int, its error ignored (0 for text that is no integer). */
const intValue = (s: string): number => Number(atoi(s)[0]);

/** getPercentValue: the number of a valid percent string. */
function percentValue(v: IntOrString): number | undefined {
  if (v.type !== 'string' || isValidPercent(v.value).length) return undefined;
  return intValue(v.value.slice(0, -1));
}

/** getIntOrPercentValue: the percent, else IntValue() (a string that is no integer counts as 0). */
export function intOrPercentValue(v: IntOrString): number {
  return percentValue(v) ?? (v.type === 'int' ? v.value : intValue(v.value));
}

/** ValidatePositiveIntOrPercent: a string must be a percent, an int must not be negative. */
export function positiveIntOrPercent(v: IntOrString, path: FieldPath): FieldError[] {
  if (v.type === 'string') return isValidPercent(v.value).map((msg) => invalid(path, goIntOrString(v), msg));
  return v.value < 0 ? [invalid(path, v.value, IS_NEGATIVE_ERROR)] : [];
}

/** IsNotMoreThan100Percent */
export function notMoreThan100Percent(v: IntOrString, path: FieldPath): FieldError[] {
  const p = percentValue(v);
  return p !== undefined && p > 100 ? [invalid(path, goIntOrString(v), 'must not be greater than 100%')] : [];
}

/**
 * A maxUnavailable that may not be 0, as ValidateRollingUpdateDaemonSet (before maxSurge) and
 * ValidateRollingUpdateStatefulSet check it: a positive int or percent, "cannot be 0", at most 100%.
 */
export function nonZeroMaxUnavailable(v: IntOrString, path: FieldPath): FieldError[] {
  const errs = positiveIntOrPercent(v, path);
  if (intOrPercentValue(v) === 0) errs.push(invalid(path, goIntOrString(v), 'cannot be 0'));
  errs.push(...notMoreThan100Percent(v, path));
  return errs;
}
