/**
 * A container's environment: env and envFrom (ValidateEnv, validateEnvVarValueFrom,
 * validateConfigMapKeySelector / validateSecretKeySelector, validateFileKeySelector, ValidateEnvFrom,
 * validateConfigMapEnvSource / validateSecretEnvSource), and the Pod-level check that a fileKeyRef
 * names an emptyDir volume (validateFileKeyRefVolumes), in pkg/apis/core/validation/validation.go.
 * The downward API selectors are downwardAPI.ts'.
 */
import type { JsonValue } from '../yaml/decode';
import { arr, atLeast, eachObj, goStr, obj, Obj, RuleContext } from './context';
import { at, FieldError, invalid, notFound, required } from './errors';
import type { FieldPath } from '../path/fieldPath';
import { isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isRelaxedEnvVarName } from './names';
import { pathNoBacksteps } from './filePaths';
import { downwardAPIHostIPs, envFieldPaths, objectFieldSelector, resourceFieldSelector } from './downwardAPI';
import { eachContainer } from './containerWalk';

/** Env var names: IsEnvVarName, or IsRelaxedEnvVarName from 1.32 (RelaxedEnvironmentVariableValidation beta, on). */
const envVarNameErrors = (name: string, ctx: RuleContext) => (atLeast(ctx, '1.32') ? isRelaxedEnvVarName(name) : isEnvVarName(name));

/** ValidateEnv. */
export function validateEnv(vars: JsonValue[], path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  eachObj(vars, (ev, i) => {
    const idx = path.index(i);
    const name = goStr(ev.name);
    if (name.length === 0) errs.push(required(idx.child('name')));
    else for (const msg of envVarNameErrors(name, ctx)) errs.push(invalid(idx.child('name'), name, msg));
    errs.push(...validateEnvVarValueFrom(ev, idx.child('valueFrom'), ctx));
  });
  return errs;
}

/** validateEnvVarValueFrom: exactly one source, and not together with `value`. */
function validateEnvVarValueFrom(ev: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const from = obj(ev.valueFrom);
  if (!from) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  const fieldRef = obj(from.fieldRef);
  if (fieldRef) {
    sources++;
    errs.push(...objectFieldSelector(fieldRef, envFieldPaths(ctx), path.child('fieldRef'), ctx));
    errs.push(...downwardAPIHostIPs(fieldRef, path.child('fieldRef'), ctx));
  }
  const resourceFieldRef = obj(from.resourceFieldRef);
  if (resourceFieldRef) {
    sources++;
    errs.push(...resourceFieldSelector(resourceFieldRef, path.child('resourceFieldRef'), ctx, false));
  }
  for (const kind of ['configMapKeyRef', 'secretKeyRef']) {
    const ref = obj(from[kind]);
    if (!ref) continue;
    sources++;
    errs.push(...validateKeySelector(ref, path.child(kind)));
  }
  // fileKeyRef: EnvFiles, alpha (dropped) in 1.34, beta (on) from 1.35.
  const envFiles = atLeast(ctx, '1.35');
  const fileKeyRef = obj(from.fileKeyRef);
  if (fileKeyRef) {
    // Before 1.35 the server drops it and then finds no source; the schema check (or the gate)
    // already says the field is not available, so it counts here to say it once.
    sources++;
    if (envFiles) errs.push(...validateFileKeySelector(fileKeyRef, path.child('fileKeyRef')));
  }
  if (sources === 0) {
    const kinds = envFiles
      ? '`fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`'
      : '`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`';
    errs.push(invalid(path, '', `must specify one of: ${kinds}`));
  } else if (goStr(ev.value).length !== 0) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** validateFileKeySelector (1.35+): key an env var name, volumeName a DNS-1123 label, path without `..`. */
function validateFileKeySelector(ref: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const key = goStr(ref.key);
  if (key.length === 0) errs.push(required(path.child('key')));
  else for (const msg of isRelaxedEnvVarName(key)) errs.push(invalid(path.child('key'), key, msg));
  const volumeName = goStr(ref.volumeName);
  if (volumeName.length === 0) errs.push(required(path.child('volumeName')));
  else for (const msg of isDNS1123Label(volumeName)) errs.push(invalid(path.child('volumeName'), volumeName, msg));
  const file = goStr(ref.path);
  if (file.length === 0) errs.push(required(path.child('path')));
  else errs.push(...pathNoBacksteps(file, path.child('path')));
  return errs;
}

/**
 * validateFileKeyRefVolumes (1.35+, end of ValidatePodSpec): the volume of a fileKeyRef is a
 * declared emptyDir volume (looked up among all declared volumes, valid or not).
 */
export function validateFileKeyRefVolumes(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.35')) return [];
  const volumes = new Map<string, Obj>();
  for (const v of arr(spec.volumes)) {
    const vol = obj(v);
    if (vol) volumes.set(goStr(vol.name), vol);
  }
  const errs: FieldError[] = [];
  for (const { c, path } of eachContainer(spec, ctx)) {
    arr(c.env).forEach((e, j) => {
      const ref = obj(obj(obj(e)?.valueFrom)?.fileKeyRef);
      if (!ref) return;
      const name = goStr(ref.volumeName);
      const p = path.child('env').index(j).child('valueFrom').child('fileKeyRef').child('volumeName');
      const vol = volumes.get(name);
      if (!vol) errs.push(notFound(p, name));
      else if (!obj(vol.emptyDir)) errs.push(invalid(p, name, 'referenced volume must be of type emptyDir'));
    });
  }
  return errs;
}

/** validateConfigMapKeySelector / validateSecretKeySelector: the name is checked even when empty. */
function validateKeySelector(ref: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = goStr(ref.name);
  for (const msg of isDNS1123Subdomain(name)) errs.push(invalid(path.child('name'), name, msg));
  const key = goStr(ref.key);
  if (key.length === 0) errs.push(required(path.child('key')));
  else for (const msg of isConfigMapKey(key)) errs.push(invalid(path.child('key'), key, msg));
  return errs;
}

/** apimachinery's NameIsDNSSubdomain(name, prefix=true): maskTrailingDash first. */
function dnsSubdomainPrefix(name: string): string[] {
  return isDNS1123Subdomain(name.endsWith('-') && name.length >= 2 ? name.slice(0, -2) + 'a' : name);
}

/** ValidateEnvFrom (+ validateConfigMapEnvSource / validateSecretEnvSource). */
export function validateEnvFrom(vars: JsonValue[], path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  eachObj(vars, (ev, i) => {
    const idx = path.index(i);
    const prefix = goStr(ev.prefix);
    if (prefix.length > 0) for (const msg of envVarNameErrors(prefix, ctx)) errs.push(invalid(idx.child('prefix'), prefix, msg));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      const ref = obj(ev[kind]);
      if (!ref) continue;
      sources++;
      const name = goStr(ref.name);
      const p = idx.child(kind).child('name');
      if (name.length === 0) errs.push(required(p));
      else for (const msg of dnsSubdomainPrefix(name)) errs.push(invalid(p, name, msg));
    }
    // The path names the list, not the item.
    if (sources === 0) errs.push(at(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'), idx));
    else if (sources > 1) errs.push(at(invalid(path, '', 'may not have more than one field specified at a time'), idx));
  });
  return errs;
}
