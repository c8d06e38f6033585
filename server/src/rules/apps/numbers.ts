/**
 * The number checks the workload kinds share: ValidateNonnegativeField (apimachinery
 * pkg/api/validation/generic.go) and the int-or-percent fields of the update strategies
 * (pkg/apis/apps/validation: ValidatePositiveIntOrPercent, IsNotMoreThan100Percent,
 * getIntOrPercentValue; apimachinery's IsValidPercent).
 */
import type { JsonValue } from '../../yaml/decode';
import type { FieldPath } from '../../path/fieldPath';
import { FieldError, GoValue, invalid } from '../errors';
import { regexError } from '../names';
import { int } from '../projectedFiles';

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

/** strconv.Atoi as IntOrString.IntValue uses it: 0 when the text is not a decimal integer. */
function atoi(s: string): number {
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : 0;
}

/** getPercentValue: the number of a valid percent string. */
function percentValue(v: IntOrString): number | undefined {
  if (v.type !== 'string' || isValidPercent(v.value).length) return undefined;
  return atoi(v.value.slice(0, -1));
}

/** getIntOrPercentValue: the percent, else IntValue() (a string that is no integer counts as 0). */
export function intOrPercentValue(v: IntOrString): number {
  return percentValue(v) ?? (v.type === 'int' ? v.value : atoi(v.value));
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
