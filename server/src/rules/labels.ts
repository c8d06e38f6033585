/**
 * apimachinery's label and annotation checks (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation:
 * ValidateLabelName, ValidateLabels, ValidateLabelSelector, ValidateLabelSelectorRequirement;
 * pkg/api/validation/objectmeta.go: ValidateAnnotations), shared by metadata, node selectors
 * (whose requirements share the selector requirement's checks), affinity terms, topology spread
 * constraints and volume claim templates.
 */
import type { JsonValue } from '../yaml/decode';
import { arr, obj, Obj, str } from './context';
import { at, FieldError, forbidden, invalid, required, tooLong } from './errors';
import type { FieldPath } from '../path/fieldPath';
import { isQualifiedName, isValidLabelValue } from './names';

/** ValidateLabelName: a qualified name. */
export function labelName(key: string, path: FieldPath, where?: FieldPath): FieldError[] {
  return isQualifiedName(key).map((msg) => (where ? at(invalid(path, key, msg), where) : invalid(path, key, msg)));
}

/**
 * ValidateLabels: errors name the map's path; each is shown on the key (bad key) or the value
 * (bad value) of its entry.
 */
export function validateLabels(map: Obj | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(map ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(at(invalid(path, k, msg), path.key(k), 'key'));
    const value = str(v);
    if (value !== undefined) for (const msg of isValidLabelValue(value)) errs.push(at(invalid(path, value, msg), path.key(k)));
  }
  return errs;
}

/** TotalAnnotationSizeLimitB: keys and values together. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateAnnotations: keys are qualified names (lower-cased); all of it at most 256 KiB. */
export function validateAnnotations(map: Obj | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(map ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(at(invalid(path, k, msg), path.key(k), 'key'));
    size += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push({ ...tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT), target: 'key' });
  return errs;
}

/**
 * ValidateLabelSelector + ValidateLabelSelectorRequirement. `checkValues`: the values of In/NotIn
 * expressions must be label values (from 1.26, unless LabelSelectorValidationOptions allow
 * invalid ones).
 */
export function labelSelector(sel: Obj | undefined, path: FieldPath, checkValues: boolean): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(obj(sel.matchLabels), path.child('matchLabels'));
  arr(sel.matchExpressions).forEach((e, i) => {
    const expr = obj(e);
    if (expr) errs.push(...selectorRequirement(expr, path.child('matchExpressions').index(i), checkValues));
  });
  return errs;
}

/**
 * What ValidateLabelSelectorRequirement and core's ValidateNodeSelectorRequirement share: the
 * values an In / NotIn / Exists / DoesNotExist requirement needs, an empty operator, the key a
 * label name and, with `checkValues`, the values label values. `other` says what another operator
 * needs (a node selector's Gt / Lt); a value outside the lists, or a missing key or operator, is
 * the schema check's.
 */
export function selectorRequirement(
  expr: Obj,
  path: FieldPath,
  checkValues: boolean,
  other?: (operator: string, values: JsonValue[]) => FieldError[],
): FieldError[] {
  const errs: FieldError[] = [];
  const operator = str(expr.operator) ?? '';
  const values = arr(expr.values);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      if (expr.operator === '') errs.push(invalid(path.child('operator'), operator, 'not a valid selector operator'));
      else if (other) errs.push(...other(operator, values));
  }
  if (typeof expr.key === 'string') errs.push(...labelName(expr.key, path.child('key')));
  if (checkValues) {
    values.forEach((v, j) => {
      const value = str(v);
      if (value !== undefined) for (const msg of isValidLabelValue(value)) errs.push(invalid(path.child('values').index(j), value, msg));
    });
  }
  return errs;
}
