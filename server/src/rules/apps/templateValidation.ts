/**
 * How much of a workload's Pod template the server puts through ValidatePodTemplateSpec, for
 * rules/workloads.ts, which runs the Pod rules there for every kind.
 */
import { obj, Obj, RuleContext } from '../context';
import { parseSelector } from '../selector';
import { statefulSetTemplateValidated } from './statefulSet';
import { templateParts } from './templateChecks';

/**
 * - `none`: a Deployment's, ReplicaSet's or StatefulSet's selector that LabelSelectorAsSelector
 *   refuses ("invalid label selector": ValidatePodTemplateSpecForReplicaSet /
 *   ForStatefulSet is never called), or a ReplicationController without a template (Required);
 * - `metadata`: a StatefulSet before 1.34, whose template's labels and annotations alone are
 *   validated (statefulSetTemplateFaultChecked tells which faults);
 * - `full`: the rest (a DaemonSet's template always).
 */
export function templateValidation(kind: string, object: Obj, ctx: RuleContext): 'full' | 'metadata' | 'none' {
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
      return parseSelector(obj(obj(object.spec)?.selector)) ? 'full' : 'none';
    case 'StatefulSet':
      if (!parseSelector(obj(obj(object.spec)?.selector))) return 'none';
      return statefulSetTemplateValidated(ctx) ? 'full' : 'metadata';
    case 'ReplicationController':
      return templateParts(object).template ? 'full' : 'none';
    default:
      return 'full';
  }
}
