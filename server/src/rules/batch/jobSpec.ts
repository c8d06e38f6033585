/**
 * validateJobSpec (pkg/apis/batch/validation): what a Job's spec and a CronJob's job template
 * share. The counts and durations, the per-index backoff, managedBy, the completion mode, the pod
 * failure, success and replacement policies, and the template's restartPolicy. Each gated field
 * is read through gates.ts (a Job's from the release its gate is on, a job template's from the
 * release that has it). The Pod template itself is rules/workloads.ts's (ValidatePodTemplateSpec);
 * `templateErrors` are the caller's findings that the server makes there (a generated label).
 */
import { goStr, int, Obj, obj, present, RuleContext, str } from '../context';
import { FieldError, invalid, notSupported, required } from '../errors';
import type { FieldPath } from '../../path/fieldPath';
import { isDomainPrefixedPath } from '../names';
import { nonNegative } from '../numbers';
import { gated, JobSpecOwner } from './gates';
import { validatePodFailurePolicy } from './podFailurePolicy';
import { goSuccessPolicy, validateSuccessPolicy } from './successPolicy';
import { tooLongError } from './tooLong';

/** maxParallelismForIndexedJob, maxFailedIndexesForIndexedJob, completionsSoftLimit and the limits above it. */
const MAX_INDEXED_PARALLELISM = 100000;
const MAX_FAILED_INDEXES = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const HIGH_COMPLETIONS_LIMIT = 10000;
const MAX_MANAGED_BY = 63;

/**
 * spec.completions as validated: SetDefaults_Job makes it 1 when neither completions nor
 * parallelism is written (a Job only: a CronJob's job template is not defaulted).
 */
export function completionsOf(spec: Obj, owner: JobSpecOwner): number | undefined {
  if (owner === 'job' && !present(spec.completions) && !present(spec.parallelism)) return 1;
  return int(spec.completions);
}

export function validateJobSpec(spec: Obj, path: FieldPath, owner: JobSpecOwner, ctx: RuleContext, templateErrors: FieldError[] = []): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit']) errs.push(...nonNegative(spec[field], path.child(field)));
  errs.push(...nonNegative(gated(spec, 'ttlSecondsAfterFinished', owner, ctx), path.child('ttlSecondsAfterFinished')));

  const perIndex = gated(spec, 'backoffLimitPerIndex', owner, ctx);
  const maxFailed = gated(spec, 'maxFailedIndexes', owner, ctx);
  errs.push(...nonNegative(perIndex, path.child('backoffLimitPerIndex')));
  if (present(maxFailed)) {
    errs.push(...nonNegative(maxFailed, path.child('maxFailedIndexes')));
    if (!present(perIndex)) errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }

  const managedBy = gated(spec, 'managedBy', owner, ctx);
  if (present(managedBy)) {
    const value = goStr(managedBy);
    errs.push(...isDomainPrefixedPath(path.child('managedBy'), value));
    if (value.length > MAX_MANAGED_BY) errs.push(tooLongError(path.child('managedBy'), MAX_MANAGED_BY, ctx, 'TooLongMaxLength'));
  }

  const mode = str(gated(spec, 'completionMode', owner, ctx));
  const completions = completionsOf(spec, owner);
  const parallelism = int(spec.parallelism);
  const perIndexValue = int(perIndex);
  const maxFailedValue = int(maxFailed);
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > MAX_INDEXED_PARALLELISM)
        errs.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${MAX_INDEXED_PARALLELISM} when completion mode is Indexed`));
      if (completions !== undefined && maxFailedValue !== undefined && maxFailedValue > completions)
        errs.push(invalid(path.child('maxFailedIndexes'), maxFailedValue, 'must be less than or equal to completions'));
      if (maxFailedValue !== undefined && maxFailedValue > MAX_FAILED_INDEXES)
        errs.push(invalid(path.child('maxFailedIndexes'), maxFailedValue, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && present(perIndex)) {
        const why = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
        if (!present(maxFailed)) errs.push(required(path.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        if (parallelism !== undefined && parallelism > HIGH_COMPLETIONS_LIMIT)
          errs.push(invalid(path.child('parallelism'), parallelism, `must be less than or equal to ${HIGH_COMPLETIONS_LIMIT} ${why}`));
        if (maxFailedValue !== undefined && maxFailedValue > HIGH_COMPLETIONS_LIMIT)
          errs.push(invalid(path.child('maxFailedIndexes'), maxFailedValue, `must be less than or equal to ${HIGH_COMPLETIONS_LIMIT} ${why}`));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (perIndexValue !== undefined) errs.push(invalid(path.child('backoffLimitPerIndex'), perIndexValue, 'requires indexed completion mode'));
    if (maxFailedValue !== undefined) errs.push(invalid(path.child('maxFailedIndexes'), maxFailedValue, 'requires indexed completion mode'));
  }

  const failurePolicy = obj(gated(spec, 'podFailurePolicy', owner, ctx));
  if (failurePolicy) errs.push(...validatePodFailurePolicy(spec, failurePolicy, path, owner, ctx));
  const successPolicy = obj(gated(spec, 'successPolicy', owner, ctx));
  if (successPolicy) {
    if (mode !== 'Indexed') errs.push(invalid(path.child('successPolicy'), goSuccessPolicy(successPolicy), 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(successPolicy, path.child('successPolicy'), completions, ctx));
  }
  errs.push(...podReplacementPolicy(str(gated(spec, 'podReplacementPolicy', owner, ctx)), !!failurePolicy, path.child('podReplacementPolicy')));

  errs.push(...templateErrors);
  errs.push(...restartPolicy(obj(obj(spec.template)?.spec) ?? {}, !!failurePolicy, path.child('template').child('spec').child('restartPolicy')));
  return errs;
}

/** validatePodReplacementPolicy: only Failed with a pod failure policy. */
function podReplacementPolicy(policy: string | undefined, withFailurePolicy: boolean, path: FieldPath): FieldError[] {
  if (policy === undefined) return [];
  if (withFailurePolicy) return policy === 'Failed' ? [] : [notSupported(path, policy, ['Failed'])];
  return policy === 'Failed' || policy === 'TerminatingOrFailed' ? [] : [notSupported(path, policy, ['Failed', 'TerminatingOrFailed'])];
}

/**
 * The template's restartPolicy: OnFailure or Never (SetDefaults_PodSpec makes a missing one
 * Always, hence Required for both), and only Never with a pod failure policy.
 */
function restartPolicy(podSpec: Obj, withFailurePolicy: boolean, path: FieldPath): FieldError[] {
  const policy = goStr(podSpec.restartPolicy);
  if (policy === '' || policy === 'Always') return [required(path, 'valid values: "OnFailure", "Never"')];
  if (policy !== 'OnFailure' && policy !== 'Never') return [notSupported(path, policy, ['OnFailure', 'Never'])];
  if (withFailurePolicy && policy !== 'Never') return [invalid(path, policy, 'only "Never" is supported when podFailurePolicy is specified')];
  return [];
}
