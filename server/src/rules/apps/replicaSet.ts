/**
 * ReplicaSet (pkg/apis/apps/validation: ValidateReplicaSetSpec) and ReplicationController
 * (pkg/apis/core/validation: ValidateReplicationControllerSpec): replicas, minReadySeconds, a
 * selector the template's labels match, and the template checks of replicated Pods. Each over
 * the object as the server defaults it (replicas 1; an RC's selector and labels from its template).
 */
import { FieldPath } from '../../path/fieldPath';
import { int, KindRule, obj, Obj, RuleContext } from '../context';
import { FieldError, invalid, required, reroot } from '../errors';
import { validateLabels } from '../labels';
import { nonNegative } from '../numbers';
import { goLabelSelector, mapSelector, parseSelector, selectorEmpty, TEMPLATE_LABELS } from '../selector';
import { requiredSelector } from './selectorChecks';
import { replicatedTemplate, TEMPLATE_PATH, templateParts } from './templateChecks';

const SPEC = FieldPath.root('spec');

/** spec.replicas after SetDefaults_*: 1 when left out. */
export const replicasOf = (spec: Obj) => int(spec.replicas) ?? 1;

/**
 * The selector and template part of ValidateReplicaSetSpec and ValidateDeploymentSpec: the
 * selector, then either "invalid label selector" (LabelSelectorAsSelector failed; the template
 * is then not checked at all) or ValidatePodTemplateSpecForReplicaSet, whose messages say
 * ReplicaSet for a Deployment too.
 */
export function replicaSetSelectorAndTemplate(object: Obj, ctx: RuleContext): FieldError[] {
  const spec = obj(object.spec) ?? {};
  const sel = obj(spec.selector);
  const path = SPEC.child('selector');
  const errs = requiredSelector(sel, path, ctx, 'deployment');
  const selector = parseSelector(sel);
  if (!selector) errs.push(invalid(path, goLabelSelector(sel!), 'invalid label selector'));
  else errs.push(...replicatedTemplate(object, selector, replicasOf(spec), ctx, 'ReplicaSet'));
  return errs;
}

/** ValidateReplicaSetSpec */
export const replicaSetRules: KindRule = (object, ctx) => {
  const spec = obj(object.spec) ?? {};
  return [
    ...nonNegative(spec.replicas, SPEC.child('replicas')),
    ...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')),
    ...replicaSetSelectorAndTemplate(object, ctx),
  ];
};

/**
 * ValidateReplicationControllerSpec over SetDefaults_ReplicationController: an empty selector,
 * and empty metadata.labels, become the template's labels. So the labels ValidateObjectMeta
 * checks at metadata.labels may be the template's: those errors are shown on the template's
 * labels. A missing template is Required, and then nothing of it is checked.
 */
export const replicationControllerRules: KindRule = (object, ctx) => {
  const spec = obj(object.spec) ?? {};
  const { template, labels } = templateParts(object);
  const errs: FieldError[] = [];
  const written = obj(spec.selector);
  const defaulted = labels && Object.keys(written ?? {}).length === 0;
  if (labels && Object.keys(obj(obj(object.metadata)?.labels) ?? {}).length === 0) {
    const metaLabels = FieldPath.root('metadata', 'labels');
    errs.push(...validateLabels(labels, metaLabels).map((e) => reroot(e, metaLabels, TEMPLATE_LABELS, 'shown')));
  }
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  // ValidateNonEmptySelector
  const selector = mapSelector(defaulted ? labels : written);
  if (selectorEmpty(selector)) errs.push(required(SPEC.child('selector')));
  errs.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  // ValidatePodTemplateSpecForRC
  if (!template) errs.push(required(TEMPLATE_PATH));
  else errs.push(...replicatedTemplate(object, selector, replicasOf(spec), ctx, 'ReplicationController'));
  return errs;
};
