/**
 * containers, initContainers and ephemeralContainers: the lists (names unique, host ports, the
 * fields an ephemeral container may not set, `cannot be set on create`) and what every container
 * gets (validateContainers, validateInitContainers, validateEphemeralContainers,
 * validateContainerCommon, validateContainersOnlyForPod in pkg/apis/core/validation/validation.go).
 * A container's own parts are in ports.ts, env.ts, mounts.ts and resources.ts.
 *
 * The server validates the defaulted Pod, so the defaults these rules depend on are applied here:
 * protocol TCP, fieldRef apiVersion v1, hostPort = containerPort with hostNetwork
 * (defaultHostNetworkPorts), requests = limits where only a limit is set (SetDefaults_Pod).
 * Probes, lifecycle, the container restartPolicy and securityContext are in probesSecurity.ts;
 * enum values (protocol, imagePullPolicy, terminationMessagePolicy, mountPropagation,
 * recursiveReadOnly) are reported by the schema check.
 */
import type { JsonValue } from '../yaml/decode';
import { arr, atLeast, eachObj, goStr, obj, Obj, Rule, str } from './context';
import { duplicate, FieldError, forbidden, invalid, notFound, required } from './errors';
import { FieldPath } from '../path/fieldPath';
import { isDNS1123Label } from './names';
import { ValidVolumes, validVolumes } from './volumes';
import { ContainerMemo } from './memo';
import { containerKindEnabled, containerPath, ContainerKind } from './containerWalk';
import { checkHostPortConflicts, validateContainerPorts, validateHostNetwork } from './ports';
import { validateEnv, validateEnvFrom, validateFileKeyRefVolumes } from './env';
import { validateVolumeDevices, validateVolumeMounts } from './mounts';
import { ResourceContext, validateResizePolicy, validateResourceRequirements } from './resources';

/** What the container checks need of the rest of the spec, besides the version. */
interface ContainerContext extends ResourceContext {
  restartPolicy: string;
}

/** What validateContainerCommon reads outside the container, and that as a memo key. */
interface CommonContext extends ContainerContext {
  volumes: ValidVolumes;
  hostNetwork: boolean;
  key: string;
}

function commonContext(ctx: ContainerContext, volumes: ValidVolumes, hostNetwork: boolean): CommonContext {
  // Of a volume, a mount or device reads its name and whether it is a PVC or an ephemeral volume.
  const vols = [...volumes].map(([name, vol]) => [name, obj(vol.persistentVolumeClaim) !== undefined, obj(vol.ephemeral) !== undefined]);
  const key = JSON.stringify([ctx.version, ctx.restartPolicy, [...ctx.claimNames].sort(), hostNetwork, vols]);
  return { ...ctx, volumes, hostNetwork, key };
}

/** validateContainerCommon per container object: most containers are unchanged from one edit to the next. */
const commonMemo = new ContainerMemo<CommonContext>('validateContainerCommon', (ctr, path, ctx) => validateContainerCommon(ctr, path, ctx));
const validateCommon = (ctr: Obj, path: FieldPath, ctx: CommonContext) => commonMemo.run(ctr, path, ctx, ctx.key);

export const containersRules: Rule = (pod, ctx) => {
  const spec = obj(pod.spec);
  if (!spec) return [];
  const specPath = FieldPath.root('spec');
  const volumes = validVolumes(pod, ctx);
  const hostNetwork = spec.hostNetwork === true;
  const errs: FieldError[] = [];
  const podCtx: ContainerContext = {
    ...ctx,
    restartPolicy: str(spec.restartPolicy) || 'Always',
    claimNames: new Set(
      arr(spec.resourceClaims)
        .map((c) => goStr(obj(c)?.name))
        .filter((n) => n !== ''),
    ),
  };
  const regularCtx = commonContext(podCtx, volumes, hostNetwork);
  const containers = spec.containers;
  const initContainers = arr(spec.initContainers);
  errs.push(...validateContainers(containers, hostNetwork, specPath.child('containers'), regularCtx));
  errs.push(...validateInitContainers(initContainers, arr(containers), hostNetwork, specPath.child('initContainers'), regularCtx));
  // An ephemeral container's ports are not checked against hostNetwork (and may not be set).
  errs.push(...validateEphemeralContainers(spec, specPath.child('ephemeralContainers'), commonContext(podCtx, volumes, false)));
  // validatePodMetadataAndSpec: validateContainersOnlyForPod (a Pod's, not a template's).
  if (!ctx.template) {
    errs.push(...validateContainersOnlyForPod(arr(containers), 'containers'));
    errs.push(...validateContainersOnlyForPod(initContainers, 'initContainers'));
  }
  errs.push(...validateHostNetwork(hostNetwork, arr(containers), specPath.child('containers'), podCtx));
  errs.push(...validateFileKeyRefVolumes(spec, podCtx));
  return errs;
};

