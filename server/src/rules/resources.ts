/**
 * Compute resources: a container's resources (limits, requests, claims) and resizePolicy, and the
 * Pod's overhead, which the server checks as a container's limits (ValidateResourceRequirements /
 * validateResourceRequirements, validateContainerResourceName, validateResourceName,
 * ValidateResourceQuantityValue, validateResourceQuantityHugePageValue, validateResourceClaimNames,
 * validateResizePolicy and validateOverhead in pkg/apis/core/validation/validation.go; the resource
 * names of pkg/apis/core/helper/helpers.go).
 */
import type { JsonValue } from '../yaml/decode';
import { arr, atLeast, eachObj, goStr, obj, Obj, RuleContext } from './context';
import { at, duplicate, FieldError, forbidden, GoValue, invalid, notFound, required, reroot } from './errors';
import { FieldPath } from '../path/fieldPath';
import { isDNS1123Label, isQualifiedName } from './names';
import { IS_NEGATIVE_ERROR } from './numbers';
import { cmpQuantity, goQuantityText, intValue, isNegative, milliValue, parseQuantity, Quantity, quantityString } from './quantity';

/** What the resource checks read of the rest of the spec. */
export interface ResourceContext extends RuleContext {
  /** The names in spec.resourceClaims, which a container's resources.claims refer to. */
  claimNames: ReadonlySet<string>;
}

/** helper.integerResources: counted objects, integers only. */
const INTEGER_RESOURCES = new Set(
  'pods resourcequotas services replicationcontrollers secrets configmaps persistentvolumeclaims services.nodeports services.loadbalancers'.split(' '),
);
/**
 * helper.standardResources: core.ResourceCPU … core.ResourceServicesLoadBalancers. The quota on
 * quotas is core.ResourceQuotas, "resourcequotas" (not "quota").
 */
const STANDARD_RESOURCES = new Set([
  ...'cpu memory ephemeral-storage requests.cpu requests.memory requests.ephemeral-storage limits.cpu limits.memory'.split(' '),
  ...'limits.ephemeral-storage storage requests.storage'.split(' '),
  ...INTEGER_RESOURCES,
]);

const isHugePage = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string) => !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
const isOvercommitAllowed = (name: string) => isNative(name) && !isHugePage(name);
const isInteger = (name: string) => INTEGER_RESOURCES.has(name) || isExtended(name);
/** helper.IsStandardResourceName: a standard name or a hugepages quota (`requests.hugepages-…`). */
const isStandard = (name: string) => STANDARD_RESOURCES.has(name) || isHugePage(name) || name.startsWith('requests.hugepages-');

/** validateResourceName + validateContainerResourceName. */
function containerResourceNameErrors(name: string): string[] {
  const msgs = isQualifiedName(name);
  if (msgs.length === 0 && !name.includes('/') && !isStandard(name)) msgs.push('must be a standard resource type or fully qualified');
  if (!name.includes('/')) {
    if (!(['cpu', 'memory', 'ephemeral-storage'].includes(name) || isHugePage(name))) msgs.push('must be a standard resource for containers');
  } else if (!isNative(name) && !isExtended(name)) msgs.push("doesn't follow extended resource name standard");
  return msgs;
}

/** ValidateResourceQuantityValue (+ validateResourceQuantityHugePageValue from 1.21). */
function quantityErrors(name: string, q: Quantity, written: JsonValue | undefined, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  if (isNegative(q)) errs.push(invalid(path, quantityString(q), IS_NEGATIVE_ERROR));
  // The server prints the Quantity struct here (%#v); where that holds a pointer, the canonical form.
  if (isInteger(name) && milliValue(q) % BigInt(1000) !== BigInt(0)) {
    const dump = goQuantityText(written);
    errs.push(invalid(path, dump ? new GoValue(dump) : quantityString(q), 'must be an integer'));
  }
  if (atLeast(ctx, '1.21') && isHugePage(name) && !hugePageDivisible(name, q)) {
    errs.push(invalid(path, quantityString(q), `${quantityString(q)} is not positive integer multiple of ${name}`));
  }
  return errs;
}

/** helper.IsHugePageResourceValueDivisible. */
function hugePageDivisible(name: string, q: Quantity): boolean {
  const size = parseQuantity(name.slice('hugepages-'.length));
  if (!size || size.n <= BigInt(0) || milliValue(size) % BigInt(1000) !== BigInt(0)) return false;
  return intValue(q) % intValue(size) === BigInt(0);
}

/** A resource list's quantities that parse (the schema check reports the others, which the server never decodes). */
function quantities(list: Obj | undefined): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

/** A container's resources: ValidateResourceRequirements over the defaulted requests (SetDefaults_Pod: a limit without a request is also the request). */
export function validateResourceRequirements(res: Obj | undefined, path: FieldPath, ctx: ResourceContext): FieldError[] {
  return res ? resourceRequirements(res, path, ctx, true) : [];
}

/**
 * ValidateResourceRequirements (1.20–1.31) / validateResourceRequirements (1.32+). With
 * `defaultRequests`, a limit without a request is also the request: its errors are named after
 * the request and shown on the limit.
 */
