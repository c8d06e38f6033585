/**
 * A workload's label selector as the server reads it: metav1.LabelSelectorAsSelector (and
 * labels.NewRequirement's checks, whose failure makes the selector unusable), Selector.Matches
 * and Empty, labels.Set(map).AsSelector() for a ReplicationController's map, and the Go %#v
 * printing of the selector and of a template's labels in Invalid values.
 */
import { arr, goStr, obj, Obj, RuleContext, atLeast } from '../context';
import { FieldError, GoValue, invalid, required } from '../errors';
import type { FieldPath } from '../../path/fieldPath';
import type { JsonValue } from '../../yaml/decode';
import { labelSelector } from '../labels';
import { goStringMap } from './goPrint';
import { isQualifiedName, isValidLabelValue } from '../names';

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

function goStringSlice(list: JsonValue | undefined): string {
  return Array.isArray(list) ? `[]string{${list.map((v) => q(goStr(v))).join(', ')}}` : '[]string(nil)';
}

/** The selector as %#v prints a *metav1.LabelSelector's value (field.Invalid prints what a pointer points to). */
export function goLabelSelector(sel: Obj): GoValue {
  const exprs = sel.matchExpressions;
  const expressions = Array.isArray(exprs)
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => {
          const expr = obj(e) ?? {};
          return `v1.LabelSelectorRequirement{Key:${q(goStr(expr.key))}, Operator:${q(goStr(expr.operator))}, Values:${goStringSlice(expr.values)}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(obj(sel.matchLabels))}, MatchExpressions:${expressions}}`);
}

/** A template's labels as the "does not match" error prints them. */
export const goTemplateLabels = (labels: Obj | undefined) => new GoValue(goStringMap(labels));

/**
 * The selector part of ValidateDeploymentSpec, ValidateReplicaSetSpec and ValidateStatefulSetSpec:
 * required, ValidateLabelSelector (strictly, label values of In/NotIn too, from 1.26), not empty
 * ("empty selector is invalid for deployment": a ReplicaSet says deployment too).
 */
export function requiredSelector(sel: Obj | undefined, path: FieldPath, ctx: RuleContext, kind: 'deployment' | 'statefulset'): FieldError[] {
  if (!sel) return [required(path)];
  return [...labelSelector(sel, path, atLeast(ctx, '1.26')), ...emptySelector(sel, path, kind)];
}

/** A written selector with neither matchLabels nor matchExpressions: "empty selector is invalid for daemonset". */
export function emptySelector(sel: Obj, path: FieldPath, kind: string): FieldError[] {
  const terms = Object.keys(obj(sel.matchLabels) ?? {}).length + arr(sel.matchExpressions).length;
  return terms === 0 ? [invalid(path, goLabelSelector(sel), `empty selector is invalid for ${kind}`)] : [];
}
