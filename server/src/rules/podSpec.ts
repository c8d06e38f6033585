/**
 * the rest of ValidatePodSpec: restartPolicy, dns, host namespaces, hostAliases, hostname/subdomain, deadlines, tolerations, affinity, topology spread, readiness/scheduling gates, priority, overhead, os, sysctls, hostUsers, resourceClaims.
 *
 * Upstream: kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidatePodCreate,
 * validatePodMetadataAndSpec, ValidatePodSpec and what they call), release-1.20 with the changes
 * up to 1.35 keyed on ctx.version. Containers' own fields, probes, security contexts (apart from
 * shareProcessNamespace and sysctls) and volumes are other files' business.
 *
 * Not here on purpose: validateRestartPolicy / validateDNSPolicy / ValidatePreemptionPolicy (an
 * empty restartPolicy or dnsPolicy is defaulted to Always / ClusterFirst before validation, other
 * values are the schema check's enum table; preemptionPolicy is settled by the Priority admission
 * plugin first); validateImagePullSecrets (v1 has only `name`); whether a PriorityClass or
 * RuntimeClass exists (admission). hostNetwork's hostPort = containerPort is the containers rules'.
 */
import { arr, atLeast, bool, num, obj, Obj, Rule, RuleContext, str } from './context';
import { at, duplicate, FieldError, forbidden, GoValue, invalid, notSupported, required } from './errors';
import { FieldPath } from './fieldPath';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isIPv6, isQualifiedName, isValidIP, isValidLabelValue } from './names';
import { labelName, labelSelector, validateLabels } from './labels';
import { nodeSelector, nodeSelectorTerm } from './podSpec-selectors';
import { isNegative, parseQuantity, quantityString } from './containers-quantity';

const SPEC = FieldPath.root('spec');
const MAX_INT32 = 2147483647;
const IS_NOT_POSITIVE = 'must be greater than zero';

export const podSpecRules: Rule = (pod, ctx) => {
  const spec = obj(pod.spec);
  if (!spec) return [];
  return [
    ...nodeSelectorLabels(spec),
    ...securityContextParts(spec, ctx),
    ...affinity(spec, ctx),
    ...dnsConfig(spec, ctx),
    ...readinessGates(spec),
    ...schedulingGates(spec, ctx),
    ...topologySpreadConstraints(spec, ctx),
    ...hostUsers(spec, ctx),
    ...names(spec),
    ...activeDeadlineSeconds(spec),
    ...hostnameAndSubdomain(spec),
    ...tolerations(spec, ctx),
    ...hostAliases(spec, ctx),
    ...overhead(spec),
    ...os(spec, ctx),
    ...nodeNameWithSchedulingGates(spec, ctx),
    ...specAnnotations(obj(obj(pod.metadata)?.annotations), spec, ctx),
    ...resourceClaims(spec, obj(obj(pod.metadata)?.annotations), ctx),
  ];
};

/**
 * validatePodResourceClaims (1.34+: DynamicResourceAllocation GA; the field is dropped while the
 * gate is off by default): not on static (mirror) pods; names required, unique, DNS labels;
 * exactly one of resourceClaimName / resourceClaimTemplateName, each a DNS subdomain.
 */
