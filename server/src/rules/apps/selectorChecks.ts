/**
 * The selector checks of the apps kinds' specs: required where the kind requires it, valid, and
 * not empty (ValidateDeploymentSpec, ValidateReplicaSetSpec, ValidateStatefulSetSpec,
 * ValidateDaemonSetSpec). Reading and matching the selector is rules/selector.ts's.
 */
import { arr, atLeast, obj, Obj, RuleContext } from '../context';
import { FieldError, invalid, required } from '../errors';
import type { FieldPath } from '../../path/fieldPath';
import { labelSelector } from '../labels';
import { goLabelSelector } from '../selector';

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
