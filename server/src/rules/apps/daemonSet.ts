/**
 * DaemonSet: ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet
 * (pkg/apis/apps/validation), over the DaemonSet as SetDefaults_DaemonSet leaves it: updateStrategy
 * RollingUpdate with maxUnavailable 1 (and maxSurge 0 where maxSurge exists), revisionHistoryLimit 10.
 * apps/v1 has no templateGeneration (extensions/v1beta1's), so it is not checked.
 */
import { FieldPath } from '../../path/fieldPath';
import { atLeast, goStr, KindRule, obj, Obj, RuleContext } from '../context';
import { at, FieldError, GoValue, invalid, notSupported, required } from '../errors';
import { labelSelector } from '../labels';
import { goPointer } from '../goPrint';
import {
  goIntOrString,
  intOrPercentValue,
  IntOrString,
  intOrString,
  nonNegative,
  nonZeroMaxUnavailable,
  notMoreThan100Percent,
  positiveIntOrPercent,
} from '../numbers';
import { parseSelector, selectorMatchesLabels } from '../selector';
import { emptySelector } from './selectorChecks';
import { alwaysRestartNoDeadline, readOnlyPersistentDisks, templateParts } from './templateChecks';

const SPEC = FieldPath.root('spec');
const ONE: IntOrString = { type: 'int', value: 1 };
const ZERO: IntOrString = { type: 'int', value: 0 };

/**
 * ValidateRollingUpdateDaemonSet. Before DaemonSetUpdateSurge (alpha 1.21, on from 1.22, GA 1.25;
 * 1.20 has no maxSurge field): maxUnavailable a positive int or percent, not 0, at most 100%.
 * With it: both fields so, each at most 100%, and exactly one of them non-zero.
 */
function rollingUpdate(ru: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const maxUnavailable = intOrString(ru.maxUnavailable) ?? ONE;
  const unavailablePath = path.child('maxUnavailable');
  if (!atLeast(ctx, '1.22')) return nonZeroMaxUnavailable(maxUnavailable, unavailablePath);
  const maxSurge = intOrString(ru.maxSurge) ?? ZERO;
  const surgePath = path.child('maxSurge');
  const errs = [...positiveIntOrPercent(maxUnavailable, unavailablePath), ...positiveIntOrPercent(maxSurge, surgePath)];
  errs.push(...notMoreThan100Percent(maxUnavailable, unavailablePath), ...notMoreThan100Percent(maxSurge, surgePath));
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(surgePath, goIntOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errs.push(required(unavailablePath, 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** ValidateDaemonSetUpdateStrategy: OnDelete, or RollingUpdate (the default). */
function updateStrategy(s: Obj, ctx: RuleContext): FieldError[] {
  const path = SPEC.child('updateStrategy');
  const type = goStr(s.type) || 'RollingUpdate';
  if (type === 'OnDelete') return [];
  if (type === 'RollingUpdate') return rollingUpdate(obj(s.rollingUpdate) ?? {}, path.child('rollingUpdate'), ctx);
  const value = new GoValue(
    `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${goPointer('apps.RollingUpdateDaemonSet', s.rollingUpdate)}}`,
  );
  return [at(notSupported(path, value, ['RollingUpdate', 'OnDelete']), path.child('type'))];
}

/**
 * ValidateDaemonSetSpec. The selector is not required here (the schema requires it): a missing
 * one matches nothing, so the template's labels do not match it. Its Pod template is always
 * validated, and every GCE disk in it must be read-only (a DaemonSet runs on many nodes).
 */
export const daemonSetRules: KindRule = (object, ctx) => {
  const spec = obj(object.spec) ?? {};
  const sel = obj(spec.selector);
  const selPath = SPEC.child('selector');
  const { labels, podSpec } = templateParts(object);
  const errs = labelSelector(sel, selPath, atLeast(ctx, '1.26'));
  const selector = parseSelector(sel);
  if (selector) errs.push(...selectorMatchesLabels(selector, labels, false));
  if (sel) errs.push(...emptySelector(sel, selPath, 'daemonset'));
  errs.push(...readOnlyPersistentDisks(podSpec, ctx));
  errs.push(...alwaysRestartNoDeadline(podSpec, 'DaemonSet'));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...updateStrategy(obj(spec.updateStrategy) ?? {}, ctx));
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  return errs;
};
