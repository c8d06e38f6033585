/**
 * Where the Pod may run: spec.nodeSelector, affinity (node affinity, pod affinity and
 * anti-affinity), tolerations, topologySpreadConstraints and schedulingGates (ValidatePodSpec's
 * parts validateAffinity, validateNodeAffinity, ValidatePreferredSchedulingTerms,
 * validatePodAffinityTerm, validateLabelKeys, ValidateTolerations, validateTopologySpreadConstraints,
 * validateSchedulingGates, and ValidatePodCreate's nodeName with scheduling gates, in
 * pkg/apis/core/validation/validation.go). Node selector terms are nodeSelectors.ts', label
 * selectors labels.ts'.
 */
import { arr, atLeast, eachObj, num, obj, Obj, RuleContext, str } from './context';
import { at, duplicate, FieldError, forbidden, GoValue, invalid, notSupported, required, reroot } from './errors';
import { FieldPath } from '../path/fieldPath';
import { isDNS1123Label, isQualifiedName, isValidLabelValue } from './names';
import { labelName, labelSelector, validateLabels } from './labels';
import { nodeSelector, nodeSelectorTerm } from './nodeSelectors';

const SPEC = FieldPath.root('spec');
const IS_NOT_POSITIVE = 'must be greater than zero';

/** ValidatePodSpec: unversionedvalidation.ValidateLabels(spec.NodeSelector, "spec.nodeSelector"). */
export function nodeSelectorLabels(spec: Obj): FieldError[] {
  return validateLabels(obj(spec.nodeSelector), SPEC.child('nodeSelector'));
}

/** validateAffinity: node affinity, pod affinity and anti-affinity. */
export function affinity(spec: Obj, ctx: RuleContext): FieldError[] {
  const aff = obj(spec.affinity);
  if (!aff) return [];
  const path = SPEC.child('affinity');
  const errs: FieldError[] = [];
  const na = obj(aff.nodeAffinity);
  if (na) errs.push(...nodeAffinity(na, path.child('nodeAffinity'), ctx));
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = obj(aff[kind]);
    if (!pa) continue;
    const p = path.child(kind);
    arr(pa.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      errs.push(...podAffinityTerm(obj(t) ?? {}, p.child('requiredDuringSchedulingIgnoredDuringExecution').index(i), ctx));
    });
    // validateWeightedPodAffinityTerms
    arr(pa.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const wt = obj(t) ?? {};
      const wp = p.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      errs.push(...weight(wt, wp));
      errs.push(...podAffinityTerm(obj(wt.podAffinityTerm) ?? {}, wp.child('podAffinityTerm'), ctx));
    });
  }
  return errs;
}

/** validateNodeAffinity + ValidatePreferredSchedulingTerms (preferred terms never check values). */
function nodeAffinity(na: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const req = obj(na.requiredDuringSchedulingIgnoredDuringExecution);
  if (req) errs.push(...nodeSelector(req, path.child('requiredDuringSchedulingIgnoredDuringExecution'), ctx));
  arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    const term = obj(t) ?? {};
    const p = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    errs.push(...weight(term, p));
    errs.push(...nodeSelectorTerm(obj(term.preference) ?? {}, p.child('preference'), ctx, false));
  });
  return errs;
}

/** Weights of preferred terms: "must be in the range 1-100" (0 when absent). */
function weight(term: Obj, path: FieldPath): FieldError[] {
  // A missing weight is the schema check's (required there).
  if (typeof term.weight !== 'number') return [];
  const w = term.weight;
  return w <= 0 || w > 100 ? [invalid(path.child('weight'), w, 'must be in the range 1-100')] : [];
}

/**
 * validatePodAffinityTerm. 1.20: the label selector is checked under the path
 * `<term>.matchExpressions` (an upstream slip; `<term>.labelSelector` from 1.21), namespaces under
 * `<term>.namespace`; 1.23+: namespaceSelector too; 1.31+ (MatchLabelKeysInPodAffinity beta):
 * matchLabelKeys / mismatchLabelKeys (ValidateMatchLabelKeysAndMismatchLabelKeys, without the
 * merge with the Pod's labels the server does first).
 */
