/**
 * The rules of pkg/apis/batch/validation: Job and CronJob's own fields (job.ts, cronJob.ts; the
 * spec they share in jobSpec.ts, its policies in podFailurePolicy.ts and successPolicy.ts, the
 * schedule grammar in cron.ts, time zones in timeZone.ts, the feature gates in gates.ts).
 */
export { jobRules } from './job';
export { cronJobRules } from './cronJob';
