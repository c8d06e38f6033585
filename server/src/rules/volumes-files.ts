/**
 * spec.volumes: the sources that project files (configMap, secret, downwardAPI, projected) and
 * the path checks they share with hostPath and gitRepo (pkg/apis/core/validation/validation.go).
 */
import { arr, atLeast, Obj, obj, RuleContext, str } from './context';
import { at, FieldError, forbidden, invalid, notSupported, required, tooLong } from './errors';
import { FieldPath } from './fieldPath';
import { labelSelector } from './labels';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import { quantityOf } from '../schema/quantity';

/** fileModeErrorMsg */
export const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** An integer the API would decode (the schema check reports anything else). */
export const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);

/** A file mode 0-0777 (a defaultMode left out defaults to 0644: SetDefaults_*VolumeSource). */
function fileMode(v: unknown, path: FieldPath): FieldError[] {
  const mode = int(v);
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

/** Go's path.IsAbs. */
export const isAbs = (p: string) => p.startsWith('/');

/** validatePathNoBacksteps: no `..` element. */
export function pathNoBacksteps(target: string, path: FieldPath, shown?: FieldPath): FieldError[] {
  if (!target.split('/').includes('..')) return [];
  return [place(invalid(path, target, "must not contain '..'"), shown)];
}

/** validateLocalDescendingPath: relative, no `..` element. */
export function localDescendingPath(target: string, path: FieldPath, shown?: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (isAbs(target)) errs.push(place(invalid(path, target, 'must be a relative path'), shown));
  errs.push(...pathNoBacksteps(target, path, shown));
  return errs;
}

/** validateLocalNonReservedPath (ValidateLocalNonReservedPath from 1.30): also not starting with `..`. */
export function localNonReservedPath(target: string, path: FieldPath, shown?: FieldPath): FieldError[] {
  const errs = localDescendingPath(target, path, shown);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(place(invalid(path, target, "must not start with '..'"), shown));
  return errs;
}

/** An error whose path the server names differently from where it is written. */
export const place = (e: FieldError, shown: FieldPath | undefined): FieldError => (shown ? at(e, shown) : e);

/** validateKeyToPath: key and path required, path local, mode 0-0777. */
function keyToPath(kp: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const key = str(kp.key) ?? '';
  const p = str(kp.path) ?? '';
  if (!key) errs.push(required(path.child('key')));
  if (!p) errs.push(required(path.child('path')));
  errs.push(...localNonReservedPath(p, path.child('path')));
  errs.push(...fileMode(kp.mode, path.child('mode')));
  return errs;
}

/** validateSecretVolumeSource: secretName required (1.20–1.35). */
export function secretVolume(s: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(s.secretName)) errs.push(required(path.child('secretName')));
  errs.push(...fileMode(s.defaultMode, path.child('defaultMode')));
  arr(s.items).forEach((kp, i) => {
    const o = obj(kp);
    if (o) errs.push(...keyToPath(o, path.child('items').index(i)));
  });
  return errs;
}

/** validateConfigMapVolumeSource: name required. */
export function configMapVolume(c: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(c.name)) errs.push(required(path.child('name')));
  errs.push(...fileMode(c.defaultMode, path.child('defaultMode')));
  arr(c.items).forEach((kp, i) => {
    const o = obj(kp);
    if (o) errs.push(...keyToPath(o, path.child('items').index(i)));
  });
  return errs;
}

/** validVolumeDownwardAPIFieldPathExpressions */
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

