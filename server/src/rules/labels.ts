/**
 * apimachinery's label checks (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation):
 * ValidateLabelName, ValidateLabels and ValidateLabelSelector, shared by metadata, node
 * selectors, affinity terms, topology spread constraints and volume claim templates.
 */
import { arr, obj, Obj, str } from './context';
import { at, FieldError, forbidden, invalid, required } from './errors';
import type { FieldPath } from './fieldPath';
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
    if (!expr) return;
    const p = path.child('matchExpressions').index(i);
    const operator = str(expr.operator) ?? '';
    const values = arr(expr.values);
    switch (operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        // A value outside the list is the schema check's, and so is a missing one (required there).
        if (expr.operator === '') errs.push(invalid(p.child('operator'), operator, 'not a valid selector operator'));
    }
    if (typeof expr.key === 'string') errs.push(...labelName(expr.key, p.child('key')));
    if (checkValues) {
      values.forEach((v, j) => {
        const value = str(v);
        if (value !== undefined) for (const msg of isValidLabelValue(value)) errs.push(invalid(p.child('values').index(j), value, msg));
      });
    }
  });
  return errs;
}
