/**
 * StatefulSet: ValidateStatefulSetSpec, validateRollingUpdateStatefulSet,
 * ValidatePersistentVolumeClaimRetentionPolicy, validateVolumeClaimTemplates and
 * ValidatePodTemplateSpecForStatefulSet (pkg/apis/apps/validation), over the StatefulSet as
 * SetDefaults_StatefulSet leaves it: podManagementPolicy OrderedReady, updateStrategy
 * RollingUpdate with partition 0 (and maxUnavailable 1 from 1.35), replicas 1, the claim
 * retention policy Retain/Retain. Fields behind a feature gate that is off are dropped by the
 * server before it validates, so they are checked from the version their gate is on.
 */
import { FieldPath } from '../../path/fieldPath';
import type { JsonValue } from '../../yaml/decode';
import { atLeast, eachObj, goStr, int, KindRule, obj, Obj, RuleContext } from '../context';
import { at, FieldError, GoValue, invalid, notSupported } from '../errors';
import { claimSpec } from '../ephemeralVolume';
import { isDNS1123Label } from '../names';
import { goPointer } from '../goPrint';
import { IntOrString, intOrString, nonNegative, nonZeroMaxUnavailable } from '../numbers';
import { goLabelSelector, parseSelector, selectorMatchesLabels } from '../selector';
import { requiredSelector } from './selectorChecks';
import { alwaysRestartNoDeadline, templateParts } from './templateChecks';

const SPEC = FieldPath.root('spec');

/**
 * Whether ValidateStatefulSetSpec runs ValidatePodTemplateSpec on the template: from 1.34
 * (kubernetes PR 131790, with the claim templates as volumes: statefulSetTemplateForValidation).
 * Before, only its labels and annotations are validated (statefulSetTemplateFaultChecked).
 */
export const statefulSetTemplateValidated = (ctx: RuleContext) => atLeast(ctx, '1.34');

/**
 * Whether the server reports a fault ValidatePodTemplateSpec finds at `path` in a StatefulSet's
 * template. Before 1.34 ValidatePodTemplateSpecForStatefulSet runs only ValidateLabels,
 * ValidateAnnotations and ValidatePodSpecificAnnotations (named `spec.template.labels`,
 * `spec.template.annotations…`, as in ValidatePodTemplateSpec); the rest of the template is
 * unchecked. Checked against v1.20.2.
 */
export function statefulSetTemplateFaultChecked(path: FieldPath, ctx: RuleContext): boolean {
  if (statefulSetTemplateValidated(ctx)) return true;
  const [spec, template, a, b] = path.segments;
  if (spec !== 'spec' || template !== 'template') return false;
  const part = a === 'metadata' ? b : a;
  return part === 'labels' || part === 'annotations';
}

/**
 * The template ValidateStatefulSetSpec validates from 1.34: hostname and subdomain cleared (the
 * controller sets them), and a persistentVolumeClaim volume per claim template
 * (volumesToAddForTemplates) ahead of the template's own volumes, a volume named like a claim
 * template dropped. So a mount may name a claim template. `volumeIndex` maps an index of the
 * validated volumes to the written volume's (none for an added one): the server names a written
 * volume's faults at its validated index. Go adds the claim volumes in map order (random); here in
 * their written order.
 */
export function statefulSetTemplateForValidation(object: Obj): { template: Obj; volumeIndex: ReadonlyMap<number, number> } {
  const spec = obj(object.spec) ?? {};
  const { template, podSpec } = templateParts(object);
  const claims = new Map<string, Obj>();
  eachObj(spec.volumeClaimTemplates, (t) => {
    const name = goStr(obj(t.metadata)?.name);
    claims.set(name, { name, persistentVolumeClaim: { claimName: name } });
  });
  const volumes: JsonValue[] = [...claims.values()];
  const volumeIndex = new Map<number, number>();
  const written = Array.isArray(podSpec.volumes) ? podSpec.volumes : [];
  written.forEach((v, i) => {
    if (claims.has(goStr(obj(v)?.name))) return;
    volumeIndex.set(volumes.length, i);
    volumes.push(v);
  });
  const copy: Obj = { ...podSpec };
  delete copy.hostname;
  delete copy.subdomain;
  if (claims.size) copy.volumes = volumes;
  else written.forEach((_, i) => volumeIndex.set(i, i));
  return { template: { ...(template ?? {}), spec: copy }, volumeIndex };
}

/** The internal RollingUpdateStatefulSetStrategy as %#v prints it (MaxUnavailable from 1.24, kept from 1.35). */
function goRollingUpdate(ru: Obj, ctx: RuleContext): GoValue {
  const partition = int(ru.partition) ?? 0;
  if (!atLeast(ctx, '1.24')) return new GoValue(`apps.RollingUpdateStatefulSetStrategy{Partition:${partition}}`);
  const maxUnavailable = atLeast(ctx, '1.35') ? ru.maxUnavailable : undefined;
  return new GoValue(`apps.RollingUpdateStatefulSetStrategy{Partition:${partition}, MaxUnavailable:${goPointer('intstr.IntOrString', maxUnavailable)}}`);
}

