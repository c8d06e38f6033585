/**
 * Node selector checks the pod spec rules share: core's ValidateNodeSelector,
 * ValidateNodeSelectorTerm and ValidateNodeSelectorRequirement (pkg/apis/core/validation).
 * The label checks are in labels.ts.
 */
import { arr, atLeast, obj, Obj, RuleContext, str } from './context';
import { FieldError, forbidden, invalid, required } from './errors';
import { labelName } from './labels';
import type { FieldPath } from './fieldPath';
import { isDNS1123Subdomain, isValidLabelValue } from './names';

/**
 * ValidateNodeSelectorRequirement: operator/values combinations, the key a label name; from 1.32
 * the values of a required node affinity term must be label values.
 */
function nodeSelectorRequirement(rq: Obj, path: FieldPath, ctx: RuleContext, checkValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const operator = str(rq.operator) ?? '';
  const values = arr(rq.values);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      if (rq.operator === '') errs.push(invalid(path.child('operator'), operator, 'not a valid selector operator'));
  }
  // A missing key or operator is reported by the schema check (required there).
  if (typeof rq.key === 'string') errs.push(...labelName(rq.key, path.child('key')));
  if (checkValues && atLeast(ctx, '1.32')) {
    values.forEach((v, j) => {
      const value = str(v);
      if (value !== undefined) for (const msg of isValidLabelValue(value)) errs.push(invalid(path.child('values').index(j), value, msg));
    });
  }
  return errs;
}

/** ValidateNodeFieldSelectorRequirement: only `metadata.name`, In/NotIn with exactly one value. */
function nodeFieldSelectorRequirement(rq: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const operator = str(rq.operator) ?? '';
  if (operator === 'In' || operator === 'NotIn') {
    if (arr(rq.values).length !== 1) errs.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
  } else if (typeof rq.operator === 'string') {
    // Every operator other than In/NotIn; the schema check knows only the label-selector list.
    if (['', 'Exists', 'DoesNotExist', 'Gt', 'Lt'].includes(operator)) errs.push(invalid(path.child('operator'), operator, 'not a valid selector operator'));
  }
  const key = str(rq.key) ?? '';
  if (key !== 'metadata.name') {
    if (typeof rq.key === 'string') errs.push(invalid(path.child('key'), key, 'not a valid field selector key'));
  } else {
    arr(rq.values).forEach((v, i) => {
      const value = str(v);
      // ValidateNodeName = NameIsDNSSubdomain
      if (value !== undefined) for (const msg of isDNS1123Subdomain(value)) errs.push(invalid(path.child('values').index(i), value, msg));
    });
  }
  return errs;
}

/** ValidateNodeSelectorTerm. */
export function nodeSelectorTerm(term: Obj, path: FieldPath, ctx: RuleContext, checkValues: boolean): FieldError[] {
  const errs: FieldError[] = [];
  arr(term.matchExpressions).forEach((e, j) => {
    const rq = obj(e);
    if (rq) errs.push(...nodeSelectorRequirement(rq, path.child('matchExpressions').index(j), ctx, checkValues));
  });
  arr(term.matchFields).forEach((e, j) => {
    const rq = obj(e);
    if (rq) errs.push(...nodeFieldSelectorRequirement(rq, path.child('matchFields').index(j)));
  });
  return errs;
}

/** ValidateNodeSelector: at least one term. */
export function nodeSelector(sel: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const termsPath = path.child('nodeSelectorTerms');
  const terms = arr(sel.nodeSelectorTerms);
  // A missing list is the schema check's (required there); an empty one is this rule's.
  if (terms.length === 0) return Array.isArray(sel.nodeSelectorTerms) ? [required(termsPath, 'must have at least one node selector term')] : [];
  const errs: FieldError[] = [];
  terms.forEach((t, i) => {
    const term = obj(t) ?? {};
    errs.push(...nodeSelectorTerm(term, termsPath.index(i), ctx, true));
  });
  return errs;
}
