/**
 * A CronJob's own rules: ValidateCronJob (1.20; ValidateCronJobCreate later) and
 * ValidateCronJobSpec / validateCronJobSpec, validateScheduleFormat, validateTimeZone,
 * validateConcurrencyPolicy and ValidateJobTemplateSpec (pkg/apis/batch/validation). The same
 * rules for batch/v1beta1 (served to 1.24) and batch/v1.
 *
 * The schedule: robfig/cron's grammar (cron.ts); a `TZ=` or `CRON_TZ=` prefix parses from 1.22,
 * may not be combined with spec.timeZone from 1.25 (the field's gate on; in 1.24 the field is
 * dropped) and is refused on create from 1.29, in favour of spec.timeZone.
 */
import { atLeast, goStr, KindRule, obj, Obj, present, RuleContext, str } from '../context';
import { at, FieldError, invalid, notSupported, required } from '../errors';
import { FieldPath } from '../../path/fieldPath';
import { nameAsValidated } from '../metadata';
import { nonNegative } from '../numbers';
import { goLabelSelector } from '../selector';
import { parseStandard } from './cron';
import { validateJobSpec } from './jobSpec';
import { validateTimeZone } from './timeZone';

/** DNS1035LabelMaxLength less the 11 characters of the Job's `-<timestamp>` suffix. */
const MAX_NAME = 52;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

/** validateScheduleFormat */
function validateScheduleFormat(schedule: string, timeZoneSet: boolean, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const err = parseStandard(schedule, atLeast(ctx, '1.22'));
  if (err) errs.push(invalid(path, schedule, err));
  if (atLeast(ctx, '1.29')) {
    if (schedule.includes('TZ')) errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  } else if (timeZoneSet && schedule.includes('TZ')) {
    errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  return errs;
}

/** ValidateJobTemplateSpec: the job template's spec, whose selector the server generates for each Job. */
function validateJobTemplateSpec(template: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const spec = obj(template.spec) ?? {};
  const specPath = path.child('spec');
  const errs = validateJobSpec(spec, specPath, 'cronJob', ctx);
  const selector = obj(spec.selector);
  if (selector) errs.push(invalid(specPath.child('selector'), goLabelSelector(selector), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(specPath.child('manualSelector'), true, ['nil', 'false']));
  return errs;
}

export const cronJobRules: KindRule = (cronJob, ctx) => {
  const spec = obj(cronJob.spec) ?? {};
  const path = FieldPath.root('spec');
  const errs: FieldError[] = [];
  // spec.timeZone: kept from 1.25 (CronJobTimeZone beta; alpha in 1.24, dropped when off).
  const timeZone = atLeast(ctx, '1.25') && present(spec.timeZone) ? str(spec.timeZone) : undefined;
  const schedule = goStr(spec.schedule);
  if (schedule === '') errs.push(required(path.child('schedule')));
  else errs.push(...validateScheduleFormat(schedule, timeZone !== undefined, path.child('schedule'), ctx));
  errs.push(...nonNegative(spec.startingDeadlineSeconds, path.child('startingDeadlineSeconds')));
  if (timeZone !== undefined) errs.push(...validateTimeZone(timeZone, path.child('timeZone')));
  // SetDefaults_CronJob makes an empty policy Allow: the server's Required is never reached.
  const policy = goStr(spec.concurrencyPolicy) || 'Allow';
  if (!CONCURRENCY_POLICIES.includes(policy)) errs.push(notSupported(path.child('concurrencyPolicy'), policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplateSpec(obj(spec.jobTemplate) ?? {}, path.child('jobTemplate'), ctx));
  errs.push(...nonNegative(spec.successfulJobsHistoryLimit, path.child('successfulJobsHistoryLimit')));
  errs.push(...nonNegative(spec.failedJobsHistoryLimit, path.child('failedJobsHistoryLimit')));
  // The controller names each Job `<cronjob>-<11 characters>`, and a Job's name is a 63-character label.
  const meta = obj(cronJob.metadata) ?? {};
  const name = nameAsValidated(meta);
  if (name.length > MAX_NAME) {
    const e = invalid(FieldPath.root('metadata', 'name'), name, `must be no more than ${MAX_NAME} characters`);
    errs.push(goStr(meta.name) ? e : at(e, FieldPath.root('metadata', 'generateName')));
  }
  return errs;
};
