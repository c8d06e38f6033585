/**
 * The rules of an object that carries a Pod template: its ValidateObjectMeta, its template's
 * ValidatePodTemplateSpec (the Pod rules, run at the template's path in template mode:
 * context.ts) and the kind's own rules (apps/, batch/). The Pod's rules stay in index.ts.
 */
import { FieldPath } from '../path/fieldPath';
import { KIND_INFO, ObjectKind } from '../schema/kinds';
import type { JsonValue } from '../yaml/decode';
import { daemonSetRules, deploymentRules, replicaSetRules, replicationControllerRules, statefulSetRules } from './apps';
import { cronJobRules, jobRules } from './batch';
import { defaultedJobLabels } from './batch/job';
import { atLeast, KindRule, obj, Obj, Rule, RuleContext } from './context';
import { at, FieldError, required, reroot } from './errors';
import { metadataRules, objectMetaRules } from './metadata';
import { isDNS1123Label } from './names';
import { statefulSetTemplateFaultChecked, statefulSetTemplateForValidation, statefulSetTemplateValidated } from './apps/statefulSet';
import { templateValidation } from './apps/templateValidation';

type WorkloadKind = Exclude<ObjectKind, 'Pod'>;

/** Each kind's own rules; PodTemplate has none beyond its metadata and template (ValidatePodTemplate). */
const KIND_RULES: Record<WorkloadKind, KindRule> = {
  PodTemplate: () => [],
  ReplicationController: replicationControllerRules,
  Deployment: deploymentRules,
  StatefulSet: statefulSetRules,
  DaemonSet: daemonSetRules,
  ReplicaSet: replicaSetRules,
  Job: jobRules,
  CronJob: cronJobRules,
};

/**
 * Before 1.34 ValidateStatefulSetSpec left the Pod template unchecked (kubernetes issues 60619,
 * 97309): the StatefulSet is accepted and each of its Pods is refused when the controller makes it.
 */
export function templateUnchecked(kind: ObjectKind, version: string): boolean {
  return kind === 'StatefulSet' && !statefulSetTemplateValidated({ version });
}

/** What a fault in an unchecked template means for the user, added to the server's words for it. */
export const UNCHECKED_TEMPLATE_NOTE =
  "Kubernetes before 1.34 does not check a StatefulSet's Pod template: the StatefulSet is accepted, then every Pod it makes is rejected (FailedCreate)";

/** The same for its volume claim templates (validated with the Pod template from 1.34). */
export const UNCHECKED_CLAIMS_NOTE =
  "Kubernetes before 1.34 does not check a StatefulSet's volume claim templates: the StatefulSet is accepted, then every claim it makes is rejected";

const statefulSetMeta = objectMetaRules(isDNS1123Label);

export function workloadRules(object: Obj, kind: WorkloadKind, podRules: readonly Rule[], ctx: RuleContext): FieldError[] {
  const meta = kind === 'StatefulSet' && atLeast(ctx, '1.27') ? statefulSetMeta : kind === 'Job' ? jobMetadata : metadataRules;
  return [...meta(object, ctx), ...templateRules(object, kind, podRules, ctx), ...KIND_RULES[kind](object, ctx)];
}

/** ValidatePodTemplateSpec as the kind runs it: the Pod rules at the template's path, in template mode. */
function templateRules(object: Obj, kind: WorkloadKind, podRules: readonly Rule[], ctx: RuleContext): FieldError[] {
  const info = KIND_INFO[kind];
  const mode = templateValidation(kind, object, ctx);
  if (mode === 'none') return [];
  let template: JsonValue | undefined = object;
  for (const key of info.template) template = obj(template)?.[key];
  let tpl = obj(template) ?? {};
  // A StatefulSet's Pods get a volume per claim template: the template is checked with them.
  let volumeIndex: ReadonlyMap<number, number> | undefined;
  if (kind === 'StatefulSet') ({ template: tpl, volumeIndex } = statefulSetTemplateForValidation(object));
  const tplMeta = obj(tpl.metadata);
  // A template has no name of its own (ValidatePodSpec gets no podMeta: no generated PVC names).
  const pod: Obj = { metadata: tplMeta ? { labels: tplMeta.labels ?? null, annotations: tplMeta.annotations ?? null } : {}, spec: tpl.spec ?? {} };
  const templateAt = FieldPath.root(...info.template);
  const errs: FieldError[] = [];
  for (const e of podRules.flatMap((rule) => rule(pod, { ...ctx, template: true }))) {
    const placed = volumeIndex ? writtenVolume(e, volumeIndex) : e;
    if (!placed) continue;
    // ValidatePodTemplateSpec names the template's labels and annotations `<template>.labels`, not
    // `….metadata.labels` (the warnings keep `metadata`); each stays shown where it is written.
    const named = placed.severity === 'error' && placed.path.segments[0] === 'metadata' ? reroot(placed, META, FieldPath.root(), 'named') : placed;
    const moved = reroot(named, FieldPath.root(), templateAt);
    const unchecked = mode === 'metadata' && moved.severity === 'error' && !statefulSetTemplateFaultChecked(moved.path, ctx);
    errs.push(unchecked ? { ...moved, severity: 'warning', detail: `${moved.detail ? `${moved.detail}. ` : ''}${UNCHECKED_TEMPLATE_NOTE}` } : moved);
  }
  // No template, or one without a spec: nothing for the schema to find `containers` missing in.
  if (!obj(tpl.spec)) errs.push(required(templateAt.child('spec').child('containers')));
  return errs;
}

const META = FieldPath.root('metadata');
const VOLUMES = FieldPath.root('spec', 'volumes');

/**
 * A fault of the volumes a StatefulSet's template is checked with: named at its index there (as
 * the server names it), shown on the written volume; none for a volume the claim templates added
 * (their faults are the claim templates' own, apps/).
 */
function writtenVolume(e: FieldError, volumeIndex: ReadonlyMap<number, number>): FieldError | undefined {
  const s = (e.at ?? e.path).segments;
  if (s[0] !== 'spec' || s[1] !== 'volumes' || typeof s[2] !== 'number') return e;
  const written = volumeIndex.get(s[2]);
  if (written === undefined) return undefined;
  return written === s[2] ? e : reroot(e, VOLUMES.index(s[2]), VOLUMES.index(written), 'shown');
}

/**
 * A Job's ValidateObjectMeta sees the labels the server gave it (batch/job.ts defaultedJobLabels:
 * its template's, with the generated name labels); a fault in a label it did not write is shown on
 * the template's label, or on the Job's name (the name labels). A ReplicationController's template
 * labels are its own too: apps/ reports those.
 */
function jobMetadata(object: Obj, ctx: RuleContext): FieldError[] {
  const labels = defaultedJobLabels(object, ctx);
  if (!labels) return metadataRules(object, ctx);
  const written = obj(obj(obj(obj(object.spec)?.template)?.metadata)?.labels) ?? {};
  const errs = metadataRules({ ...object, metadata: { ...obj(object.metadata), labels } }, ctx);
  return errs.map((e) => {
    const s = (e.at ?? e.path).segments;
    if (s[0] !== 'metadata' || s[1] !== 'labels' || typeof s[2] !== 'string') return e;
    return Object.hasOwn(written, s[2]) ? reroot(e, LABELS, TEMPLATE_LABELS, 'shown') : at(e, NAME, 'value');
  });
}

const LABELS = FieldPath.root('metadata', 'labels');
const TEMPLATE_LABELS = FieldPath.root('spec', 'template', 'metadata', 'labels');
const NAME = FieldPath.root('metadata', 'name');