function resourceRequirements(res: Obj, path: FieldPath, ctx: ResourceContext, defaultRequests: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  const limitsObj = obj(res.limits);
  const requestsObj = obj(res.requests) ?? {};
  const limits = quantities(limitsObj);
  const requests = new Map<string, [Quantity, boolean]>();
  for (const [k, q] of quantities(requestsObj)) requests.set(k, [q, true]);
  if (defaultRequests && limitsObj) for (const [k, q] of limits) if (!(k in requestsObj)) requests.set(k, [q, false]);
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, q] of limits) {
    const p = limPath.key(name);
    for (const msg of containerResourceNameErrors(name)) errs.push(at(invalid(p, name, msg), p, 'key'));
    errs.push(...quantityErrors(name, q, limitsObj?.[name], p, ctx));
    if (isHugePage(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  const withLimit = atLeast(ctx, '1.27');
  for (const [name, [q, written]] of requests) {
    const p = reqPath.key(name);
    // A defaulted request is not in the document: its errors show on the limit.
    const where = written ? p : limPath.key(name);
    const place = (e: FieldError) => (written ? e : at(e, where));
    for (const msg of containerResourceNameErrors(name)) errs.push(at(invalid(p, name, msg), where, 'key'));
    errs.push(...quantityErrors(name, q, written ? requestsObj[name] : limitsObj?.[name], p, ctx).map(place));
    const limit = limits.get(name);
    if (limit) {
      const c = cmpQuantity(q, limit);
      const of = withLimit ? ` of ${quantityString(limit)}` : '';
      if (c !== 0 && !isOvercommitAllowed(name)) errs.push(at(invalid(reqPath, quantityString(q), `must be equal to ${name} limit${of}`), where));
      else if (c > 0) errs.push(at(invalid(reqPath, quantityString(q), `must be less than or equal to ${name} limit${of}`), where));
    } else if (!isOvercommitAllowed(name)) {
      errs.push(at(required(limPath, 'Limit must be set for non overcommitable resources'), p, 'key'));
    }
    if (isHugePage(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  errs.push(...validateResourceClaimNames(arr(res.claims), path.child('claims'), ctx));
  return errs;
}

const NO_CLAIMS: ReadonlySet<string> = new Set();
const OVERHEAD = FieldPath.root('spec').child('overhead');

/**
 * validateOverhead: ValidateResourceRequirements with the overhead as its limits (and no requests:
 * SetDefaults_Pod copies limits to requests in containers only), so the server names
 * `spec.overhead.limits[<name>]`; shown on `spec.overhead[<name>]`. (The RuntimeClass admission
 * plugin rejects an overhead it did not set before validation sees it; this is what validation
 * would say.)
 */
export function validateOverhead(overhead: Obj | undefined, ctx: RuleContext): FieldError[] {
  if (!overhead) return [];
  const errs = resourceRequirements({ limits: overhead }, OVERHEAD, { ...ctx, claimNames: NO_CLAIMS }, false);
  return errs.map((e) => reroot(e, OVERHEAD.child('limits'), OVERHEAD, 'shown'));
}

/**
 * validateResourceClaimNames, from 1.34 (DynamicResourceAllocation GA; the field is dropped while
 * the gate is off by default): each claim names one of spec.resourceClaims, once.
 */
function validateResourceClaimNames(claims: JsonValue[], path: FieldPath, ctx: ResourceContext): FieldError[] {
  if (!atLeast(ctx, '1.34')) return [];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  const podNames = [...ctx.claimNames].sort();
  eachObj(claims, (claim, i) => {
    const p = path.index(i);
    const name = goStr(claim.name);
    const request = goStr(claim.request);
    const here = (e: FieldError) => at(e, p.child('name'));
    if (name === '') {
      errs.push(here(required(p)));
      return;
    }
    if (names.has(name)) errs.push(here(duplicate(p, name)));
    else {
      let key = name;
      if (request !== '') {
        for (const msg of isDNS1123Label(request)) errs.push(invalid(p.child('request'), request, msg));
        key += '/' + request;
      }
      if (names.has(key)) errs.push(here(duplicate(p, key)));
      else if (request === '') {
        for (const k of names) if (k.includes('/') && k.slice(0, k.indexOf('/')) === name) errs.push(here(duplicate(p, name)));
      }
      names.add(key);
    }
    if (!ctx.claimNames.has(name)) {
      const detail = `must be one of the names in pod.spec.resourceClaims${podNames.length ? `: ${podNames.join(', ')}` : ' which is empty'}`;
      errs.push(here({ ...notFound(p, name), detail }));
    }
  });
  return errs;
}

/**
 * validateResizePolicy, from 1.33 (InPlacePodVerticalScaling beta, on; dropped before): one entry
 * per resource, and NotRequired when the Pod's restartPolicy is Never. Bad values are the schema's.
 */
export function validateResizePolicy(list: JsonValue[], path: FieldPath, ctx: RuleContext, podRestartPolicy: string): FieldError[] {
  if (!atLeast(ctx, '1.33')) return [];
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  eachObj(list, (o, i) => {
    const resourceName = goStr(o.resourceName);
    if (seen.has(resourceName)) errs.push(at(duplicate(path.index(i), resourceName), path.index(i).child('resourceName')));
    seen.add(resourceName);
    const policy = goStr(o.restartPolicy);
    if (podRestartPolicy === 'Never' && policy !== 'NotRequired') {
      errs.push(at(invalid(path, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"), path.index(i).child('restartPolicy')));
    }
  });
  return errs;
}
