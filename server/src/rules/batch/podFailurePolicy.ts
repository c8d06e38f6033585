/**
 * validatePodFailurePolicy, validatePodFailurePolicyRule, validatePodFailurePolicyRuleOnExitCodes
 * and validatePodFailurePolicyRuleOnPodConditions (pkg/apis/batch/validation).
 *
 * Versions: the policy is checked from 1.26 in a Job (1.25 in a job template: gates.ts). The
 * FailIndex action arrived with backoffLimitPerIndex in 1.28; before, it is an unsupported value.
 * In 1.28, with that gate off, a Job's FailIndex rules are dropped before validation
 * (jobStrategy.PrepareForCreate), so the server numbers the rules left: such errors are named
 * as the server names them and shown on the rule written.
 */
import { arr, atLeast, eachObj, goStr, int, obj, Obj, present, RuleContext } from '../context';
import { duplicate, FieldError, GoValue, invalid, invalidOmitValue, notSupported, required, reroot, tooMany } from '../errors';
import type { FieldPath } from '../../path/fieldPath';
import type { JsonValue } from '../../yaml/decode';
import { goSlice } from '../goPrint';
import { labelName } from '../labels';
import { fieldChecked, JobSpecOwner } from './gates';

const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;
const OPERATORS = ['In', 'NotIn'];
const STATUSES = ['False', 'True', 'Unknown'];

/** `%q` of a sorted []string, as the Required errors print their valid values: `["In" "NotIn"]`. */
const goQuotedList = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;

export function validatePodFailurePolicy(spec: Obj, policy: Obj, specPath: FieldPath, owner: JobSpecOwner, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const rulesPath = specPath.child('podFailurePolicy').child('rules');
  const failIndexKnown = atLeast(ctx, '1.28');
  const perIndexSet = fieldChecked('backoffLimitPerIndex', owner, ctx) && present(spec.backoffLimitPerIndex);
  // The rules the server sees, each with the index it was written at.
  const rules: { rule: Obj; written: number }[] = [];
  eachObj(policy.rules, (rule, written) => {
    if (failIndexKnown && owner === 'job' && !fieldChecked('backoffLimitPerIndex', owner, ctx) && rule.action === 'FailIndex') return;
    rules.push({ rule, written });
  });
  if (rules.length > MAX_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_RULES));
  const podSpec = obj(obj(spec.template)?.spec) ?? {};
  const containerNames = new Set<string>();
  for (const list of [podSpec.containers, podSpec.initContainers]) eachObj(list, (c) => containerNames.add(goStr(c.name)));
  const actions = failIndexKnown ? ['Count', 'FailIndex', 'FailJob', 'Ignore'] : ['Count', 'FailJob', 'Ignore'];
  rules.forEach(({ rule, written }, i) => {
    const named = rulesPath.index(i);
    const ruleErrs = validateRule(rule, named, actions, perIndexSet, containerNames, owner);
    errs.push(...(i === written ? ruleErrs : ruleErrs.map((e) => reroot(e, named, rulesPath.index(written), 'shown'))));
  });
  return errs;
}

function validateRule(rule: Obj, path: FieldPath, actions: string[], perIndexSet: boolean, containerNames: Set<string>, owner: JobSpecOwner): FieldError[] {
  const errs: FieldError[] = [];
  const actionPath = path.child('action');
  const action = goStr(rule.action);
  if (action === '') errs.push(required(actionPath, `valid values: ${goQuotedList(actions)}`));
  else if (action === 'FailIndex' && actions.includes(action)) {
    if (!perIndexSet) errs.push(invalid(actionPath, action, 'requires the backoffLimitPerIndex to be set'));
  } else if (!actions.includes(action)) errs.push(notSupported(actionPath, action, actions));
  const onExitCodes = obj(rule.onExitCodes);
  const conditions = arr(rule.onPodConditions);
  if (onExitCodes) errs.push(...validateOnExitCodes(onExitCodes, path.child('onExitCodes'), containerNames));
  if (conditions.length > 0) errs.push(...validateOnPodConditions(conditions, path.child('onPodConditions'), owner));
  if (present(rule.onExitCodes) && conditions.length > 0) errs.push(invalidOmitValue(path, 'specifying both OnExitCodes and OnPodConditions is not supported'));
  if (!present(rule.onExitCodes) && conditions.length === 0) errs.push(invalidOmitValue(path, 'specifying one of OnExitCodes and OnPodConditions is required'));
  return errs;
}

/** A []int32 as %#v prints it. */
function goInt32s(list: JsonValue | undefined): GoValue {
  return new GoValue(goSlice('int32', list, (v) => String(int(v) ?? 0)));
}

function validateOnExitCodes(req: Obj, path: FieldPath, containerNames: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const operator = goStr(req.operator);
  if (operator === '') errs.push(required(path.child('operator'), `valid values: ${goQuotedList(OPERATORS)}`));
  else if (!OPERATORS.includes(operator)) errs.push(notSupported(path.child('operator'), operator, OPERATORS));
  if (present(req.containerName) && !containerNames.has(goStr(req.containerName)))
    errs.push(invalid(path.child('containerName'), goStr(req.containerName), 'must be one of the container or initContainer names in the pod template'));
  const valuesPath = path.child('values');
  const values = arr(req.values);
  if (values.length === 0) errs.push(invalid(valuesPath, goInt32s(req.values), 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODES) errs.push(tooMany(valuesPath, values.length, MAX_EXIT_CODES));
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    const code = int(v) ?? 0;
    if (operator === 'In' && code === 0) errs.push(invalid(valuesPath.index(j), 0, 'must not be 0 for the In operator'));
    if (seen.has(code)) errs.push(duplicate(valuesPath.index(j), code));
    else seen.add(code);
    if (j > 0 && (int(values[j - 1]) ?? 0) > code) ordered = false;
  });
  if (!ordered) errs.push(invalid(valuesPath, goInt32s(req.values), 'must be ordered'));
  return errs;
}

function validateOnPodConditions(patterns: JsonValue[], path: FieldPath, owner: JobSpecOwner): FieldError[] {
  const errs: FieldError[] = [];
  if (patterns.length > MAX_CONDITION_PATTERNS) errs.push(tooMany(path, patterns.length, MAX_CONDITION_PATTERNS));
  patterns.forEach((p, j) => {
    const pattern = obj(p) ?? {};
    const patternPath = path.index(j);
    // ValidateQualifiedName: the same words as a label name's.
    errs.push(...labelName(goStr(pattern.type), patternPath.child('type')));
    // SetDefaults_Job makes a missing status True; a job template is not defaulted.
    const status = goStr(pattern.status) || (owner === 'job' ? 'True' : '');
    if (status === '') errs.push(required(patternPath.child('status'), `valid values: ${goQuotedList(STATUSES)}`));
    else if (!STATUSES.includes(status)) errs.push(notSupported(patternPath.child('status'), status, STATUSES));
  });
  return errs;
}
