/**
 * What the apps kinds check in their Pod template besides ValidatePodTemplateSpec (which
 * rules/workloads.ts runs): the selector matches the template's labels (rules/selector.ts),
 * restartPolicy Always, no activeDeadlineSeconds, and read-only GCE disks when Pods are replicated
 * (ValidatePodTemplateSpecForReplicaSet, ValidatePodTemplateSpecForRC,
 * ValidatePodTemplateSpecForStatefulSet, ValidateDaemonSetSpec; core's
 * ValidateReadOnlyPersistentDisks). Paths from the object's root.
 */
import { atLeast, eachObj, goStr, obj, Obj, present, RuleContext } from '../context';
import { at, FieldError, forbidden, invalid, notSupported } from '../errors';
import { FieldPath } from '../../path/fieldPath';
import { Selector, selectorMatchesLabels } from '../selector';

/** Where every workload kind keeps its template. */
export const TEMPLATE_PATH = FieldPath.root('spec', 'template');

/** The object's spec.template (a missing one is Go's zero PodTemplateSpec), its metadata's labels and its spec. */
export function templateParts(object: Obj): { template: Obj | undefined; labels: Obj | undefined; podSpec: Obj } {
  const template = obj(obj(object.spec)?.template);
  return { template, labels: obj(obj(template?.metadata)?.labels), podSpec: obj(template?.spec) ?? {} };
}

/**
 * restartPolicy must be Always (SetDefaults_PodSpec makes a missing one Always) and
 * activeDeadlineSeconds unset: "activeDeadlineSeconds in ReplicaSet is not Supported" (a
 * Deployment's template is checked as a ReplicaSet's).
 */
export function alwaysRestartNoDeadline(podSpec: Obj, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const spec = TEMPLATE_PATH.child('spec');
  const restartPolicy = goStr(podSpec.restartPolicy) || 'Always';
  if (restartPolicy !== 'Always') errs.push(notSupported(spec.child('restartPolicy'), restartPolicy, ['Always']));
  if (present(podSpec.activeDeadlineSeconds)) errs.push(forbidden(spec.child('activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  return errs;
}

/**
 * ValidateReadOnlyPersistentDisks: a GCE persistent disk shared by several Pods must be
 * read-only. Until 1.28: from 1.29 SkipReadOnlyValidationGCE (alpha, off, in 1.28; on from
 * 1.29) skips it, and the gate went with the in-tree plugin.
 */
export function readOnlyPersistentDisks(podSpec: Obj, ctx: RuleContext): FieldError[] {
  if (atLeast(ctx, '1.29')) return [];
  const errs: FieldError[] = [];
  const volumes = TEMPLATE_PATH.child('spec').child('volumes');
  eachObj(podSpec.volumes, (v, i) => {
    const disk = obj(v.gcePersistentDisk);
    if (!disk || disk.readOnly === true) return;
    const readOnly = volumes.index(i).child('gcePersistentDisk').child('readOnly');
    const e = invalid(readOnly, false, 'must be true for replicated pods > 1; GCE PD can only be mounted on multiple machines if it is read-only');
    errs.push(present(disk.readOnly) ? e : at(e, volumes.index(i).child('gcePersistentDisk'), 'key'));
  });
  return errs;
}

/**
 * ValidatePodTemplateSpecForReplicaSet and ValidatePodTemplateSpecForRC, but for
 * ValidatePodTemplateSpec (workloads.ts): the selector (when not empty) matches the labels,
 * read-only GCE disks when replicas > 1, restartPolicy Always, no activeDeadlineSeconds.
 */
export function replicatedTemplate(object: Obj, selector: Selector, replicas: number, ctx: RuleContext, kind: string): FieldError[] {
  const { labels, podSpec } = templateParts(object);
  const errs = selectorMatchesLabels(selector, labels, true);
  if (replicas > 1) errs.push(...readOnlyPersistentDisks(podSpec, ctx));
  errs.push(...alwaysRestartNoDeadline(podSpec, kind));
  return errs;
}
