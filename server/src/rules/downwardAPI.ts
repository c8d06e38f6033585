/**
 * The downward API, as env vars (valueFrom.fieldRef / resourceFieldRef) and downwardAPI volume
 * items (also inside projected volumes) use it: validateObjectFieldSelector over
 * podshelper.ConvertDownwardAPIFieldLabel's field labels, validateContainerResourceFieldSelector,
 * validateContainerResourceDivisor and validateDownwardAPIHostIPs
 * (pkg/apis/core/validation/validation.go).
 */
import type { JsonValue } from '../yaml/decode';
import { atLeast, goStr, Obj, RuleContext } from './context';
import { at, FieldError, forbidden, invalid, notSupported, required } from './errors';
import type { FieldPath } from '../path/fieldPath';
import { isQualifiedName } from './names';
import { isZero, parseQuantity, quantityString } from './quantity';

/** podshelper.ConvertDownwardAPIFieldLabel: the labels a v1 Pod converts (status.hostIPs from 1.28). */
function convertibleFieldLabel(label: string, ctx: RuleContext): boolean {
  const labels = [
    'metadata.annotations',
    'metadata.labels',
    'metadata.name',
    'metadata.namespace',
    'metadata.uid',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.serviceAccountName',
    'spec.schedulerName',
    'status.phase',
    'status.hostIP',
    'status.podIP',
    'status.podIPs',
    'spec.host',
  ];
  if (atLeast(ctx, '1.28')) labels.push('status.hostIPs');
  return labels.includes(label);
}

/** validEnvDownwardAPIFieldPathExpressions, sorted as sets.List prints it; status.hostIPs from 1.28. */
export function envFieldPaths(ctx: RuleContext): string[] {
  const paths = [
    'metadata.name',
    'metadata.namespace',
    'metadata.uid',
    'spec.nodeName',
    'spec.serviceAccountName',
    'status.hostIP',
    'status.podIP',
    'status.podIPs',
  ];
  if (atLeast(ctx, '1.28')) paths.splice(6, 0, 'status.hostIPs');
  return paths;
}

/** validVolumeDownwardAPIFieldPathExpressions */
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['app']` → path and subscript. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const body = fieldPath.slice(0, -2);
  const at = body.indexOf("['");
  if (at <= 0) return undefined;
  return [body.slice(0, at), body.slice(at + 2)];
}

/**
 * validateObjectFieldSelector over the defaulted selector (apiVersion v1: SetDefaults_ObjectFieldSelector).
 * A bad subscript is named after the selector and shown on its fieldPath.
 */
export function objectFieldSelector(fs: Obj, expressions: string[], path: FieldPath, ctx: RuleContext): FieldError[] {
  const apiVersion = goStr(fs.apiVersion) || 'v1';
  const fieldPath = goStr(fs.fieldPath);
  if (fieldPath.length === 0) return [required(path.child('fieldPath'))];
  // ConvertDownwardAPIFieldLabel
  let error: string | undefined;
  const sub = splitSubscript(fieldPath);
  if (apiVersion !== 'v1') error = `unsupported pod version: ${apiVersion}`;
  else if (sub) {
    if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') error = `field label does not support subscript: ${fieldPath}`;
  } else if (!convertibleFieldLabel(fieldPath, ctx)) error = `field label not supported: ${fieldPath}`;
  if (error) return [invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${error}`)];
  if (sub) {
    const [p, subscript] = sub;
    const key = p === 'metadata.annotations' ? subscript.toLowerCase() : subscript;
    return isQualifiedName(key).map((msg) => at(invalid(path, subscript, msg), path.child('fieldPath')));
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  return expressions.includes(internal) ? [] : [notSupported(path.child('fieldPath'), internal, expressions)];
}

/** validateDownwardAPIHostIPs (1.28 only, where the PodHostIPs gate was alpha, off). */
export function downwardAPIHostIPs(fs: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.28') || atLeast(ctx, '1.29') || goStr(fs.fieldPath) !== 'status.hostIPs') return [];
  return [forbidden(path, "may not be set when feature gate 'PodHostIPs' is not enabled")];
}

/** validContainerResourceFieldPathExpressions, sorted. */
export const RESOURCE_FIELD_PATHS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

/**
 * validateContainerResourceFieldSelector: `volume` items name their container; the hugepages
 * resources with DownwardAPIHugePages (off in 1.20, on from 1.22).
 */
export function resourceFieldSelector(fs: Obj, path: FieldPath, ctx: RuleContext, volume: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const resource = goStr(fs.resource);
  const prefixes = atLeast(ctx, '1.22') ? ['limits.hugepages-', 'requests.hugepages-'] : [];
  if (volume && goStr(fs.containerName).length === 0) errs.push(required(path.child('containerName')));
  else if (resource.length === 0) errs.push(required(path.child('resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !prefixes.some((p) => resource.startsWith(p))) {
    errs.push(notSupported(path.child('resource'), resource, RESOURCE_FIELD_PATHS));
  }
  errs.push(...resourceDivisor(resource, fs.divisor, path));
  return errs;
}

const DIVISORS_BYTES = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** validateContainerResourceDivisor: the divisor as Quantity.String() prints it. */
function resourceDivisor(resource: string, divisor: JsonValue | undefined, path: FieldPath): FieldError[] {
  const q = parseQuantity(divisor);
  if (!q || isZero(q)) return [];
  const text = quantityString(q);
  const p = path.child('divisor');
  const errs: FieldError[] = [];
  const bytes = (what: string) => {
    if (!DIVISORS_BYTES.includes(text))
      errs.push(invalid(p, resource, `only divisor's values ${DIVISORS_BYTES.join(', ')} are supported with the ${what} resource`));
  };
  switch (resource) {
    case 'limits.cpu':
    case 'requests.cpu':
      if (!['1m', '1'].includes(text)) errs.push(invalid(p, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
      break;
    case 'limits.memory':
    case 'requests.memory':
      bytes('memory');
      break;
    case 'limits.ephemeral-storage':
    case 'requests.ephemeral-storage':
      bytes('local ephemeral storage');
      break;
  }
  if (resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) bytes('hugepages');
  return errs;
}