const ONE: IntOrString = { type: 'int', value: 1 };

/**
 * validateRollingUpdateStatefulSet: partition not negative; maxUnavailable (MaxUnavailableStatefulSet:
 * alpha 1.24, on from 1.35, where it defaults to 1) a positive int or percent, not 0, at most 100%.
 */
function rollingUpdate(ru: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs = nonNegative(ru.partition, path.child('partition'));
  if (!atLeast(ctx, '1.35')) return errs;
  errs.push(...nonZeroMaxUnavailable(intOrString(ru.maxUnavailable) ?? ONE, path.child('maxUnavailable')));
  return errs;
}

/** The updateStrategy switch of ValidateStatefulSetSpec. A missing type is RollingUpdate, with a rollingUpdate. */
function updateStrategy(s: Obj, ctx: RuleContext): FieldError[] {
  const path = SPEC.child('updateStrategy');
  const type = goStr(s.type) || 'RollingUpdate';
  const ru = obj(s.rollingUpdate) ?? (goStr(s.type) ? undefined : {});
  switch (type) {
    case 'OnDelete':
      return ru ? [invalid(path.child('rollingUpdate'), goRollingUpdate(ru, ctx), "only allowed for updateStrategy 'RollingUpdate'")] : [];
    case 'RollingUpdate':
      return ru ? rollingUpdate(ru, path.child('rollingUpdate'), ctx) : [];
    default: {
      const value = new GoValue(
        `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${goPointer('apps.RollingUpdateStatefulSetStrategy', s.rollingUpdate)}}`,
      );
      return [at(invalid(path, value, "must be 'RollingUpdate' or 'OnDelete'"), path.child('type'))];
    }
  }
}

/** ValidatePersistentVolumeClaimRetentionPolicy (StatefulSetAutoDeletePVC: alpha 1.23, on from 1.27); each left out is Retain. */
function retentionPolicy(policy: Obj | undefined): FieldError[] {
  if (!policy) return [];
  const path = SPEC.child('persistentVolumeClaimRetentionPolicy');
  return (['whenDeleted', 'whenScaled'] as const).flatMap((f) => {
    const v = goStr(policy[f]) || 'Retain';
    return v === 'Retain' || v === 'Delete' ? [] : [notSupported(path.child(f), v, ['Retain', 'Delete'])];
  });
}

/** ValidateStatefulSetSpec */
export const statefulSetRules: KindRule = (object, ctx) => {
  const spec = obj(object.spec) ?? {};
  const errs: FieldError[] = [];
  const policy = goStr(spec.podManagementPolicy) || 'OrderedReady';
  if (policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(invalid(SPEC.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  errs.push(...updateStrategy(obj(spec.updateStrategy) ?? {}, ctx));
  if (atLeast(ctx, '1.27')) errs.push(...retentionPolicy(obj(spec.persistentVolumeClaimRetentionPolicy)));
  // validateVolumeClaimTemplates (1.34, kubernetes PR 132212): each claim's spec as a new PVC's.
  if (atLeast(ctx, '1.34')) {
    const claims = SPEC.child('volumeClaimTemplates');
    eachObj(spec.volumeClaimTemplates, (t, i) => errs.push(...claimSpec(obj(t.spec) ?? {}, claims.index(i).child('spec'), ctx)));
  }
  errs.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  // StatefulSetMinReadySeconds: alpha 1.22, on from 1.23.
  if (atLeast(ctx, '1.23')) errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  // StatefulSetStartOrdinal: alpha 1.26, on from 1.27.
  const ordinals = obj(spec.ordinals);
  if (atLeast(ctx, '1.27') && ordinals) errs.push(...nonNegative(ordinals.start, SPEC.child('ordinals').child('start')));
  // serviceName becomes each Pod's subdomain: a DNS-1123 label from 1.33 (kubernetes PR 130233).
  const serviceName = goStr(spec.serviceName);
  if (atLeast(ctx, '1.33') && serviceName) for (const msg of isDNS1123Label(serviceName)) errs.push(invalid(SPEC.child('serviceName'), serviceName, msg));
  const sel = obj(spec.selector);
  const { labels, podSpec } = templateParts(object);
  errs.push(...requiredSelector(sel, SPEC.child('selector'), ctx, 'statefulset'));
  const selector = parseSelector(sel);
  // An unusable selector: Invalid with no detail, and ValidatePodTemplateSpecForStatefulSet is skipped.
  if (!selector) errs.push(invalid(SPEC.child('selector'), goLabelSelector(sel!), ''));
  else errs.push(...selectorMatchesLabels(selector, labels, true));
  errs.push(...alwaysRestartNoDeadline(podSpec, 'StatefulSet'));
  return errs;
};