function podAffinityTerm(term: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const sel = obj(term.labelSelector);
  if (atLeast(ctx, '1.23')) {
    errs.push(...labelSelector(sel, path.child('labelSelector'), atLeast(ctx, '1.26')));
    errs.push(...labelSelector(obj(term.namespaceSelector), path.child('namespaceSelector'), atLeast(ctx, '1.26')));
  } else {
    const named = path.child('matchExpressions');
    errs.push(...labelSelector(sel, named, atLeast(ctx, '1.26')).map((e) => reroot(e, named, path.child('labelSelector'), 'shown')));
  }
  arr(term.namespaces).forEach((n, i) => {
    const name = str(n);
    // ValidateNamespaceName = NameIsDNSLabel
    if (name !== undefined)
      for (const msg of isDNS1123Label(name)) errs.push(at(invalid(path.child('namespace'), name, msg), path.child('namespaces').index(i)));
  });
  if (atLeast(ctx, '1.31')) {
    const matchKeys = arr(term.matchLabelKeys).map(str);
    const mismatchKeys = arr(term.mismatchLabelKeys).map(str);
    errs.push(...labelKeys(matchKeys, path.child('matchLabelKeys'), sel));
    errs.push(...labelKeys(mismatchKeys, path.child('mismatchLabelKeys'), sel));
    matchKeys.forEach((k, i) => {
      if (k !== undefined && mismatchKeys.includes(k))
        errs.push(invalid(path.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
    });
  }
  // A missing topologyKey is the schema check's (required there).
  if (typeof term.topologyKey !== 'string') return errs;
  const topologyKey = term.topologyKey;
  if (topologyKey.length === 0) errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...labelName(topologyKey, path.child('topologyKey')));
  return errs;
}

/** validateLabelKeys (1.29+). */
function labelKeys(keys: (string | undefined)[], path: FieldPath, sel: Obj | undefined): FieldError[] {
  if (keys.length === 0) return [];
  if (!sel) return [forbidden(path, 'must not be specified when labelSelector is not set')];
  return keys.flatMap((k, i) => (k === undefined ? [] : labelName(k, path.index(i))));
}

/**
 * validateSchedulingGates (1.27+: PodSchedulingReadiness beta; dropped in 1.26 where it was alpha):
 * each name a qualified name, unique; the errors name the list item, not its `name`.
 */
export function schedulingGates(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.27')) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(spec.schedulingGates).forEach((g, i) => {
    const gate = obj(g) ?? {};
    // A missing name is the schema check's (required there).
    if (typeof gate.name !== 'string') return;
    const name = gate.name;
    const p = SPEC.child('schedulingGates').index(i);
    for (const msg of isQualifiedName(name)) errs.push(at(invalid(p, name, msg), p.child('name')));
    if (seen.has(name)) errs.push(at(duplicate(p, name), p.child('name')));
    seen.add(name);
  });
  return errs;
}

/** ValidatePodCreate (1.27+): "cannot be set until all schedulingGates have been cleared". */
export function nodeNameWithSchedulingGates(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.27') || !str(spec.nodeName) || arr(spec.schedulingGates).length === 0) return [];
  return [forbidden(SPEC.child('nodeName'), 'cannot be set until all schedulingGates have been cleared')];
}

/**
 * validateTopologySpreadConstraints: maxSkew > 0, topologyKey required, whenUnsatisfiable one of
 * DoNotSchedule/ScheduleAnyway (an empty one: other values are the schema check's), no two with the
 * same {topologyKey, whenUnsatisfiable}; 1.27+ minDomains (validateMinDomains; the gate is on from
 * 1.27), matchLabelKeys (validateMatchLabelKeys, beta from 1.27) and the labelSelector itself.
 */
