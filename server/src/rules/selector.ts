/**
 * A workload's label selector as the server reads it: metav1.LabelSelectorAsSelector (and
 * labels.NewRequirement's checks, whose failure makes the selector unusable), Selector.Matches
 * and Empty, labels.Set(map).AsSelector() for a ReplicationController's map, the Go %#v printing
 * of the selector and of a template's labels in Invalid values, and the check that the selector
 * matches the template's labels (apps/ and batch/ both make it).
 */
import { arr, goStr, obj, Obj } from './context';
import { FieldError, GoValue, invalid } from './errors';
import { FieldPath } from '../path/fieldPath';
import { goSlice, goStringMap } from './goPrint';
import { isQualifiedName, isValidLabelValue } from './names';

/** One requirement of a parsed selector (selection.Operator: Equals for matchLabels). */
interface Requirement {
  key: string;
  op: 'Equals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/**
 * A parsed selector: `nothing` (a nil selector: labels.Nothing()), `everything` (an empty one:
 * labels.Everything(), which Empty() reports), or its requirements.
 */
export type Selector = 'nothing' | 'everything' | Requirement[];

const OPERATORS: Record<string, Requirement['op']> = { In: 'In', NotIn: 'NotIn', Exists: 'Exists', DoesNotExist: 'DoesNotExist' };

/** labels.NewRequirement's checks: a qualified key, the number of values the operator takes, label values. */
function requirementValid(r: Requirement): boolean {
  if (isQualifiedName(r.key).length) return false;
  if ((r.op === 'In' || r.op === 'NotIn') && r.values.length === 0) return false;
  if (r.op === 'Equals' && r.values.length !== 1) return false;
  if ((r.op === 'Exists' || r.op === 'DoesNotExist') && r.values.length !== 0) return false;
  return r.values.every((v) => isValidLabelValue(v).length === 0);
}

/** LabelSelectorAsSelector: the selector, or undefined where it fails (a bad operator, key, value or count of values). */
export function parseSelector(sel: Obj | undefined): Selector | undefined {
  if (!sel) return 'nothing';
  const matchLabels = Object.entries(obj(sel.matchLabels) ?? {});
  const expressions = arr(sel.matchExpressions);
  if (matchLabels.length + expressions.length === 0) return 'everything';
  const reqs: Requirement[] = matchLabels.map(([key, v]) => ({ key, op: 'Equals', values: [goStr(v)] }));
  for (const e of expressions) {
    const expr = obj(e) ?? {};
    const op = OPERATORS[goStr(expr.operator)];
    if (!op) return undefined;
    reqs.push({ key: goStr(expr.key), op, values: arr(expr.values).map(goStr) });
  }
  return reqs.every(requirementValid) ? reqs : undefined;
}

/** labels.Set(map).AsSelector(): a ReplicationController's selector, every entry an Equals requirement. */
export function mapSelector(map: Obj | undefined): Selector {
  const entries = Object.entries(map ?? {});
  return entries.length ? entries.map(([key, v]) => ({ key, op: 'Equals', values: [goStr(v)] })) : 'everything';
}

/** Selector.Empty(): only labels.Everything() (a nil selector, labels.Nothing(), is not empty). */
export const selectorEmpty = (s: Selector) => s === 'everything';

/** Selector.Matches(labels.Set(labels)). */
export function selectorMatches(s: Selector, labels: Obj | undefined): boolean {
  if (s === 'nothing') return false;
  if (s === 'everything') return true;
  const has = (k: string) => labels !== undefined && Object.prototype.hasOwnProperty.call(labels, k);
  return s.every((r) => {
    const value = has(r.key) ? goStr(labels![r.key]) : undefined;
    switch (r.op) {
      case 'Equals':
      case 'In':
        return value !== undefined && r.values.includes(value);
      case 'NotIn':
        return value === undefined || !r.values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
    }
  });
}

const q = (s: string) => JSON.stringify(s);

/** The selector as %#v prints a *metav1.LabelSelector's value (field.Invalid prints what a pointer points to). */
export function goLabelSelector(sel: Obj): GoValue {
  const expressions = goSlice('v1.LabelSelectorRequirement', sel.matchExpressions, (e) => {
    const expr = obj(e) ?? {};
    const values = goSlice('string', expr.values, (v) => q(goStr(v)));
    return `v1.LabelSelectorRequirement{Key:${q(goStr(expr.key))}, Operator:${q(goStr(expr.operator))}, Values:${values}}`;
  });
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(obj(sel.matchLabels))}, MatchExpressions:${expressions}}`);
}

/** A template's labels (a map[string]string) as the errors about them print them. */
export const goTemplateLabels = (labels: Obj | undefined) => new GoValue(goStringMap(labels));

/** Where every workload kind keeps its template's labels. */
export const TEMPLATE_LABELS = FieldPath.root('spec', 'template', 'metadata', 'labels');

/**
 * "`selector` does not match template `labels`" (ValidatePodTemplateSpecForReplicaSet, ForRC,
 * ForStatefulSet, ValidateDaemonSetSpec, ValidateJobSpec). `checkEmpty`: an empty selector is
 * not checked (the ReplicaSet, RC and StatefulSet checks skip it; a DaemonSet's and a Job's do not).
 */
export function selectorMatchesLabels(selector: Selector, labels: Obj | undefined, checkEmpty: boolean): FieldError[] {
  if (checkEmpty && selectorEmpty(selector)) return [];
  if (selectorMatches(selector, labels)) return [];
  return [invalid(TEMPLATE_LABELS, goTemplateLabels(labels), '`selector` does not match template `labels`')];
}
