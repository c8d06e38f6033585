/**
 * The API server's Pod rules (ValidatePodCreate and what it calls, plus the warnings of
 * pkg/api/pod/warnings.go), run over the decoded Pod or a workload's template (workloads.ts, with
 * each kind's own rules from apps/ and batch/): one rule per area (below), each area's
 * checks in files named for what they hold (containers.ts gathers ports.ts, env.ts, mounts.ts and
 * resources.ts; podSpec.ts gathers scheduling.ts, dns.ts and podSecurity.ts; …), the shared
 * helpers (containerWalk.ts, filePaths.ts, downwardAPI.ts, quantity.ts, labels.ts, names.ts,
 * errors.ts) once each.
 */
import type { ObjectKind } from '../schema/kinds';
import type { JsonValue } from '../yaml/decode';
import { obj, Rule, RuleContext } from './context';
import type { FieldError } from './errors';
import { containersRules } from './containers';
import { metadataRules } from './metadata';
import { podSpecRules } from './podSpec';
import { probesSecurityRules } from './probesSecurity';
import { volumesRules } from './volumes';
import { warningsRules } from './warnings';
import { workloadRules } from './workloads';

/** Every area's rules, in the order ValidatePodCreate reaches them. */
export const RULES: readonly Rule[] = [metadataRules, volumesRules, containersRules, probesSecurityRules, podSpecRules, warningsRules];

/** The rules of a Pod, or of a workload (workloads.ts: its metadata, its template with these rules, its own). */
export function checkRules(object: JsonValue, ctx: RuleContext, kind: ObjectKind = 'Pod'): FieldError[] {
  const o = obj(object);
  if (!o) return [];
  return kind === 'Pod' ? RULES.flatMap((rule) => rule(o, ctx)) : workloadRules(o, kind, RULES, ctx);
}