function resourceClaims(spec: Obj, annotations: Obj | undefined, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.34')) return [];
  const errs: FieldError[] = [];
  const path = SPEC.child('resourceClaims');
  const names = new Set<string>();
  arr(spec.resourceClaims).forEach((c, i) => {
    const claim = obj(c);
    if (!claim) return;
    const p = path.index(i);
    if (annotations && 'kubernetes.io/config.mirror' in annotations) {
      errs.push(at(forbidden(FieldPath.root(), 'static pods do not support resource claims'), p, 'key'));
      return;
    }
    const name = str(claim.name);
    // A missing name is the schema check's (required there).
    if (name === '') errs.push(required(p.child('name')));
    else if (name !== undefined && names.has(name)) errs.push(duplicate(p.child('name'), name));
    else if (name !== undefined) {
      for (const msg of isDNS1123Label(name)) errs.push(invalid(p.child('name'), name, msg));
      names.add(name);
    }
    const claimName = str(claim.resourceClaimName);
    const templateName = str(claim.resourceClaimTemplateName);
    const ptr = (v: string | undefined) => (v === undefined ? '(*string)(nil)' : '(*string)(0xc000000000)');
    const shown = new GoValue(`core.PodResourceClaim{Name:${JSON.stringify(name ?? '')}, ResourceClaimName:${ptr(claimName)}, ResourceClaimTemplateName:${ptr(templateName)}}`);
    const where = claim.name === undefined ? p : p.child('name');
    const target = claim.name === undefined ? 'value' : 'key';
    if (claimName !== undefined && templateName !== undefined) errs.push(at(invalid(p, shown, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'), where, target));
    if (claimName === undefined && templateName === undefined) errs.push(at(invalid(p, shown, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'), where, target));
    for (const [field, value] of [['resourceClaimName', claimName], ['resourceClaimTemplateName', templateName]] as const) {
      if (value !== undefined) for (const msg of isDNS1123Subdomain(value)) errs.push(invalid(p.child(field), value, msg));
    }
  });
  return errs;
}

/**
 * ValidatePodSpecificAnnotations, the parts about the spec: a mirror pod needs spec.nodeName;
 * 1.23+ (PodDeletionCost beta from 1.22) the pod-deletion-cost annotation is a 32-bit integer
 * written plainly (no "+", no leading zeros).
 */
function specAnnotations(annotations: Obj | undefined, spec: Obj, ctx: RuleContext): FieldError[] {
  if (!annotations) return [];
  const errs: FieldError[] = [];
  const path = FieldPath.root('metadata').child('annotations');
  const mirror = 'kubernetes.io/config.mirror';
  if (mirror in annotations && !str(spec.nodeName)) {
    errs.push(invalid(path.key(mirror), str(annotations[mirror]) ?? '', 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = 'controller.kubernetes.io/pod-deletion-cost';
  if (atLeast(ctx, '1.23') && cost in annotations) {
    const value = str(annotations[cost]) ?? '';
    // validFirstDigit, then strconv.ParseInt(value, 10, 32).
    const ok = /^(-[0-9]+|0|[1-9][0-9]*)$/.test(value) && Number(value) >= -2147483648 && Number(value) <= 2147483647;
    if (!ok) errs.push(invalid(path.key(cost), value, 'must be a 32bit integer'));
  }
  return errs;
}

/** ValidatePodSpec: unversionedvalidation.ValidateLabels(spec.NodeSelector, "spec.nodeSelector"). */
function nodeSelectorLabels(spec: Obj): FieldError[] {
  return validateLabels(obj(spec.nodeSelector), SPEC.child('nodeSelector'));
}

/**
 * ValidatePodSecurityContext (1.20) / validatePodSpecSecurityContext (1.29+): the pod-level parts
 * that concern the whole spec. The internal PodSecurityContext holds hostPID/hostNetwork/... and
 * shareProcessNamespace, so the server names `spec.securityContext.shareProcessNamespace` for the
 * field written as `spec.shareProcessNamespace`.
 */
function securityContextParts(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const scPath = SPEC.child('securityContext');
  if (bool(spec.shareProcessNamespace) === true && bool(spec.hostPID) === true) {
    errs.push(at(invalid(scPath.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'), SPEC.child('shareProcessNamespace')));
  }
  const sc = obj(spec.securityContext);
  const sysctls = arr(sc?.sysctls);
  if (sysctls.length) errs.push(...validateSysctls(sysctls, scPath.child('sysctls'), spec, ctx));
  return errs;
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_FMT = `(${SYSCTL_SEGMENT}\\.)*${SYSCTL_SEGMENT}`;
const SYSCTL_SLASH_FMT = `(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}`;
const SYSCTL_MAX = 253;

/**
 * validateSysctls: name required, matching the sysctl regex, unique. 1.20-1.23: dots only;
 * 1.24: '/' allowed too (SysctlContainSlashFmt); 1.25+: the message prints the anchored regexp.
 * 1.29+: ValidateHostSysctl forbids net.* with hostNetwork and IPC sysctls with hostIPC.
 */
function validateSysctls(sysctls: unknown[], path: FieldPath, spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const slash = atLeast(ctx, '1.24');
  const fmt = slash ? SYSCTL_SLASH_FMT : SYSCTL_FMT;
  const re = new RegExp(`^${fmt}$`);
  const shown = atLeast(ctx, '1.25') ? `^${fmt}$` : fmt;
  const seen = new Set<string>();
  sysctls.forEach((s, i) => {
    const sysctl = obj(s as never);
    if (!sysctl) return;
    // A missing name is the schema check's (required there).
    const name = str(sysctl.name);
    if (name === undefined) return;
    const p = path.index(i).child('name');
    if (!name) errs.push(required(p));
    else if (name.length > SYSCTL_MAX || !re.test(name)) errs.push(invalid(p, name, `must have at most ${SYSCTL_MAX} characters and match regex ${shown}`));
    else if (seen.has(name)) errs.push(duplicate(p, name));
    seen.add(name);
    if (name && atLeast(ctx, '1.29')) {
      const ns = sysctlNamespace(name);
      if (bool(spec.hostNetwork) === true && ns === 'net') errs.push(invalid(p, name, "may not be specified when 'hostNetwork' is true"));
      else if (bool(spec.hostIPC) === true && ns === 'ipc') errs.push(invalid(p, name, "may not be specified when 'hostIPC' is true"));
    }
  });
  return errs;
}

/** pkg/proxy/util/sysctl GetNamespace (after NormalizeName turns '/' into '.'). */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const n = name.replace(/\//g, '.');
  if (n === 'kernel.sem') return 'ipc';
  if (n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n.startsWith('fs.mqueue.')) return 'ipc';
  if (n.startsWith('net.')) return 'net';
  return undefined;
}

/** validateAffinity: node affinity, pod affinity and anti-affinity. */
function affinity(spec: Obj, ctx: RuleContext): FieldError[] {
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
    errs.push(...relocate(labelSelector(sel, path.child('matchExpressions'), atLeast(ctx, '1.26')), path.child('matchExpressions'), path.child('labelSelector')));
  }
  arr(term.namespaces).forEach((n, i) => {
    const name = str(n);
    // ValidateNamespaceName = NameIsDNSLabel
    if (name !== undefined) for (const msg of isDNS1123Label(name)) errs.push(at(invalid(path.child('namespace'), name, msg), path.child('namespaces').index(i)));
  });
  if (atLeast(ctx, '1.31')) {
    const matchKeys = arr(term.matchLabelKeys).map(str);
    const mismatchKeys = arr(term.mismatchLabelKeys).map(str);
    errs.push(...labelKeys(matchKeys, path.child('matchLabelKeys'), sel));
    errs.push(...labelKeys(mismatchKeys, path.child('mismatchLabelKeys'), sel));
    matchKeys.forEach((k, i) => {
      if (k !== undefined && mismatchKeys.includes(k)) errs.push(invalid(path.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
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

/** Errors whose path names `from…` shown at the written node under `to…` instead. */
function relocate(errs: FieldError[], from: FieldPath, to: FieldPath): FieldError[] {
  const prefix = from.segments.length;
  return errs.map((e) => {
    const where = e.at ?? e.path;
    let p = to;
    for (const s of where.segments.slice(prefix)) p = typeof s === 'number' ? p.index(s) : p.child(s);
    return { ...e, at: p };
  });
}

/**
 * validatePodDNSConfig. dnsPolicy None needs dnsConfig with nameservers; at most 3 nameservers,
 * each an IP; searches: at most 6 and 256 characters (1.20-1.25), 32 and 2048 (1.26+: the
 * ExpandedDNSConfig gate is on from 1.26, GA in 1.28); each a DNS subdomain (a trailing dot is
 * fine); 1.33+ (RelaxedDNSSearchValidation beta): "." alone, and '_' in search domains; option
 * names required. IPs: net.ParseIP in 1.20, ParseIPSloppy (leading zeros allowed) from 1.23, the
 * message of validation.IsValidIP from 1.30.
 */
function dnsConfig(spec: Obj, ctx: RuleContext): FieldError[] {
  const path = SPEC.child('dnsConfig');
  const config = obj(spec.dnsConfig);
  const errs: FieldError[] = [];
  if (str(spec.dnsPolicy) === 'None') {
    if (!config) return [at(required(path, 'must provide `dnsConfig` when `dnsPolicy` is None'), SPEC.child('dnsPolicy'), 'value')];
    if (arr(config.nameservers).length === 0) return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!config) return errs;
  const nameservers = arr(config.nameservers);
  if (nameservers.length > 3) errs.push(invalid(path.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((n, i) => {
    const ns = str(n);
    if (ns !== undefined) errs.push(...ipAddress(ns, path.child('nameservers').index(i), ctx));
  });
  const searches = arr(config.searches);
  const expanded = atLeast(ctx, '1.26');
  const maxPaths = expanded ? 32 : 6;
  const maxChars = expanded ? 2048 : 256;
  if (searches.length > maxPaths) errs.push(invalid(path.child('searches'), searches, `must not have more than ${maxPaths} search paths`));
  const joined = searches.map((s) => str(s) ?? '').join(' ');
  if (joined.length > maxChars) errs.push(invalid(path.child('searches'), searches, `must not have more than ${maxChars} characters (including spaces) in the search list`));
  const relaxed = atLeast(ctx, '1.33');
  searches.forEach((s, i) => {
    let search = str(s);
    if (search === undefined) return;
    const p = path.child('searches').index(i);
    if (relaxed) {
      if (search === '.') return;
      search = search.endsWith('.') ? search.slice(0, -1) : search;
      for (const msg of isDNS1123SubdomainWithUnderscore(search)) errs.push(invalid(p, search, msg));
    } else {
      search = search.endsWith('.') ? search.slice(0, -1) : search;
      for (const msg of isDNS1123Subdomain(search)) errs.push(invalid(p, search, msg));
    }
  });
  arr(config.options).forEach((o, i) => {
    const option = obj(o) ?? {};
    if (option.name !== undefined && typeof option.name !== 'string') return;
    if (!str(option.name)) errs.push(at(required(path.child('options').index(i), 'must not be empty'), path.child('options').index(i), 'value'));
  });
  return errs;
}

/** validation.IsDNS1123SubdomainWithUnderscore (1.32+ apimachinery). */
function isDNS1123SubdomainWithUnderscore(value: string): string[] {
  const label = '[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?';
  const fmt = `${label}(\\.${label})*`;
  const errs: string[] = [];
  if (value.length > 253) errs.push('must be no more than 253 characters');
  if (!new RegExp(`^${fmt}$`).test(value)) {
    errs.push(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${fmt}')`,
    );
  }
  return errs;
}

/** An IP of a legacy field, worded as the version words it. */
function ipAddress(value: string, path: FieldPath, ctx: RuleContext): FieldError[] {
  const ok = atLeast(ctx, '1.23') ? isIPSloppy(value) : isValidIP(value);
  if (ok) return [];
  return [invalid(path, value, atLeast(ctx, '1.30') ? 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' : 'must be valid IP address')];
}

/** netutils.ParseIPSloppy: Go's pre-1.17 net.ParseIP, which takes leading zeros in IPv4. */
function isIPSloppy(value: string): boolean {
  const v4 = (s: string) => {
    const parts = s.split('.');
    return parts.length === 4 && parts.every((p) => /^[0-9]+$/.test(p) && Number(p) <= 255);
  };
  if (v4(value)) return true;
  if (!value.includes(':')) return false;
  const lastColon = value.lastIndexOf(':');
  const tail = value.slice(lastColon + 1);
  if (tail.includes('.')) return v4(tail) && isIPv6(`${value.slice(0, lastColon + 1)}0.0.0.0`);
  return isIPv6(value);
}

/** validateReadinessGates: conditionType a qualified name. */
function readinessGates(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  arr(spec.readinessGates).forEach((g, i) => {
    const gate = obj(g) ?? {};
    // A missing conditionType is the schema check's (required there).
    if (typeof gate.conditionType !== 'string') return;
    const type = gate.conditionType;
    for (const msg of isQualifiedName(type)) errs.push(invalid(SPEC.child('readinessGates').index(i).child('conditionType'), type, msg));
  });
  return errs;
}

/**
 * validateSchedulingGates (1.27+: PodSchedulingReadiness beta; dropped in 1.26 where it was alpha):
 * each name a qualified name, unique; the errors name the list item, not its `name`.
 */
function schedulingGates(spec: Obj, ctx: RuleContext): FieldError[] {
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
function nodeNameWithSchedulingGates(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.27') || !str(spec.nodeName) || arr(spec.schedulingGates).length === 0) return [];
  return [forbidden(SPEC.child('nodeName'), 'cannot be set until all schedulingGates have been cleared')];
}

/**
 * validateTopologySpreadConstraints: maxSkew > 0, topologyKey required, whenUnsatisfiable one of
 * DoNotSchedule/ScheduleAnyway (an empty one: other values are the schema check's), no two with the
 * same {topologyKey, whenUnsatisfiable}; 1.27+ minDomains (validateMinDomains; the gate is on from
 * 1.27), matchLabelKeys (validateMatchLabelKeys, beta from 1.27) and the labelSelector itself.
 */
function topologySpreadConstraints(spec: Obj, ctx: RuleContext): FieldError[] {
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
      if (action !== 'DoNotSchedule') errs.push(invalid(p.child('minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
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
        errs.push(at(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${key}, ${action}}`), c.topologyKey === undefined ? p : p.child('topologyKey'), 'value'));
        break;
      }
    }
  });
  return errs;
}

/**
 * validateHostUsers (1.33+, where UserNamespacesSupport is on by default; the field is dropped
 * before): with hostUsers false, hostNetwork, hostPID and hostIPC are forbidden (the server's
 * paths say `spec.HostPID` / `spec.HostIPC`); 1.35 also forbids volumeDevices.
 */
function hostUsers(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.33') || bool(spec.hostUsers) !== false) return [];
  const errs: FieldError[] = [];
  const detail = 'when `hostUsers` is false';
  if (bool(spec.hostNetwork) === true) errs.push(forbidden(SPEC.child('hostNetwork'), detail));
  if (bool(spec.hostPID) === true) errs.push(at(forbidden(SPEC.child('HostPID'), detail), SPEC.child('hostPID')));
  if (bool(spec.hostIPC) === true) errs.push(at(forbidden(SPEC.child('HostIPC'), detail), SPEC.child('hostIPC')));
  if (atLeast(ctx, '1.35')) {
    for (const [kind, list] of [['containers', spec.containers], ['initContainers', spec.initContainers], ['ephemeralContainers', spec.ephemeralContainers]] as const) {
      arr(list).forEach((c, i) => {
        if (arr(obj(c)?.volumeDevices).length > 0) errs.push(forbidden(SPEC.child(kind).index(i).child('volumeDevices'), detail));
      });
    }
  }
  return errs;
}

/**
 * ValidatePodSpec: serviceAccountName (ValidateServiceAccountName; the deprecated `serviceAccount`
 * is copied into it by conversion when it is empty), nodeName (ValidateNodeName),
 * priorityClassName (ValidatePriorityClassName) and runtimeClassName (ValidateRuntimeClassName):
 * all NameIsDNSSubdomain.
 */
function names(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const subdomain = (field: string, value: string | undefined, where?: FieldPath) => {
    if (!value) return;
    for (const msg of isDNS1123Subdomain(value)) {
      const e = invalid(SPEC.child(field), value, msg);
      errs.push(where ? at(e, where) : e);
    }
  };
  const sa = str(spec.serviceAccountName);
  if (sa) subdomain('serviceAccountName', sa);
  else subdomain('serviceAccountName', str(spec.serviceAccount), SPEC.child('serviceAccount'));
  subdomain('nodeName', str(spec.nodeName));
  subdomain('priorityClassName', str(spec.priorityClassName));
  // runtimeClassName is a pointer: an empty string is checked too.
  const runtimeClass = str(spec.runtimeClassName);
  if (runtimeClass !== undefined) for (const msg of isDNS1123Subdomain(runtimeClass)) errs.push(invalid(SPEC.child('runtimeClassName'), runtimeClass, msg));
  return errs;
}

/** ValidatePodSpec: activeDeadlineSeconds in 1..MaxInt32. */
function activeDeadlineSeconds(spec: Obj): FieldError[] {
  const value = num(spec.activeDeadlineSeconds);
  if (value === undefined || (value >= 1 && value <= MAX_INT32)) return [];
  return [invalid(SPEC.child('activeDeadlineSeconds'), value, inclusiveRangeError(1, MAX_INT32))];
}

/** ValidatePodSpec: hostname and subdomain are DNS-1123 labels (ValidateDNS1123Label). */
function hostnameAndSubdomain(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  for (const field of ['hostname', 'subdomain']) {
    const value = str(spec[field]);
    if (value) for (const msg of isDNS1123Label(value)) errs.push(invalid(SPEC.child(field), value, msg));
  }
  return errs;
}

/**
 * ValidateTolerations: key a label name; an empty key needs operator Exists; tolerationSeconds
 * needs effect NoExecute; Equal (or empty) operator: value a label value (reported on
 * `operator`); Exists: no value (the value printed is the whole toleration up to 1.31, the value
 * from 1.32); empty effect allowed (other values are the schema check's).
 */
function tolerations(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  arr(spec.tolerations).forEach((t, i) => {
    const tol = obj(t);
    if (!tol) return;
    const p = SPEC.child('tolerations').index(i);
    const key = str(tol.key) ?? '';
    const operator = str(tol.operator) ?? '';
    const value = str(tol.value) ?? '';
    const effect = str(tol.effect) ?? '';
    if (key.length > 0) errs.push(...labelName(key, p.child('key')));
    if (key.length === 0 && operator !== 'Exists' && typeof tol.operator !== 'number') {
      errs.push(at(invalid(p.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'), tol.operator === undefined ? p : p.child('operator'), 'value'));
    }
    if (tol.tolerationSeconds !== undefined && tol.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(at(invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"), tol.effect === undefined ? p.child('tolerationSeconds') : p.child('effect'), tol.effect === undefined ? 'key' : 'value'));
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

/**
 * ValidateHostAliases: each ip valid, each hostname a DNS subdomain. Up to 1.29 the paths carry no
 * index (`spec.hostAliases.ip`, `spec.hostAliases.hostnames`); from 1.30 they do.
 */
function hostAliases(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const path = SPEC.child('hostAliases');
  const indexed = atLeast(ctx, '1.30');
  arr(spec.hostAliases).forEach((h, i) => {
    const alias = obj(h);
    if (!alias) return;
    // From 1.30 a missing ip is the schema check's (required there).
    if (typeof alias.ip === 'string' || (alias.ip === undefined && !indexed)) {
      const ip = str(alias.ip) ?? '';
      const where = alias.ip === undefined ? path.index(i) : path.index(i).child('ip');
      const target = 'value';
      for (const e of ipAddress(ip, indexed ? path.index(i).child('ip') : path.child('ip'), ctx)) errs.push(at(e, where, target));
    }
    arr(alias.hostnames).forEach((n, j) => {
      const name = str(n);
      if (name === undefined) return;
      const where = path.index(i).child('hostnames').index(j);
      for (const msg of isDNS1123Subdomain(name)) errs.push(at(invalid(indexed ? where : path.child('hostnames'), name, msg), where));
    });
  });
  return errs;
}

/** helper.standardResources (pkg/apis/core/helper/helpers.go). */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers', 'ephemeral-storage',
]);

/**
 * validateOverhead: ValidateResourceRequirements with the overhead as its limits, so the paths read
 * `spec.overhead.limits[<name>]`: standard resource names without a prefix, quantities not
 * negative, and hugepages only beside cpu or memory (that one names `spec.overhead`). (The RuntimeClass admission plugin rejects an
 * overhead it did not set before validation sees it; this is what validation would say.)
 */
function overhead(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const map = obj(spec.overhead);
  if (!map) return errs;
  const path = SPEC.child('overhead').child('limits');
  let hugePages = false;
  let cpuOrMemory = false;
  for (const [name, v] of Object.entries(map)) {
    const where = SPEC.child('overhead').key(name);
    // validateContainerResourceName: validateResourceName (a qualified name; without a prefix a
    // standard resource name), then a standard container resource (cpu, memory, ...).
    const nameErrs = isQualifiedName(name).map((msg) => invalid(path.key(name), name, msg));
    if (!nameErrs.length && !name.includes('/')) {
      if (!STANDARD_RESOURCES.has(name) && !/^(requests\.)?hugepages-/.test(name)) nameErrs.push(invalid(path.key(name), name, 'must be a standard resource type or fully qualified'));
      if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name.startsWith('hugepages-')) nameErrs.push(invalid(path.key(name), name, 'must be a standard resource for containers'));
    }
    errs.push(...nameErrs.map((e) => at(e, where, 'key')));
    const q = parseQuantity(v);
    if (q && isNegative(q)) errs.push(at(invalid(path.key(name), quantityString(q), 'must be greater than or equal to 0'), where));
    if (name.startsWith('hugepages-')) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  if (hugePages && !cpuOrMemory) errs.push(forbidden(SPEC.child('overhead'), 'HugePages require cpu or memory'));
  return errs;
}

/**
 * validateOS (1.24+: IdentifyPodOS beta, on; dropped in 1.23): name required ("cannot be empty"
 * until 1.33, no detail from 1.34); then validateLinux / validateWindows: fields of the other OS
 * are forbidden.
 */
function os(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.24')) return [];
  const o = obj(spec.os);
  if (!o) return [];
  const path = SPEC.child('os');
  // A missing name is the schema check's (required there).
  const name = str(o.name);
  if (name === undefined) return [];
  if (!name) return [required(path.child('name'), atLeast(ctx, '1.34') ? '' : 'cannot be empty')];
  if (name === 'linux') return forbidWindowsOnLinux(spec);
  if (name === 'windows') return forbidLinuxOnWindows(spec, ctx);
  return [];
}

/** podshelper.VisitContainersWithPath: init containers, containers, ephemeral containers. */
function eachContainer(spec: Obj, fn: (c: Obj, path: FieldPath) => void) {
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[kind]).forEach((c, i) => {
      const container = obj(c);
      if (container) fn(container, SPEC.child(kind).index(i));
    });
  }
}

/** validateLinux: no windowsOptions. */
function forbidWindowsOnLinux(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const detail = 'windows options cannot be set for a linux pod';
  if (obj(spec.securityContext)?.windowsOptions !== undefined) errs.push(forbidden(SPEC.child('securityContext').child('windowsOptions'), detail));
  eachContainer(spec, (c, p) => {
    if (obj(c.securityContext)?.windowsOptions !== undefined) errs.push(forbidden(p.child('securityContext').child('windowsOptions'), detail));
  });
  return errs;
}

/** validateWindows: no Linux-only pod or container security settings. */
function forbidLinuxOnWindows(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const detail = 'cannot be set for a windows pod';
  const sc = obj(spec.securityContext);
  const scPath = SPEC.child('securityContext');
  const set = (o: Obj | undefined, field: string) => o !== undefined && o[field] !== undefined && o[field] !== null;
  if (sc) {
    if (atLeast(ctx, '1.30') && set(sc, 'appArmorProfile')) errs.push(forbidden(scPath.child('appArmorProfile'), detail));
    if (set(sc, 'seLinuxOptions')) errs.push(forbidden(scPath.child('seLinuxOptions'), detail));
  }
  if (atLeast(ctx, '1.33') && set(spec, 'hostUsers')) errs.push(forbidden(SPEC.child('hostUsers'), detail));
  if (bool(spec.hostPID) === true) errs.push(forbidden(SPEC.child('hostPID'), detail));
  if (bool(spec.hostIPC) === true) errs.push(forbidden(SPEC.child('hostIPC'), detail));
  if (sc) {
    if (set(sc, 'seccompProfile')) errs.push(forbidden(scPath.child('seccompProfile'), detail));
    if (set(sc, 'fsGroup')) errs.push(forbidden(scPath.child('fsGroup'), detail));
    if (set(sc, 'fsGroupChangePolicy')) errs.push(forbidden(scPath.child('fsGroupChangePolicy'), detail));
    if (arr(sc.sysctls).length > 0) errs.push(forbidden(scPath.child('sysctls'), detail));
  }
  if (set(spec, 'shareProcessNamespace')) errs.push(forbidden(SPEC.child('shareProcessNamespace'), detail));
  if (sc) {
    if (set(sc, 'runAsUser')) errs.push(forbidden(scPath.child('runAsUser'), detail));
    if (set(sc, 'runAsGroup')) errs.push(forbidden(scPath.child('runAsGroup'), detail));
    if (set(sc, 'supplementalGroups')) errs.push(forbidden(scPath.child('supplementalGroups'), detail));
    if (atLeast(ctx, '1.33') && set(sc, 'supplementalGroupsPolicy')) errs.push(forbidden(scPath.child('supplementalGroupsPolicy'), detail));
    if (atLeast(ctx, '1.33') && set(sc, 'seLinuxChangePolicy')) errs.push(forbidden(scPath.child('seLinuxChangePolicy'), detail));
  }
  eachContainer(spec, (c, cp) => {
    const csc = obj(c.securityContext);
    if (!csc) return;
    const p = cp.child('securityContext');
    const fields = [
      ...(atLeast(ctx, '1.30') ? ['appArmorProfile'] : []),
      'seLinuxOptions',
      'seccompProfile',
      'capabilities',
      'readOnlyRootFilesystem',
      'privileged',
      'allowPrivilegeEscalation',
      'procMount',
      'runAsUser',
      'runAsGroup',
    ];
    for (const f of fields) if (set(csc, f)) errs.push(forbidden(p.child(f), detail));
  });
  return errs;
}
