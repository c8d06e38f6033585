/**
 * Security contexts of containers and of the Pod, the seccomp / AppArmor annotations and their
 * agreement with the fields, Windows options and hostProcess (ValidateSecurityContext,
 * ValidatePodSecurityContext / validatePodSpecSecurityContext, validateSeccompProfileField,
 * ValidateAppArmorProfileField, validateWindowsSecurityContextOptions,
 * validateWindowsHostProcessPod, ValidateSeccompPodAnnotations, ValidateAppArmorPodAnnotations,
 * validateSeccompAnnotationsAndFields, validateAppArmorAnnotationsAndFieldsMatchOnCreate).
 */
import { arr, atLeast, bool, num, Obj, obj, present, RuleContext, str } from './context';
import { at, FieldError, forbidden, invalid, notSupported, required, tooLong } from './errors';
import { FieldPath } from '../path/fieldPath';
import { eachContainer } from './containerWalk';
import { localDescendingPath } from './filePaths';
import { inclusiveRangeError, MAX_INT32, isDNS1123Subdomain } from './names';

/** validation.IsValidUserID / IsValidGroupID: 0 … MaxInt32. */
function idRange(v: number | undefined, path: FieldPath): FieldError[] {
  if (v === undefined || (v >= 0 && v <= MAX_INT32)) return [];
  return [invalid(path, v, inclusiveRangeError(0, MAX_INT32))];
}

/** Has the field been written (not absent, not null)? A Go pointer that is non-nil. */
const isSet = (o: Obj, k: string) => present(o[k]);