/** podshelper.ConvertDownwardAPIFieldLabel: the labels the v1 Pod converts (status.hostIPs from 1.28). */
function convertibleLabel(label: string, ctx: RuleContext): boolean {
  const known = [
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
  if (atLeast(ctx, '1.28')) known.push('status.hostIPs');
  return known.includes(label);
}

/** fieldpath.SplitMaybeSubscriptedPath: `metadata.labels['key']`. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf("['");
  if (at <= 0) return undefined;
  return [s.slice(0, at), s.slice(at + 2)];
}

/** validateObjectFieldSelector with the volume's field paths (apiVersion defaults to v1). */
function objectFieldSelector(fs: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const apiVersion = str(fs.apiVersion) || 'v1';
  const fieldPath = str(fs.fieldPath) ?? '';
  if (!fieldPath) return [required(path.child('fieldPath'))];
  const sub = splitSubscript(fieldPath);
  // ConvertDownwardAPIFieldLabel
  let conversionError: string | undefined;
  if (apiVersion !== 'v1') conversionError = `unsupported pod version: ${apiVersion}`;
  else if (sub) {
    if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') conversionError = `field label does not support subscript: ${fieldPath}`;
  } else if (!convertibleLabel(fieldPath, ctx)) conversionError = `field label not supported: ${fieldPath}`;
  if (conversionError) return [invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${conversionError}`)];
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  const errs: FieldError[] = [];
  if (sub) {
    const [p, subscript] = sub;
    if (p === 'metadata.annotations') for (const msg of isQualifiedName(subscript.toLowerCase())) errs.push(invalid(path, subscript, msg));
    else for (const msg of isQualifiedName(subscript)) errs.push(invalid(path, subscript, msg));
    return errs;
  }
  if (!VOLUME_FIELD_PATHS.includes(internal)) return [notSupported(path.child('fieldPath'), internal, VOLUME_FIELD_PATHS)];
  return errs;
}

const RESOURCE_EXPRESSIONS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/**
 * validateContainerResourceFieldSelector (volume=true) and validateContainerResourceDivisor;
 * hugepages resources with DownwardAPIHugePages (default on from 1.22).
 */
function resourceFieldSelector(fs: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const resource = str(fs.resource) ?? '';
  const hugePages = atLeast(ctx, '1.22');
  const isHuge = resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-');
  if (!str(fs.containerName)) errs.push(required(path.child('containerName')));
  else if (!resource) errs.push(required(path.child('resource')));
  else if (!RESOURCE_EXPRESSIONS.includes(resource) && !(hugePages && isHuge)) errs.push(notSupported(path.child('resource'), resource, RESOURCE_EXPRESSIONS));
  // validateContainerResourceDivisor: the divisor as Quantity.String() prints it.
  const divisor = fs.divisor === undefined || fs.divisor === null ? undefined : quantityOf(fs.divisor);
  if (divisor && divisor.value !== 0) {
    const text = canonicalDivisor(fs.divisor);
    const bad = (allowed: string[]) => text !== undefined && !allowed.includes(text);
    const divPath = path.child('divisor');
    if ((resource === 'limits.cpu' || resource === 'requests.cpu') && bad(['1m', '1']))
      errs.push(invalid(divPath, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
    if ((resource === 'limits.memory' || resource === 'requests.memory') && bad(BYTE_DIVISORS))
      errs.push(invalid(divPath, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
    if ((resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') && bad(BYTE_DIVISORS))
      errs.push(
        invalid(divPath, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource"),
      );
    if (isHuge && bad(BYTE_DIVISORS))
      errs.push(invalid(divPath, resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource"));
  }
  return errs;
}

/**
 * The divisor as Quantity.String() would print it, for the values that matter here: the allowed
 * ones (`1`, `1m`, `1Ki`, `1k` ...) print as themselves; `1000m` prints `1`, `1024` prints `1Ki`.
 */
function canonicalDivisor(v: unknown): string | undefined {
  const q = quantityOf(v);
  if (!q) return undefined;
  const value = q.value;
  if (q.base === 2 && Number.isInteger(value) && Math.abs(value) >= 1024) {
    for (const [suffix, bits] of [['Ei', 60], ['Pi', 50], ['Ti', 40], ['Gi', 30], ['Mi', 20], ['Ki', 10]] as const) {
      const unit = Math.pow(2, bits);
      if (value % unit === 0) return `${value / unit}${suffix}`;
    }
    return String(value);
  }
  for (const [suffix, exp] of [['E', 18], ['P', 15], ['T', 12], ['G', 9], ['M', 6], ['k', 3], ['', 0], ['m', -3], ['u', -6], ['n', -9]] as const) {
    const scaled = value / Math.pow(10, exp);
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 && Math.round(scaled) !== 0) return `${Math.round(scaled)}${suffix}`;
  }
  return undefined;
}

/**
 * validateDownwardAPIVolumeFile: the server names the errors after the downwardAPI source itself
 * (`spec.volumes[0].downwardAPI.path`), not the item; they are shown on the item.
 */
function downwardAPIFile(file: Obj, path: FieldPath, itemPath: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const p = str(file.path) ?? '';
  if (!p) errs.push(at(required(path.child('path')), itemPath.child('path')));
  errs.push(...localNonReservedPath(p, path.child('path'), itemPath.child('path')));
  const fieldRef = obj(file.fieldRef);
  const resourceFieldRef = obj(file.resourceFieldRef);
  if (fieldRef) {
    errs.push(...objectFieldSelector(fieldRef, path.child('fieldRef'), ctx).map((e) => moveUnder(e, path.child('fieldRef'), itemPath.child('fieldRef'))));
    // validateDownwardAPIHostIPs (1.28 only: PodHostIPs was alpha, off by default)
    if (ctx.version === '1.28' && str(fieldRef.fieldPath) === 'status.hostIPs')
      errs.push(at(forbidden(path.child('fieldRef'), "may not be set when feature gate 'PodHostIPs' is not enabled"), itemPath.child('fieldRef')));
    if (resourceFieldRef) errs.push(at(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'), itemPath, 'key'));
  } else if (resourceFieldRef) {
    errs.push(
      ...resourceFieldSelector(resourceFieldRef, path.child('resourceFieldRef'), ctx).map((e) =>
        moveUnder(e, path.child('resourceFieldRef'), itemPath.child('resourceFieldRef')),
      ),
    );
  } else {
    errs.push(at(required(path, 'one of fieldRef and resourceFieldRef is required'), itemPath));
  }
  const mode = int(file.mode);
  if (mode !== undefined && (mode > 0o777 || mode < 0)) errs.push(at(invalid(path.child('mode'), mode, FILE_MODE_ERROR), itemPath.child('mode')));
  return errs;
}

/** Shows an error whose path starts with `from` at the same place under `to`. */
function moveUnder(e: FieldError, from: FieldPath, to: FieldPath): FieldError {
  const rest = e.path.segments.slice(from.segments.length);
  let shown = to;
  for (const s of rest) shown = typeof s === 'number' ? shown.index(s) : shown.child(s);
  return at(e, shown);
}

/** validateDownwardAPIVolumeSource */
export function downwardAPIVolume(d: Obj, path: FieldPath, ctx: RuleContext, shown: FieldPath = path): FieldError[] {
  const errs: FieldError[] = [];
  const mode = int(d.defaultMode);
  if (mode !== undefined && (mode > 0o777 || mode < 0)) errs.push(place(invalid(path.child('defaultMode'), mode, FILE_MODE_ERROR), shown.child('defaultMode')));
  arr(d.items).forEach((item, i) => {
    const o = obj(item);
    if (o) errs.push(...downwardAPIFile(o, path, shown.child('items').index(i), ctx));
  });
  return errs;
}

/** validateProjectedVolumeSource and validateProjectionSources. */
export function projectedVolume(p: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...fileMode(p.defaultMode, path.child('defaultMode')));
  const allPaths = new Set<string>();
  /** A path from another source already used: named after the projected source. */
  const claim = (file: string, value: unknown, shown: FieldPath) => {
    if (allPaths.has(file)) errs.push(at(invalid(path, value, 'conflicting duplicate paths'), shown));
    else allPaths.add(file);
  };
  arr(p.sources).forEach((s, i) => {
    const source = obj(s);
    if (!source) return;
    let numSources = 0;
    const srcPath = path.child('sources').index(i);
    for (const kind of ['secret', 'configMap'] as const) {
      const ref = obj(source[kind]);
      if (!ref) continue;
      numSources++;
      const projPath = srcPath.child(kind);
      const name = str(ref.name) ?? '';
      if (!name) errs.push(required(projPath.child('name')));
      arr(ref.items).forEach((item, j) => {
        const kp = obj(item);
        if (!kp) return;
        const itemPath = projPath.child('items').index(j);
        errs.push(...keyToPath(kp, itemPath));
        const file = str(kp.path) ?? '';
        if (file) claim(file, name, itemPath.child('path'));
      });
    }
    const downward = obj(source.downwardAPI);
    if (downward) {
      numSources++;
      const projPath = srcPath.child('downwardAPI');
      arr(downward.items).forEach((item, j) => {
        const file = obj(item);
        if (!file) return;
        const itemPath = projPath.child('items').index(j);
        errs.push(...downwardAPIFile(file, projPath, itemPath, ctx));
        const fp = str(file.path) ?? '';
        if (fp) claim(fp, fp, itemPath.child('path'));
      });
    }
    const token = obj(source.serviceAccountToken);
    if (token) {
      numSources++;
      const projPath = srcPath.child('serviceAccountToken');
      const seconds = token.expirationSeconds === undefined || token.expirationSeconds === null ? 3600 : int(token.expirationSeconds); // SetDefaults_ServiceAccountTokenProjection
      if (seconds !== undefined && seconds < 600)
        errs.push(invalid(projPath.child('expirationSeconds'), seconds, 'may not specify a duration less than 10 minutes'));
      if (seconds !== undefined && seconds > 2 ** 32)
        errs.push(invalid(projPath.child('expirationSeconds'), seconds, 'may not specify a duration larger than 2^32 seconds'));
      // The server names the projected source's path, not the token's.
      const tokenPath = str(token.path) ?? '';
      if (!tokenPath) errs.push(at(required(path.child('path')), projPath.child('path')));
      // 1.30+: the token path is a local path too (AllowNonLocalProjectedTokenPath only for old Pods).
      else if (atLeast(ctx, '1.30')) errs.push(...localNonReservedPath(tokenPath, path.child('path'), projPath.child('path')));
    }
    const bundle = atLeast(ctx, '1.29') ? obj(source.clusterTrustBundle) : undefined;
    if (bundle) {
      numSources++;
      errs.push(...clusterTrustBundle(bundle, srcPath, ctx, claim));
    }
    const cert = atLeast(ctx, '1.34') ? obj(source.podCertificate) : undefined;
    if (cert) {
      numSources++;
      errs.push(...podCertificate(cert, srcPath.child('podCertificate'), claim));
    }
    if (numSources > 1)
      errs.push(forbidden(srcPath, atLeast(ctx, '1.31') ? 'may not specify more than 1 volume type per source' : 'may not specify more than 1 volume type'));
  });
  return errs;
}

/** validateProjectionSources, clusterTrustBundle part (1.29+; named `clusterTrustBundlePEM` in 1.29–1.30). */
function clusterTrustBundle(b: Obj, srcPath: FieldPath, ctx: RuleContext, claim: (file: string, value: unknown, shown: FieldPath) => void): FieldError[] {
  const errs: FieldError[] = [];
  const shown = srcPath.child('clusterTrustBundle');
  const projPath = atLeast(ctx, '1.31') ? shown : srcPath.child('clusterTrustBundlePEM');
  const name = b.name === undefined || b.name === null ? undefined : str(b.name);
  const signerName = b.signerName === undefined || b.signerName === null ? undefined : str(b.signerName);
  const move = (e: FieldError) => (projPath === shown ? e : moveUnder(e, projPath, shown));
  if (name !== undefined && signerName !== undefined) errs.push(move(invalid(projPath, b, 'only one of name and signerName may be used')));
  else if (name !== undefined) {
    if (name === '') errs.push(move(required(projPath.child('name'), 'must be a valid object name')));
    const cut = name.lastIndexOf(':');
    const signer = cut >= 0 ? name.slice(0, cut).replace(/:/g, '/') : '';
    for (const msg of clusterTrustBundleNameErrors(signer, name))
      errs.push(move(invalid(projPath.child('name'), name, `not a valid clustertrustbundlename: ${msg}`)));
    if (b.labelSelector !== undefined && b.labelSelector !== null)
      errs.push(move(invalid(projPath.child('labelSelector'), b.labelSelector, 'labelSelector must be unset if name is specified')));
  } else if (signerName !== undefined) {
    if (signerName === '') errs.push(move(required(projPath.child('signerName'), 'must be a valid signer name')));
    errs.push(...signerNameErrors(projPath.child('signerName'), signerName).map(move));
    const selector = obj(b.labelSelector);
    if (selector) errs.push(...labelSelector(selector, projPath.child('labelSelector'), true).map(move));
  } else errs.push(move(required(projPath, 'either name or signerName must be specified')));
  const file = str(b.path) ?? '';
  if (!file) errs.push(move(required(projPath.child('path'))));
  errs.push(...localNonReservedPath(file, projPath.child('path'), shown.child('path')));
  claim(file, file, shown.child('path'));
  return errs;
}

/** ValidateClusterTrustBundleName */
function clusterTrustBundleNameErrors(signerName: string, name: string): string[] {
  if (signerName === '') {
    if (name.includes(':')) return ['ClusterTrustBundle without signer name must not have ":" in its name'];
    return isDNS1123Subdomain(name);
  }
  const prefix = signerName.replace(/\//g, ':') + ':';
  if (!name.startsWith(prefix)) return [`ClusterTrustBundle for signerName ${signerName} must be named with prefix ${prefix}`];
  return isDNS1123Subdomain(name.slice(prefix.length));
}

/** ValidateSignerName (pkg/apis/core/validation/names.go) */
function signerNameErrors(path: FieldPath, signerName: string): FieldError[] {
  if (signerName === '') return [required(path)];
  const segments = signerName.split('/');
  if (segments.length !== 2) return [invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'")];
  const errs: FieldError[] = [];
  if (segments[0].length > 253) errs.push(tooLong(path, '', 253));
  const domainLabels = segments[0].split('.');
  for (const lbl of domainLabels) {
    const msgs = isDNS1123Label(lbl);
    if (msgs.length) {
      for (const m of msgs) errs.push(invalid(path, segments[0], `validating label ${JSON.stringify(lbl)}: ${m}`));
      break;
    }
  }
  if (domainLabels.length < 2) errs.push(invalid(path, segments[0], 'should be a domain with at least two segments separated by dots'));
  for (const lbl of segments[1].split('.')) {
    const msgs = isDNS1123Subdomain(lbl);
    if (msgs.length) {
      for (const m of msgs) errs.push(invalid(path, segments[1], `validating label ${JSON.stringify(lbl)}: ${m}`));
      break;
    }
  }
  if (signerName.length > 253 + 253 + 63 + 1 + 1) errs.push(tooLong(path, '', 253 + 253 + 63 + 1 + 1));
  return errs;
}

const KEY_TYPES = ['RSA3072', 'RSA4096', 'ECDSAP256', 'ECDSAP384', 'ECDSAP521', 'ED25519'];

/** validateProjectionSources, podCertificate part (1.34+; userAnnotations from 1.35 are not checked). */
function podCertificate(c: Obj, projPath: FieldPath, claim: (file: string, value: unknown, shown: FieldPath) => void): FieldError[] {
  const errs: FieldError[] = [];
  const signer = str(c.signerName) ?? '';
  errs.push(...signerNameErrors(projPath.child('signerName'), signer));
  const keyType = str(c.keyType) ?? '';
  if (!KEY_TYPES.includes(keyType)) errs.push(notSupported(projPath.child('keyType'), keyType, KEY_TYPES));
  const max = int(c.maxExpirationSeconds);
  if (max !== undefined) {
    if (max < 3600) errs.push(invalid(projPath.child('maxExpirationSeconds'), max, 'if provided, maxExpirationSeconds must be >= 3600'));
    // IsKubernetesSignerName: KubernetesMaxMaxExpirationSeconds (24h), else MaxMaxExpirationSeconds (91 days).
    const host = signer.split('/')[0];
    const limit = host === 'kubernetes.io' || host.endsWith('.kubernetes.io') ? 86400 : 7862400;
    if (max > limit) errs.push(invalid(projPath.child('maxExpirationSeconds'), max, `if provided, maxExpirationSeconds must be <= ${limit}`));
  }
  let numPaths = 0;
  for (const key of ['credentialBundlePath', 'keyPath', 'certificateChainPath']) {
    const file = str(c[key]) ?? '';
    if (!file) continue;
    numPaths++;
    errs.push(...localNonReservedPath(file, projPath.child(key)));
    claim(file, file, projPath.child(key));
  }
  if (numPaths === 0) errs.push(required(projPath, 'specify at least one of credentialBundlePath, keyPath, and certificateChainPath'));
  return errs;
}