/** validateContainers (1.20–1.24) / validateContainers + validateContainerCommon (1.25+): the regular containers. */
function validateContainers(list: JsonValue | undefined, hostNetwork: boolean, path: FieldPath, ctx: CommonContext): FieldError[] {
  const containers = arr(list);
  // An empty list (a missing one is the schema's `required`).
  if (containers.length === 0) return Array.isArray(list) ? [required(path)] : [];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  eachObj(containers, (ctr, i) => {
    const idx = containerPath('containers', i);
    errs.push(...validateCommon(ctr, idx, ctx));
    const name = goStr(ctr.name);
    if (names.has(name)) errs.push(duplicate(idx.child('name'), name));
    else names.add(name);
  });
  errs.push(...checkHostPortConflicts(containers, hostNetwork, path));
  return errs;
}

/** validateInitContainers: names unique across regular and init containers, host ports per init container. */
function validateInitContainers(list: JsonValue[], regular: JsonValue[], hostNetwork: boolean, path: FieldPath, ctx: CommonContext): FieldError[] {
  const errs: FieldError[] = [];
  // Before 1.25 validateContainers(init, …) ran its own duplicate check within the init containers,
  // so a name repeated among them was reported twice.
  const doubled = !atLeast(ctx, '1.25');
  const own = new Set<string>();
  const all = new Set<string>(regular.map((c) => goStr(obj(c)?.name)));
  list.forEach((c, i) => {
    const ctr = obj(c);
    if (!ctr) return;
    const idx = containerPath('initContainers', i);
    errs.push(...validateCommon(ctr, idx, ctx));
    const name = goStr(ctr.name);
    if (doubled) {
      if (own.has(name)) errs.push(duplicate(idx.child('name'), name));
      else own.add(name);
    }
    if (all.has(name)) errs.push(duplicate(idx.child('name'), name));
    if (name.length > 0) all.add(name);
    // Checked as a one-item list: the path names `initContainers[0]` whichever it is.
    errs.push(...checkHostPortConflicts([c], hostNetwork, path, i));
  });
  return errs;
}

/** EphemeralContainerCommon fields in struct order, and whether an ephemeral container may set them (allowedEphemeralContainerFields). */
const EPHEMERAL_FIELDS: [string, boolean, 'list' | 'ptr' | 'struct'][] = [
  ['ports', false, 'list'],
  ['resources', false, 'struct'],
  ['resizePolicy', false, 'list'],
  ['restartPolicy', false, 'ptr'],
  ['restartPolicyRules', false, 'list'],
  ['livenessProbe', false, 'ptr'],
  ['readinessProbe', false, 'ptr'],
  ['startupProbe', false, 'ptr'],
  ['lifecycle', false, 'ptr'],
];

/**
 * validateEphemeralContainers, from 1.23 (before, the EphemeralContainers gate is off and
 * dropDisabledFields drops them unvalidated: containerWalk.ts), with ValidatePodCreate's `cannot
 * be set on create` (ValidatePodTemplateSpec's `not allowed in pod template`).
 */
