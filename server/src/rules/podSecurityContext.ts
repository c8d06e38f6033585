/**
 * The Pod-level security parts of ValidatePodSpec: shareProcessNamespace with hostPID and the
 * sysctls (ValidatePodSecurityContext / validatePodSpecSecurityContext, validateSysctls,
 * ValidateHostSysctl), hostUsers (validateHostUsers) and the fields the Pod's OS rules out
 * (validateOS, validateLinux, validateWindows), in pkg/apis/core/validation/validation.go. The
 * security contexts' own fields are securityContext.ts'.
 */
import { arr, atLeast, bool, Obj, obj, present, RuleContext, str } from './context';
import { at, duplicate, FieldError, forbidden, invalid, required } from './errors';
import { FieldPath } from '../path/fieldPath';
import { eachContainer } from './containerWalk';

const SPEC = FieldPath.root('spec');

/**
 * ValidatePodSecurityContext (1.20) / validatePodSpecSecurityContext (1.29+): the pod-level parts
 * that concern the whole spec. The internal PodSecurityContext holds hostPID/hostNetwork/... and
 * shareProcessNamespace, so the server names `spec.securityContext.shareProcessNamespace` for the
 * field written as `spec.shareProcessNamespace`.
 */
export function securityContextParts(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const scPath = SPEC.child('securityContext');
  if (bool(spec.shareProcessNamespace) === true && bool(spec.hostPID) === true) {
    errs.push(
      at(invalid(scPath.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'), SPEC.child('shareProcessNamespace')),
    );
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

/**
 * validateHostUsers (1.33+, where UserNamespacesSupport is on by default; the field is dropped
 * before): with hostUsers false, hostNetwork, hostPID and hostIPC are forbidden (the server's
 * paths say `spec.HostPID` / `spec.HostIPC`); 1.35 also forbids volumeDevices.
 */
export function hostUsers(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.33') || bool(spec.hostUsers) !== false) return [];
  const errs: FieldError[] = [];
  const detail = 'when `hostUsers` is false';
  if (bool(spec.hostNetwork) === true) errs.push(forbidden(SPEC.child('hostNetwork'), detail));
  if (bool(spec.hostPID) === true) errs.push(at(forbidden(SPEC.child('HostPID'), detail), SPEC.child('hostPID')));
  if (bool(spec.hostIPC) === true) errs.push(at(forbidden(SPEC.child('HostIPC'), detail), SPEC.child('hostIPC')));
  if (atLeast(ctx, '1.35')) {
    for (const { c, path } of eachContainer(spec, ctx)) {
      if (arr(c.volumeDevices).length > 0) errs.push(forbidden(path.child('volumeDevices'), detail));
    }
  }
  return errs;
}

/**
 * validateOS (1.24+: IdentifyPodOS beta, on; dropped in 1.23): name required ("cannot be empty"
 * until 1.33, no detail from 1.34); then validateLinux / validateWindows: fields of the other OS
 * are forbidden.
 */
export function os(spec: Obj, ctx: RuleContext): FieldError[] {
  if (!atLeast(ctx, '1.24')) return [];
  const o = obj(spec.os);
  if (!o) return [];
  const path = SPEC.child('os');
  // A missing name is the schema check's (required there).
  const name = str(o.name);
  if (name === undefined) return [];
  if (!name) return [required(path.child('name'), atLeast(ctx, '1.34') ? '' : 'cannot be empty')];
  if (name === 'linux') return forbidWindowsOnLinux(spec, ctx);
  if (name === 'windows') return forbidLinuxOnWindows(spec, ctx);
  return [];
}

/** validateLinux: no windowsOptions. */
function forbidWindowsOnLinux(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const detail = 'windows options cannot be set for a linux pod';
  if (obj(spec.securityContext)?.windowsOptions !== undefined) errs.push(forbidden(SPEC.child('securityContext').child('windowsOptions'), detail));
  for (const { c, path } of eachContainer(spec, ctx)) {
    if (obj(c.securityContext)?.windowsOptions !== undefined) errs.push(forbidden(path.child('securityContext').child('windowsOptions'), detail));
  }
  return errs;
}

/** validateWindows: no Linux-only pod or container security settings. */
function forbidLinuxOnWindows(spec: Obj, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const detail = 'cannot be set for a windows pod';
  const sc = obj(spec.securityContext);
  const scPath = SPEC.child('securityContext');
  const set = (o: Obj | undefined, field: string) => o !== undefined && present(o[field]);
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
  for (const { c, path } of eachContainer(spec, ctx)) {
    const csc = obj(c.securityContext);
    if (!csc) continue;
    const p = path.child('securityContext');
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
  }
  return errs;
}
