/**
 * spec.volumes: the sources that project files — configMap, secret, downwardAPI and projected
 * (validateConfigMapVolumeSource, validateSecretVolumeSource, validateKeyToPath,
 * validateDownwardAPIVolumeSource, validateDownwardAPIVolumeFile, validateProjectedVolumeSource,
 * validateProjectionSources with its clusterTrustBundle and podCertificate parts, in
 * pkg/apis/core/validation/validation.go; ValidateSignerName in names.go).
 */
import type { JsonValue } from '../yaml/decode';
import { arr, atLeast, eachObj, int, obj, Obj, RuleContext, str } from './context';
import { at, FieldError, forbidden, invalid, notSupported, required, reroot, tooLong } from './errors';
import type { FieldPath } from '../path/fieldPath';
import { labelSelector } from './labels';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import { localNonReservedPath } from './filePaths';
import { downwardAPIHostIPs, objectFieldSelector, resourceFieldSelector, VOLUME_FIELD_PATHS } from './downwardAPI';

/** fileModeErrorMsg */
export const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** A file mode 0-0777 (a defaultMode left out defaults to 0644: SetDefaults_*VolumeSource). */
function fileMode(v: unknown, path: FieldPath): FieldError[] {
  const mode = int(v);
  return mode !== undefined && (mode > 0o777 || mode < 0) ? [invalid(path, mode, FILE_MODE_ERROR)] : [];
}

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
  return namedKeysVolume(s, path, 'secretName');
}

/** validateConfigMapVolumeSource: name required. */
export function configMapVolume(c: Obj, path: FieldPath): FieldError[] {
  return namedKeysVolume(c, path, 'name');
}

/** What the secret and configMap sources check: the object named, the default mode, each item. */
function namedKeysVolume(s: Obj, path: FieldPath, nameField: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!str(s[nameField])) errs.push(required(path.child(nameField)));
  errs.push(...fileMode(s.defaultMode, path.child('defaultMode')));
  eachObj(s.items, (kp, i) => errs.push(...keyToPath(kp, path.child('items').index(i))));
  return errs;
}

/**
 * validateDownwardAPIVolumeFile: the server names the errors after the downwardAPI source itself
 * (`spec.volumes[0].downwardAPI.path`), not the item; they are shown on the item.
 */
function downwardAPIFile(file: Obj, path: FieldPath, itemPath: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const p = str(file.path) ?? '';
  if (!p) errs.push(required(path.child('path')));
  errs.push(...localNonReservedPath(p, path.child('path')));
  const fieldRef = obj(file.fieldRef);
  const resourceFieldRef = obj(file.resourceFieldRef);
  if (fieldRef) {
    errs.push(...objectFieldSelector(fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef'), ctx));
    errs.push(...downwardAPIHostIPs(fieldRef, path.child('fieldRef'), ctx));
    if (resourceFieldRef) errs.push(at(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'), path, 'key'));
  } else if (resourceFieldRef) {
    errs.push(...resourceFieldSelector(resourceFieldRef, path.child('resourceFieldRef'), ctx, true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  errs.push(...fileMode(file.mode, path.child('mode')));
  return errs.map((e) => reroot(e, path, itemPath, 'shown'));
}

/** validateDownwardAPIVolumeSource */
export function downwardAPIVolume(d: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs = fileMode(d.defaultMode, path.child('defaultMode'));
  eachObj(d.items, (item, i) => errs.push(...downwardAPIFile(item, path, path.child('items').index(i), ctx)));
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
  /** A source's items: each one's own checks, and its path claimed (the error prints `shownAs(path)`). */
  const projectItems = (
    items: JsonValue | undefined,
    projPath: FieldPath,
    check: (item: Obj, itemPath: FieldPath) => FieldError[],
    shownAs: (file: string) => unknown,
  ) => {
    eachObj(items, (item, j) => {
      const itemPath = projPath.child('items').index(j);
      errs.push(...check(item, itemPath));
      const file = str(item.path) ?? '';
      if (file) claim(file, shownAs(file), itemPath.child('path'));
    });
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
      projectItems(ref.items, projPath, keyToPath, () => name);
    }
    const downward = obj(source.downwardAPI);
    if (downward) {
      numSources++;
      const projPath = srcPath.child('downwardAPI');
      projectItems(
        downward.items,
        projPath,
        (file, itemPath) => downwardAPIFile(file, projPath, itemPath, ctx),
        (file) => file,
      );
    }
    const token = obj(source.serviceAccountToken);
    if (token) {
      numSources++;
      const projPath = srcPath.child('serviceAccountToken');
      // 3600: SetDefaults_ServiceAccountTokenProjection
      const seconds = token.expirationSeconds === undefined || token.expirationSeconds === null ? 3600 : int(token.expirationSeconds);
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
  const move = (e: FieldError) => (projPath === shown ? e : reroot(e, projPath, shown, 'shown'));
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
