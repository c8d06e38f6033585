/**
 * A container's volumeMounts and volumeDevices against the Pod's valid volumes (ValidateVolumeMounts
 * with validateMountPropagation and validateMountRecursiveReadOnly, ValidateVolumeDevices, in
 * pkg/apis/core/validation/validation.go).
 */
import { atLeast, goStr, obj, Obj, RuleContext, str } from './context';
import { at, FieldError, forbidden, invalid, notFound, required } from './errors';
import type { FieldPath } from '../path/fieldPath';
import { hasBacksteps, localDescendingPath } from './filePaths';
import type { ValidVolumes } from './volumes';

/** ValidateVolumeMounts (+ validateMountPropagation, validateMountRecursiveReadOnly from 1.31). */
export function validateVolumeMounts(mounts: Obj[], devices: Obj[], volumes: ValidVolumes, ctr: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  const deviceNames = new Set(devices.map((d) => goStr(d.name)));
  const devicePaths = new Set(devices.map((d) => goStr(d.devicePath)));
  mounts.forEach((mnt, i) => {
    const idx = path.index(i);
    const name = goStr(mnt.name);
    const mountPath = goStr(mnt.mountPath);
    if (name.length === 0) errs.push(required(idx.child('name')));
    if (!volumes.has(name)) errs.push(notFound(idx.child('name'), name));
    if (mountPath.length === 0) errs.push(required(idx.child('mountPath')));
    if (mountPoints.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    if (deviceNames.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(mountPath)) errs.push(invalid(idx.child('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
    // These paths name `volumeMounts.subPath`, without the index.
    const subPath = goStr(mnt.subPath);
    const subPathExpr = goStr(mnt.subPathExpr);
    if (subPath.length > 0) errs.push(...localDescendingPath(subPath, path.child('subPath'), idx.child('subPath')));
    if (subPathExpr.length > 0) {
      if (subPath.length > 0) errs.push(invalid(idx.child('subPathExpr'), subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...localDescendingPath(subPathExpr, path.child('subPathExpr'), idx.child('subPathExpr')));
    }
    const propagation = str(mnt.mountPropagation);
    if (propagation === 'Bidirectional' && obj(ctr.securityContext)?.privileged !== true) {
      errs.push(
        at(
          forbidden(path.child('mountPropagation'), 'Bidirectional mount propagation is available only to privileged containers'),
          idx.child('mountPropagation'),
        ),
      );
    }
    // RecursiveReadOnlyMounts: beta (on) from 1.31; dropped before.
    const rro = str(mnt.recursiveReadOnly);
    if (atLeast(ctx, '1.31') && (rro === 'Enabled' || rro === 'IfPossible')) {
      const rp = path.child('recursiveReadOnly');
      if (mnt.readOnly !== true) errs.push(at(forbidden(rp, 'may only be specified when readOnly is true'), idx.child('recursiveReadOnly')));
      if (propagation !== undefined && propagation !== 'None') {
        errs.push(at(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'), idx.child('recursiveReadOnly')));
      }
    }
  });
  return errs;
}

/** ValidateVolumeDevices: a PVC volume (or an ephemeral one from 1.23), unique names and paths. */
export function validateVolumeDevices(devices: Obj[], mounts: Obj[], volumes: ValidVolumes, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  const mountNames = new Set(mounts.map((m) => goStr(m.name)));
  const mountPaths = new Set(mounts.map((m) => goStr(m.mountPath)));
  const ephemeralOk = atLeast(ctx, '1.23');
  devices.forEach((dev, i) => {
    const idx = path.index(i);
    const name = goStr(dev.name);
    const devicePath = goStr(dev.devicePath);
    const vol = volumes.get(name);
    const isPVC = !!vol && (obj(vol.persistentVolumeClaim) !== undefined || (ephemeralOk && obj(vol.ephemeral) !== undefined));
    if (name.length === 0) errs.push(required(idx.child('name')));
    if (names.has(name)) errs.push(invalid(idx.child('name'), name, 'must be unique'));
    if (vol && !isPVC) {
      const kinds = ephemeralOk ? 'PersistentVolumeClaim or Ephemeral' : 'PersistentVolumeClaim';
      errs.push(invalid(idx.child('name'), name, `can only use volume source type of ${kinds} for block mode`));
    }
    if (!vol) errs.push(notFound(idx.child('name'), name));
    if (devicePath.length === 0) errs.push(required(idx.child('devicePath')));
    if (paths.has(devicePath)) errs.push(invalid(idx.child('devicePath'), devicePath, 'must be unique'));
    if (devicePath.length > 0 && hasBacksteps(devicePath)) {
      errs.push(invalid(idx.child('devicePath'), devicePath, "can not contain backsteps ('..')"));
    } else paths.add(devicePath);
    if (mountNames.has(name)) errs.push(invalid(idx.child('name'), name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(devicePath)) errs.push(invalid(idx.child('devicePath'), devicePath, 'must not already exist as a path in volumeMounts'));
    if (name.length > 0) names.add(name);
  });
  return errs;
}