function validateEphemeralContainers(spec: Obj, path: FieldPath, ctx: CommonContext): FieldError[] {
  const list = arr(spec.ephemeralContainers);
  if (!containerKindEnabled('ephemeralContainers', ctx) || list.length === 0) return [];
  // ValidatePodCreate's words, or ValidatePodTemplateSpec's.
  const errs: FieldError[] = [forbidden(path, ctx.template ? 'ephemeral containers not allowed in pod template' : 'cannot be set on create')];
  const other = new Set<string>([...arr(spec.containers), ...arr(spec.initContainers)].map((c) => goStr(obj(c)?.name)));
  const all = new Set(other);
  const common = atLeast(ctx, '1.25');
  eachObj(list, (ec, i) => {
    const idx = containerPath('ephemeralContainers', i);
    const name = goStr(ec.name);
    const target = goStr(ec.targetContainerName);
    if (common) {
      errs.push(...validateCommon(ec, idx, ctx));
      errs.push(...validateContainerOnlyForPod(ec, idx));
    } else {
      // 1.23–1.24: the target is looked up among all names so far; a nameless one stops here; the
      // container is checked as a one-item list, hence the `[0]` in its paths.
      if (target !== '' && !all.has(target)) errs.push(notFound(idx.child('targetContainerName'), target));
      if (name === '') {
        errs.push({ ...required(idx, 'ephemeralContainer requires a name'), target: 'key' });
        return;
      }
      errs.push(...validateCommon(ec, idx.index(0), ctx));
      errs.push(...validateContainerOnlyForPod(ec, idx.index(0)));
    }
    if (all.has(name)) errs.push(duplicate(idx.child('name'), name));
    else all.add(name);
    if (common && target !== '' && !other.has(target)) errs.push(notFound(idx.child('targetContainerName'), target));
    for (const [field, allowed, kind] of EPHEMERAL_FIELDS) {
      if (!allowed && isSet(ec[field], kind)) errs.push(forbidden(idx.child(field), 'cannot be set for an Ephemeral Container'));
    }
    arr(ec.volumeMounts).forEach((m, j) => {
      const vm = obj(m);
      const mp = idx.child('volumeMounts').index(j);
      if (goStr(vm?.subPath) !== '') errs.push(forbidden(mp.child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (goStr(vm?.subPathExpr) !== '') errs.push(forbidden(mp.child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

/** Whether a field differs from its Go zero value (validateFieldAllowList's reflect.DeepEqual). */
function isSet(v: JsonValue | undefined, kind: 'list' | 'ptr' | 'struct'): boolean {
  if (v === undefined || v === null) return false;
  if (kind === 'struct') {
    const o = obj(v);
    return !!o && Object.values(o).some((x) => x !== null && x !== undefined);
  }
  return kind === 'list' ? Array.isArray(v) : true;
}

/**
 * What every container kind gets: validateContainers' loop body before 1.25, validateContainerCommon
 * after — name, image, ports, env, envFrom, volumeMounts, volumeDevices, resources, resizePolicy.
 */
function validateContainerCommon(ctr: Obj, path: FieldPath, ctx: CommonContext): FieldError[] {
  const errs: FieldError[] = [];
  const namePath = path.child('name');
  const name = goStr(ctr.name);
  if (name.length === 0) errs.push(required(namePath));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(namePath, name, msg));
  if (goStr(ctr.image).length === 0) errs.push(required(path.child('image')));
  errs.push(...validateContainerPorts(arr(ctr.ports), ctx.hostNetwork, path.child('ports'), ctx));
  errs.push(...validateEnv(arr(ctr.env), path.child('env'), ctx));
  errs.push(...validateEnvFrom(arr(ctr.envFrom), path.child('envFrom'), ctx));
  const mounts = arr(ctr.volumeMounts).map((m) => obj(m) ?? {});
  const devices = arr(ctr.volumeDevices).map((d) => obj(d) ?? {});
  errs.push(...validateVolumeMounts(mounts, devices, ctx.volumes, ctr, path.child('volumeMounts'), ctx));
  errs.push(...validateVolumeDevices(devices, mounts, ctx.volumes, path.child('volumeDevices'), ctx));
  errs.push(...validateResourceRequirements(obj(ctr.resources), path.child('resources'), ctx));
  errs.push(...validateResizePolicy(arr(ctr.resizePolicy), path.child('resizePolicy'), ctx, ctx.restartPolicy));
  return errs;
}

/** validateContainersOnlyForPod / validateContainerOnlyForPod: no spaces around the image. */
function validateContainersOnlyForPod(list: JsonValue[], kind: ContainerKind): FieldError[] {
  return list.flatMap((c, i) => (obj(c) ? validateContainerOnlyForPod(obj(c)!, containerPath(kind, i)) : []));
}

function validateContainerOnlyForPod(ctr: Obj, path: FieldPath): FieldError[] {
  const image = goStr(ctr.image);
  // strings.TrimSpace: Unicode white space.
  return image.length !== image.trim().length ? [invalid(path.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}