/** validateSeccompProfileField + validateSeccompProfileType (unchanged 1.20 … 1.35). */
export function seccompProfileField(sp: Obj | undefined, path: FieldPath): FieldError[] {
  if (!sp) return [];
  const errs: FieldError[] = [];
  const type = str(sp.type) ?? '';
  if (type === '') errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(type)) {
    errs.push(notSupported(path.child('type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  if (type === 'Localhost') {
    const profile = str(sp.localhostProfile);
    if (!isSet(sp, 'localhostProfile')) errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else if (profile !== undefined) errs.push(...localDescendingPath(profile, path.child('localhostProfile')));
  } else if (isSet(sp, 'localhostProfile')) {
    // The server prints the whole SeccompProfile struct as the value.
    errs.push(invalid(path.child('localhostProfile'), sp, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

/** ValidateAppArmorProfileField (1.30+, AppArmorFields beta on in 1.30, GA 1.31). */
export function appArmorProfileField(profile: Obj | undefined, path: FieldPath): FieldError[] {
  if (!profile) return [];
  const errs: FieldError[] = [];
  const type = str(profile.type) ?? '';
  switch (type) {
    case 'Localhost': {
      if (!isSet(profile, 'localhostProfile')) {
        errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
        break;
      }
      const p = str(profile.localhostProfile);
      if (p === undefined) break;
      const trimmed = p.trim();
      if (trimmed !== p) errs.push(invalid(path.child('localhostProfile'), p, 'must not be padded with whitespace'));
      else if (trimmed === '') errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      if (Buffer.byteLength(p) > 4095) errs.push({ ...tooLong(path.child('localhostProfile'), '', 4095), detail: 'may not be more than 4095 bytes' });
      break;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      if (isSet(profile, 'localhostProfile')) {
        errs.push(invalid(path.child('localhostProfile'), profile.localhostProfile, 'can only be set when AppArmor type is Localhost'));
      }
      break;
    case '':
      errs.push(required(path.child('type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(path.child('type'), type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

// validateWindowsSecurityContextOptions' patterns.
// eslint-disable-next-line no-control-regex -- the control characters are what the pattern rejects
const ctrlRe = /[\x00-\x1f\x7f]/;
const netBiosRe = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const dnsLabel = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const windowsDomainDnsRe = new RegExp(`^${dnsLabel}(?:\\.${dnsLabel})*$`);
const invalidUserCharsRe = /["/\\:;|=,+*?<>@[\]]/;
const dotsSpacesRe = /^[. ]+$/;

/** validateWindowsSecurityContextOptions (gmsaCredentialSpecName, gmsaCredentialSpec, runAsUserName; unchanged 1.20 … 1.35). */
export function windowsOptions(w: Obj | undefined, path: FieldPath): FieldError[] {
  if (!w) return [];
  const errs: FieldError[] = [];
  const specName = str(w.gmsaCredentialSpecName);
  if (specName !== undefined) {
    for (const msg of isDNS1123Subdomain(specName)) errs.push(invalid(path.child('gmsaCredentialSpecName'), specName, msg));
  }
  const spec = str(w.gmsaCredentialSpec);
  if (spec !== undefined) {
    const p = path.child('gmsaCredentialSpec');
    if (spec.length === 0) errs.push(invalid(p, spec, 'gmsaCredentialSpec cannot be an empty string'));
    else if (Buffer.byteLength(spec) > 64 * 1024) errs.push(invalid(p, spec, 'gmsaCredentialSpec size must be under 64 KiB'));
  }
  const name = str(w.runAsUserName);
  if (name !== undefined) {
    const p = path.child('runAsUserName');
    const parts = name.split('\\');
    if (name.length === 0) errs.push(invalid(p, name, 'runAsUserName cannot be an empty string'));
    else if (ctrlRe.test(name)) errs.push(invalid(p, name, 'runAsUserName cannot contain control characters'));
    else if (parts.length > 2) errs.push(invalid(p, name, 'runAsUserName cannot contain more than one backslash'));
    else {
      const hasDomain = parts.length === 2;
      const domain = hasDomain ? parts[0] : '';
      const user = hasDomain ? parts[1] : parts[0];
      if (Buffer.byteLength(domain) >= 256) errs.push(invalid(p, name, "runAsUserName's Domain length must be under 256 characters"));
      if (hasDomain && !(netBiosRe.test(domain) || windowsDomainDnsRe.test(domain))) {
        errs.push(invalid(p, name, "runAsUserName's Domain doesn't match the NetBios nor the DNS format"));
      }
      const userLen = Buffer.byteLength(user);
      if (userLen === 0) errs.push(invalid(p, name, "runAsUserName's User cannot be empty"));
      else if (userLen > 104) errs.push(invalid(p, name, "runAsUserName's User length must not be longer than 104 characters"));
      if (dotsSpacesRe.test(user)) errs.push(invalid(p, name, "runAsUserName's User cannot contain only periods or spaces"));
      if (invalidUserCharsRe.test(user)) errs.push(invalid(p, name, 'runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]'));
    }
  }
  return errs;
}

/**
 * ValidateSecurityContext (a container's). `privileged` is allowed by the cluster policy
 * (--allow-privileged=true, the default of a real cluster), so only its conflict is checked.
 * procMount: ProcMountType is off (the field dropped) until 1.33; from 1.33 (1.30 in code)
 * `Unmasked` needs hostUsers: false. appArmorProfile from 1.30.
 */
export function containerSecurityContext(sc: Obj | undefined, path: FieldPath, ctx: RuleContext, hostUsers: boolean): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  errs.push(...idRange(num(sc.runAsUser), path.child('runAsUser')));
  errs.push(...idRange(num(sc.runAsGroup), path.child('runAsGroup')));
  const procMount = str(sc.procMount);
  if (procMount !== undefined && atLeast(ctx, '1.33')) {
    if (procMount !== 'Default' && procMount !== 'Unmasked') errs.push(notSupported(path.child('procMount'), procMount, ['Default', 'Unmasked']));
    if (hostUsers && procMount === 'Unmasked') errs.push(invalid(path.child('procMount'), procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...seccompProfileField(obj(sc.seccompProfile), path.child('seccompProfile')));
  if (bool(sc.allowPrivilegeEscalation) === false) {
    // The server prints the whole SecurityContext struct as the value; shown on the key.
    if (bool(sc.privileged) === true) {
      errs.push(at(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'), path, 'key'));
    }
    for (const cap of arr(obj(sc.capabilities)?.add)) {
      if (cap === 'CAP_SYS_ADMIN') {
        errs.push(at(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'), path, 'key'));
      }
    }
  }
  errs.push(...windowsOptions(obj(sc.windowsOptions), path.child('windowsOptions')));
  if (atLeast(ctx, '1.30')) errs.push(...appArmorProfileField(obj(sc.appArmorProfile), path.child('appArmorProfile')));
  return errs;
}

/**
 * ValidatePodSecurityContext (1.20 … 1.27) / validatePodSpecSecurityContext (1.28+): the ids,
 * fsGroupChangePolicy, seccompProfile, windowsOptions, appArmorProfile (1.30+),
 * supplementalGroupsPolicy (1.31 in code, its gate on from 1.33). hostNetwork ports,
 * shareProcessNamespace and sysctls belong to the pod-spec rules.
 */
export function podSecurityContext(sc: Obj | undefined, path: FieldPath, ctx: RuleContext): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  errs.push(...idRange(num(sc.fsGroup), path.child('fsGroup')));
  errs.push(...idRange(num(sc.runAsUser), path.child('runAsUser')));
  errs.push(...idRange(num(sc.runAsGroup), path.child('runAsGroup')));
  arr(sc.supplementalGroups).forEach((g, i) => errs.push(...idRange(num(g), path.child('supplementalGroups').index(i))));
  const fsGroupChangePolicy = str(sc.fsGroupChangePolicy);
  if (fsGroupChangePolicy !== undefined && !['Always', 'OnRootMismatch'].includes(fsGroupChangePolicy)) {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...seccompProfileField(obj(sc.seccompProfile), path.child('seccompProfile')));
  errs.push(...windowsOptions(obj(sc.windowsOptions), path.child('windowsOptions')));
  if (atLeast(ctx, '1.30')) errs.push(...appArmorProfileField(obj(sc.appArmorProfile), path.child('appArmorProfile')));
  const sgp = str(sc.supplementalGroupsPolicy);
  if (sgp !== undefined && atLeast(ctx, '1.33') && !['Merge', 'Strict'].includes(sgp)) {
    errs.push(notSupported(path.child('supplementalGroupsPolicy'), sgp, ['Merge', 'Strict']));
  }
  return errs;
}

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';

/** ValidateSeccompProfile: an annotation's value. */
function seccompAnnotationValue(p: string, path: FieldPath): FieldError[] {
  if (p === 'runtime/default' || p === 'docker/default' || p === 'unconfined') return [];
  if (p.startsWith('localhost/')) return localDescendingPath(p.slice('localhost/'.length), path);
  return [invalid(path, p, 'must be a valid seccomp profile')];
}

/**
 * ValidateSeccompPodAnnotations and ValidateAppArmorPodAnnotations (from
 * ValidatePodSpecificAnnotations; 1.20 … 1.35). The seccomp ones name their path with
 * `.<key>`, the AppArmor ones with `[<key>]`, as the server does.
 */
export function securityAnnotations(annotations: Obj, spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('metadata', 'annotations');
  const pod = str(annotations[SECCOMP_POD]);
  if (pod !== undefined) errs.push(...seccompAnnotationValue(pod, path.child(SECCOMP_POD)));
  for (const [k, v] of Object.entries(annotations)) {
    const value = str(v);
    if (value === undefined) continue;
    if (k.startsWith(SECCOMP_CONTAINER)) errs.push(...seccompAnnotationValue(value, path.child(k)));
  }
  const names = new Set(Array.from(eachContainer(spec, ctx), ({ c }) => str(c.name) ?? ''));
  for (const [k, v] of Object.entries(annotations)) {
    const value = str(v);
    if (value === undefined || !k.startsWith(APPARMOR_CONTAINER)) continue;
    const container = k.slice(APPARMOR_CONTAINER.length);
    if (!names.has(container)) errs.push(at(invalid(path.key(k), container, 'container not found'), path.key(k), 'key'));
    if (value !== '' && value !== 'runtime/default' && value !== 'unconfined' && !value.startsWith('localhost/')) {
      errs.push(invalid(path.key(k), value, `invalid AppArmor profile name: ${JSON.stringify(value)}`));
    }
  }
  return errs;
}

/** validateSeccompAnnotationsAndFieldsMatch. */
function seccompMatch(annotation: string, field: Obj, path: FieldPath): FieldError | undefined {
  switch (str(field.type)) {
    case 'Unconfined':
      if (annotation !== 'unconfined') return forbidden(path.child('type'), 'seccomp type in annotation and field must match');
      break;
    case 'RuntimeDefault':
      if (annotation !== 'runtime/default' && annotation !== 'docker/default')
        return forbidden(path.child('type'), 'seccomp type in annotation and field must match');
      break;
    case 'Localhost':
      if (!annotation.startsWith('localhost/')) return forbidden(path.child('type'), 'seccomp type in annotation and field must match');
      if (str(field.localhostProfile) !== annotation.slice('localhost/'.length)) {
        return forbidden(path.child('localhostProfile'), 'seccomp profile in annotation and field must match');
      }
      break;
  }
  return undefined;
}

/** validateSeccompAnnotationsAndFields (ValidatePodCreate, 1.20 … 1.35): annotation and field, when both are there, agree. */
export function seccompAnnotationsMatchFields(annotations: Obj, spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const podProfile = obj(obj(spec.securityContext)?.seccompProfile);
  const podAnnotation = str(annotations[SECCOMP_POD]);
  if (podProfile && podAnnotation !== undefined) {
    const e = seccompMatch(podAnnotation, podProfile, FieldPath.root('spec', 'securityContext', 'seccompProfile'));
    if (e) errs.push(e);
  }
  for (const { c, path } of eachContainer(spec, ctx)) {
    const profile = obj(obj(c.securityContext)?.seccompProfile);
    if (!profile) continue;
    const annotation = str(annotations[SECCOMP_CONTAINER + (str(c.name) ?? '')]);
    if (annotation === undefined) continue;
    const e = seccompMatch(annotation, profile, path.child('securityContext').child('seccompProfile'));
    if (e) errs.push(e);
  }
  return errs;
}

/** validateAppArmorAnnotationsAndFieldsMatchOnCreate (1.30+): the container's (or the Pod's) profile agrees with its annotation. */
export function appArmorAnnotationsMatchFields(annotations: Obj, spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.30')) return [];
  if (str(obj(spec.os)?.name) === 'windows') return [];
  const errs: FieldError[] = [];
  const podProfile = obj(obj(spec.securityContext)?.appArmorProfile);
  for (const { c, path } of eachContainer(spec, ctx)) {
    const profile = obj(obj(c.securityContext)?.appArmorProfile) ?? podProfile;
    if (!profile) continue;
    const annotation = str(annotations[APPARMOR_CONTAINER + (str(c.name) ?? '')]);
    if (annotation === undefined) continue;
    const p = path.child('securityContext').child('appArmorProfile');
    const mismatch = () => errs.push(forbidden(p.child('type'), 'apparmor type in annotation and field must match'));
    switch (str(profile.type)) {
      case 'Unconfined':
        if (annotation !== 'unconfined') mismatch();
        break;
      case 'RuntimeDefault':
        if (annotation !== 'runtime/default') mismatch();
        break;
      case 'Localhost':
        if (!annotation.startsWith('localhost/')) mismatch();
        else if (str(profile.localhostProfile) !== annotation.slice('localhost/'.length)) {
          errs.push(forbidden(p.child('localhostProfile'), 'apparmor profile in annotation and field must match'));
        }
        break;
    }
  }
  return errs;
}

/** A container's `securityContext.windowsOptions.hostProcess`: made only for an error, as every container is visited on every run. */
const hostProcessPath = (container: FieldPath) => container.child('securityContext').child('windowsOptions').child('hostProcess');

/**
 * validateWindowsHostProcessPod (1.22+). 1.22: WindowsHostProcessContainers is alpha (off) and
 * the server refuses the field; 1.23+ (beta, GA 1.26): pod and container values agree, all
 * containers or none are hostProcess, and hostNetwork is true.
 */
export function windowsHostProcess(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.22')) return [];
  const errs: FieldError[] = [];
  const specPath = FieldPath.root('spec');
  const podSc = obj(spec.securityContext);
  const podHostProcess = bool(obj(podSc?.windowsOptions)?.hostProcess);
  const gateOff = !atLeast(ctx, '1.23');
  const gateMsg = "not allowed when feature gate 'WindowsHostProcessContainers' is not enabled";
  if (gateOff && podHostProcess !== undefined) {
    return [forbidden(specPath.child('securityContext').child('windowsOptions').child('hostProcess'), gateMsg)];
  }
  const hostNetwork = bool(spec.hostNetwork) === true;
  let count = 0;
  let hostProcessCount = 0;
  for (const { c, path } of eachContainer(spec, ctx)) {
    count++;
    const hp = bool(obj(obj(c.securityContext)?.windowsOptions)?.hostProcess);
    if (gateOff && hp !== undefined) errs.push(forbidden(hostProcessPath(path), gateMsg));
    if (podHostProcess !== undefined && hp !== undefined && podHostProcess !== hp) {
      errs.push(invalid(hostProcessPath(path), hp, `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`));
    }
    if (hp === true || (hp === undefined && podHostProcess === true)) hostProcessCount++;
  }
  if (hostProcessCount > 0) {
    if (gateOff) {
      errs.push(forbidden(specPath, "pod must not contain Windows hostProcess containers when feature gate 'WindowsHostProcessContainers' is not enabled"));
      return errs;
    }
    if (hostProcessCount !== count) {
      errs.push(at(invalid(specPath, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'), specPath, 'key'));
    }
    if (!hostNetwork) errs.push(invalid(specPath.child('hostNetwork'), false, 'hostNetwork must be true if pod contains any hostProcess containers'));
  }
  return errs;
}

/**
 * applySeccompVersionSkew (pkg/registry/core/pod/strategy.go, before validation on create): an
 * annotation without its field fills the field (all versions), and before 1.25 a field without
 * its annotation fills the annotation. The copies are validated like written values, so a bad
 * localhost profile is reported under both paths; shown on the value that was written.
 */
export function seccompVersionSkew(annotations: Obj, spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const annPath = FieldPath.root('metadata', 'annotations');
  // The field's path is made only when there is something to report: this runs on every keystroke.
  const sync = (key: string, field: Obj | undefined, pathOf: () => FieldPath) => {
    const annotation = str(annotations[key]);
    if (field && annotation === undefined && !atLeast(ctx, '1.25')) {
      // SeccompAnnotationForField: only Localhost carries a path.
      const profile = str(field.localhostProfile);
      if (str(field.type) === 'Localhost' && profile !== undefined) {
        errs.push(...localDescendingPath(profile, annPath.child(key), pathOf().child('localhostProfile')));
      }
    } else if (!field && annotation !== undefined && annotation.startsWith('localhost/')) {
      // SeccompFieldForAnnotation: a non-empty localhost profile becomes the field.
      const profile = annotation.slice('localhost/'.length);
      if (profile !== '') errs.push(...localDescendingPath(profile, pathOf().child('localhostProfile'), annPath.child(key)));
    }
  };
  sync(SECCOMP_POD, obj(obj(spec.securityContext)?.seccompProfile), () => FieldPath.root('spec', 'securityContext', 'seccompProfile'));
  for (const { c, path } of eachContainer(spec, ctx)) {
    sync(SECCOMP_CONTAINER + (str(c.name) ?? ''), obj(obj(c.securityContext)?.seccompProfile), () => path.child('securityContext').child('seccompProfile'));
  }
  return errs;
}
