/**
 * The rest of ValidatePodSpec and ValidatePodCreate, and what podSpecRules gathers from the other
 * pod-spec files (scheduling.ts, dns.ts, podSecurity.ts, resources.ts' overhead): here the names
 * (serviceAccountName, nodeName, priorityClassName, runtimeClassName, hostname, subdomain),
 * activeDeadlineSeconds, readinessGates, resourceClaims (validatePodResourceClaims) and the
 * annotations about the spec (ValidatePodSpecificAnnotations).
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
import { arr, atLeast, eachObj, num, obj, Obj, Rule, RuleContext, str } from './context';
import { at, duplicate, FieldError, forbidden, GoValue, invalid, required } from './errors';
import { FieldPath } from '../path/fieldPath';
import { inclusiveRangeError, MAX_INT32, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { affinity, nodeNameWithSchedulingGates, nodeSelectorLabels, schedulingGates, tolerations, topologySpreadConstraints } from './scheduling';
import { dnsConfig, hostAliases } from './dns';
import { hostUsers, os, securityContextParts } from './podSecurityContext';
import { validateOverhead } from './resources';

const SPEC = FieldPath.root('spec');

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
    ...validateOverhead(obj(spec.overhead), ctx),
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
  eachObj(spec.resourceClaims, (claim, i) => {
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
    const shown = new GoValue(
      `core.PodResourceClaim{Name:${JSON.stringify(name ?? '')}, ResourceClaimName:${ptr(claimName)}, ResourceClaimTemplateName:${ptr(templateName)}}`,
    );
    const where = claim.name === undefined ? p : p.child('name');
    const target = claim.name === undefined ? 'value' : 'key';
    if (claimName !== undefined && templateName !== undefined)
      errs.push(at(invalid(p, shown, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'), where, target));
    if (claimName === undefined && templateName === undefined)
      errs.push(at(invalid(p, shown, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'), where, target));
    for (const [field, value] of [
      ['resourceClaimName', claimName],
      ['resourceClaimTemplateName', templateName],
    ] as const) {
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