export function topologySpreadConstraints(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const list = arr(spec.topologySpreadConstraints);
  const path = SPEC.child('topologySpreadConstraints');
  const items = list.map((c) => obj(c) ?? {});
  items.forEach((c, i) => {
    const p = path.index(i);
    // maxSkew, topologyKey and whenUnsatisfiable missing: the schema check's (required there).
    const maxSkew = num(c.maxSkew);
    if (maxSkew !== undefined && maxSkew <= 0) errs.push(invalid(p.child('maxSkew'), maxSkew, IS_NOT_POSITIVE));
    const key = str(c.topologyKey) ?? '';
    if (c.topologyKey === '') errs.push(required(p.child('topologyKey'), 'can not be empty'));
    const action = str(c.whenUnsatisfiable) ?? '';
    if (c.whenUnsatisfiable === '') errs.push(notSupported(p.child('whenUnsatisfiable'), '', ['DoNotSchedule', 'ScheduleAnyway']));
    if (atLeast(ctx, '1.27') && c.minDomains !== undefined && c.minDomains !== null && typeof c.minDomains === 'number') {
      const minDomains = c.minDomains;
      if (minDomains <= 0) errs.push(invalid(p.child('minDomains'), minDomains, IS_NOT_POSITIVE));
      if (action !== 'DoNotSchedule')
        errs.push(invalid(p.child('minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
    }
    if (atLeast(ctx, '1.27')) {
      const sel = obj(c.labelSelector);
      const keys = arr(c.matchLabelKeys).map(str);
      if (keys.length) {
        const selectorKeys = new Set<string>([...Object.keys(obj(sel?.matchLabels) ?? {}), ...arr(sel?.matchExpressions).map((e) => str(obj(e)?.key) ?? '')]);
        if (!sel) errs.push(forbidden(p.child('matchLabelKeys'), 'must not be specified when labelSelector is not set'));
        keys.forEach((k, j) => {
          if (k === undefined) return;
          errs.push(...labelName(k, p.child('matchLabelKeys').index(j)));
          if (selectorKeys.has(k)) errs.push(invalid(p.child('matchLabelKeys').index(j), k, 'exists in both matchLabelKeys and labelSelector'));
        });
      }
      errs.push(...labelSelector(sel, p.child('labelSelector'), atLeast(ctx, '1.26')));
    }
    // ValidateSpreadConstraintNotRepeat: against the constraints after this one.
    for (const rest of items.slice(i + 1)) {
      if ((str(rest.topologyKey) ?? '') === key && (str(rest.whenUnsatisfiable) ?? '') === action) {
        errs.push(
          at(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${key}, ${action}}`), c.topologyKey === undefined ? p : p.child('topologyKey'), 'value'),
        );
        break;
      }
    }
  });
  return errs;
}

/**
 * ValidateTolerations: key a label name; an empty key needs operator Exists; tolerationSeconds
 * needs effect NoExecute; Equal (or empty) operator: value a label value (reported on
 * `operator`); Exists: no value (the value printed is the whole toleration up to 1.31, the value
 * from 1.32); empty effect allowed (other values are the schema check's).
 */
export function tolerations(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  eachObj(spec.tolerations, (tol, i) => {
    const p = SPEC.child('tolerations').index(i);
    const key = str(tol.key) ?? '';
    const operator = str(tol.operator) ?? '';
    const value = str(tol.value) ?? '';
    const effect = str(tol.effect) ?? '';
    if (key.length > 0) errs.push(...labelName(key, p.child('key')));
    if (key.length === 0 && operator !== 'Exists' && typeof tol.operator !== 'number') {
      errs.push(
        at(
          invalid(p.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'),
          tol.operator === undefined ? p : p.child('operator'),
          'value',
        ),
      );
    }
    if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(
        at(
          invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"),
          tol.effect === undefined ? p.child('tolerationSeconds') : p.child('effect'),
          tol.effect === undefined ? 'key' : 'value',
        ),
      );
    }
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(at(invalid(p.child('operator'), value, msgs.join(';')), p.child('value')));
    } else if (operator === 'Exists') {
      if (value.length > 0) {
        const shown = atLeast(ctx, '1.32') ? value : goToleration(key, operator, value, effect, tol.tolerationSeconds);
        errs.push(at(invalid(p.child('operator'), shown, "value must be empty when `operator` is 'Exists'"), p.child('value')));
      }
    }
  });
  return errs;
}

/** %#v of a core.Toleration (a set tolerationSeconds is a pointer: Go prints its address). */
function goToleration(key: string, operator: string, value: string, effect: string, seconds: unknown): GoValue {
  const q = (s: string) => JSON.stringify(s);
  const ptr = typeof seconds === 'number' ? '(*int64)(0xc000000000)' : '(*int64)(nil)';
  return new GoValue(`core.Toleration{Key:${q(key)}, Operator:${q(operator)}, Value:${q(value)}, Effect:${q(effect)}, TolerationSeconds:${ptr}}`);
}
