/**
 * When each gated JobSpec field is checked (pkg/features/kube_features.go). A Job's own spec has
 * a disabled field dropped before validation (jobStrategy.PrepareForCreate), so it is checked
 * from the release whose default turns the gate on. A CronJob's job template is not dropped
 * (cronJobStrategy.PrepareForCreate only drops Pod template fields), so there a field is
 * checked from the release that added it to the types, its gate's alpha: the server answers
 * for a 1.20 CronJob's `ttlSecondsAfterFinished: -5` and accepts the same in a Job.
 */
import type { JsonValue } from '../../yaml/decode';
import { atLeast, Obj, RuleContext } from '../context';

/** Whose JobSpec: a Job's (`spec`) or a CronJob's job template (`spec.jobTemplate.spec`). */
export type JobSpecOwner = 'job' | 'cronJob';

export type GatedField =
  | 'ttlSecondsAfterFinished'
  | 'completionMode'
  | 'podFailurePolicy'
  | 'backoffLimitPerIndex'
  | 'maxFailedIndexes'
  | 'podReplacementPolicy'
  | 'successPolicy'
  | 'managedBy';

/** [in the types (alpha), on by default (beta)] */
const GATES: Record<GatedField, [string, string]> = {
  ttlSecondsAfterFinished: ['1.12', '1.21'], // TTLAfterFinished: beta 1.21, GA 1.23
  completionMode: ['1.21', '1.22'], // IndexedJob: beta 1.22, GA 1.24
  podFailurePolicy: ['1.25', '1.26'], // JobPodFailurePolicy: beta 1.26, GA 1.31
  backoffLimitPerIndex: ['1.28', '1.29'], // JobBackoffLimitPerIndex: beta 1.29, GA 1.33
  maxFailedIndexes: ['1.28', '1.29'],
  podReplacementPolicy: ['1.28', '1.29'], // JobPodReplacementPolicy: beta 1.29, GA 1.34
  successPolicy: ['1.30', '1.31'], // JobSuccessPolicy: beta 1.31, GA 1.33
  managedBy: ['1.30', '1.32'], // JobManagedBy: beta 1.32, GA 1.35
};

/** Whether the server keeps and checks the field at this version. */
export const fieldChecked = (field: GatedField, owner: JobSpecOwner, ctx: RuleContext): boolean => atLeast(ctx, GATES[field][owner === 'job' ? 1 : 0]);

/** The field's value as the server validates it: undefined where it is dropped (or not yet in the API). */
export const gated = (spec: Obj, field: GatedField, owner: JobSpecOwner, ctx: RuleContext): JsonValue | undefined =>
  fieldChecked(field, owner, ctx) ? spec[field] : undefined;
