/**
 * Which checks a `level:version` runs, in the server's order (registry.go): the baseline checks'
 * revisions in force at that version; for restricted, the restricted ones too, less the baseline
 * checks they override. Baseline IDs first, then restricted, each in byte order: the order of the
 * server's message. Versions past the newest revision, and `latest`, run the newest.
 */
import { BASELINE_CHECKS } from './baseline';
import type { Check, CheckFailure, Level, PodView, Revision } from './check';
import { RESTRICTED_CHECKS } from './restricted';

export const CHECKS: readonly Check[] = [...BASELINE_CHECKS, ...RESTRICTED_CHECKS];

/** The newest policy version a revision starts at (1.35): `latest`, and every later version, evaluate as it. */
export const NEWEST_POLICY_MINOR = Math.max(...CHECKS.flatMap((c) => c.revisions.map((r) => r.since)));

/** A policy version: `1.<minor>`, or the newest. */
export type PolicyVersion = number | 'latest';

const effectiveMinor = (v: PolicyVersion) => (v === 'latest' || v > NEWEST_POLICY_MINOR ? NEWEST_POLICY_MINOR : v);

function revisionAt(check: Check, minor: number): Revision | undefined {
  let found: Revision | undefined;
  for (const r of check.revisions) if (r.since <= minor) found = r;
  return found;
}

const byId = (a: Check, b: Check) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ORDERED = [...[...BASELINE_CHECKS].sort(byId), ...[...RESTRICTED_CHECKS].sort(byId)];

export interface RunnableCheck {
  id: string;
  level: 'baseline' | 'restricted';
  revision: Revision;
}

const plans = new Map<string, readonly RunnableCheck[]>();

/** The checks `level` runs at `version`, in order. */
export function checksAt(level: Level, version: PolicyVersion): readonly RunnableCheck[] {
  if (level === 'privileged') return [];
  const minor = effectiveMinor(version);
  const key = `${level}:${minor}`;
  let plan = plans.get(key);
  if (plan) return plan;
  const inForce = ORDERED.flatMap((c) => {
    const revision = revisionAt(c, minor);
    return revision ? [{ id: c.id, level: c.level, revision }] : [];
  });
  if (level === 'baseline') plan = inForce.filter((c) => c.level === 'baseline');
  else {
    const overridden = new Set(inForce.flatMap((c) => (c.level === 'restricted' ? (c.revision.overrides ?? []) : [])));
    plan = inForce.filter((c) => !overridden.has(c.id));
  }
  plans.set(key, plan);
  return plan;
}

export interface CheckOutcome extends CheckFailure {
  id: string;
}

/** EvaluatePod: the failed checks of `pod` under `level:version`, in the server's order. */
export function evaluatePod(level: Level, version: PolicyVersion, pod: PodView): CheckOutcome[] {
  const out: CheckOutcome[] = [];
  for (const c of checksAt(level, version)) {
    const failure = c.revision.check(pod);
    if (failure) out.push({ id: c.id, ...failure });
  }
  return out;
}

/** AggregateCheckResult.ForbiddenDetail: `reason (detail), reason (detail)`. */
export const forbiddenDetail = (failures: readonly CheckFailure[]) => failures.map((f) => (f.detail ? `${f.reason} (${f.detail})` : f.reason)).join(', ');
