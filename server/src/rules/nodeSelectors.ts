/**
 * Node selectors, as node affinity uses them: core's ValidateNodeSelector, ValidateNodeSelectorTerm,
 * ValidateNodeSelectorRequirement and ValidateNodeFieldSelectorRequirement
 * (pkg/apis/core/validation/validation.go). The label checks are in labels.ts.
 */
import { arr, atLeast, obj, Obj, RuleContext, str } from './context';
import { FieldError, invalid, required } from './errors';
import { selectorRequirement } from './labels';
import type { FieldPath } from '../path/fieldPath';
import { isDNS1123Subdomain } from './names';

/**
 * ValidateNodeSelectorRequirement: a selector requirement (labels.ts) that also has Gt and Lt, with
 * one value; from 1.32 the values of a required node affinity term must be label values.
 */
function nodeSelectorRequirement(rq: Obj, path: FieldPath, ctx: RuleContext, checkValues: boolean): FieldError[] {
  return selectorRequirement(rq, path, checkValues && atLeast(ctx, '1.32'), (operator, values) =>
    (operator === 'Gt' || operator === 'Lt') && values.length !== 1
      ? [required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'")]
      : [],
  );
}

/** ValidateNodeFieldSelectorRequirement: only `metadata.name`, In/NotIn with exactly one value. */
function nodeFieldSelectorRequirement(rq: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const operator = str(rq.operator) ?? '';
  if (operator === 'In' || operator === 'NotIn') {
    if (arr(rq.values).length !== 1)
      errs.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
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
