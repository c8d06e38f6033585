/**
 * Deployment: ValidateDeploymentSpec, ValidateDeploymentStrategy and ValidateRollingUpdateDeployment
 * (pkg/apis/apps/validation), over the Deployment as SetDefaults_Deployment leaves it: replicas 1,
 * strategy RollingUpdate with maxUnavailable and maxSurge 25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600. apps/v1 has no rollbackTo (ValidateRollback's field: only the
 * removed extensions/v1beta1 and apps/v1beta1 served it), so it is not checked.
 */
import { FieldPath } from '../../path/fieldPath';
import { goStr, int, KindRule, obj, Obj, present } from '../context';
import { at, FieldError, forbidden, GoValue, invalid, notSupported } from '../errors';
import { goIntOrString, intOrPercentValue, IntOrString, intOrString, nonNegative, notMoreThan100Percent, positiveIntOrPercent } from '../numbers';
import { goPointer } from '../goPrint';
import { replicaSetSelectorAndTemplate } from './replicaSet';

const SPEC = FieldPath.root('spec');
const DEFAULT_PERCENT: IntOrString = { type: 'string', value: '25%' };
const DEFAULT_PROGRESS_DEADLINE = 600;

/** ValidateRollingUpdateDeployment: int-or-percent fields, not both 0, maxUnavailable at most 100%. */
function rollingUpdate(ru: Obj, path: FieldPath): FieldError[] {
  const maxUnavailable = intOrString(ru.maxUnavailable) ?? DEFAULT_PERCENT;
  const maxSurge = intOrString(ru.maxSurge) ?? DEFAULT_PERCENT;
  const errs = [...positiveIntOrPercent(maxUnavailable, path.child('maxUnavailable')), ...positiveIntOrPercent(maxSurge, path.child('maxSurge'))];
  if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0)
    errs.push(invalid(path.child('maxUnavailable'), goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  errs.push(...notMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')));
  return errs;
}

/** ValidateDeploymentStrategy: Recreate (no rollingUpdate) or RollingUpdate (the default). */
function strategy(s: Obj): FieldError[] {
  const path = SPEC.child('strategy');
  const type = goStr(s.type) || 'RollingUpdate';
  switch (type) {
    case 'Recreate':
      return present(s.rollingUpdate) ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return rollingUpdate(obj(s.rollingUpdate) ?? {}, path.child('rollingUpdate'));
    default: {
      const value = new GoValue(
        `apps.DeploymentStrategy{Type:${JSON.stringify(type)}, RollingUpdate:${goPointer('apps.RollingUpdateDeployment', s.rollingUpdate)}}`,
      );
      return [at(notSupported(path, value, ['Recreate', 'RollingUpdate']), path.child('type'))];
    }
  }
}

/** ValidateDeploymentSpec */
export const deploymentRules: KindRule = (object, ctx) => {
  const spec = obj(object.spec) ?? {};
  const errs = nonNegative(spec.replicas, SPEC.child('replicas'));
  errs.push(...replicaSetSelectorAndTemplate(object, ctx));
  errs.push(...strategy(obj(spec.strategy) ?? {}));
  errs.push(...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds')));
  errs.push(...nonNegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')));
  // progressDeadlineSeconds (600 when left out) must exceed minReadySeconds.
  const deadlinePath = SPEC.child('progressDeadlineSeconds');
  const written = int(spec.progressDeadlineSeconds);
  const deadline = written ?? (present(spec.progressDeadlineSeconds) ? undefined : DEFAULT_PROGRESS_DEADLINE);
  if (deadline !== undefined) {
    errs.push(...nonNegative(deadline, deadlinePath));
    if (deadline <= (int(spec.minReadySeconds) ?? 0)) {
      const e = invalid(deadlinePath, deadline, 'must be greater than minReadySeconds');
      errs.push(written === undefined ? at(e, SPEC.child('minReadySeconds')) : e);
    }
  }
  return errs;
};
