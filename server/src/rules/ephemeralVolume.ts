/**
 * spec.volumes[].ephemeral, a generic ephemeral volume and the claim template it makes its PVC
 * from: validateEphemeralVolumeSource, ValidatePersistentVolumeClaimTemplate (its metadata:
 * validatePersistentVolumeClaimTemplateObjectMeta / ValidateTemplateObjectMeta) and
 * ValidatePersistentVolumeClaimSpec with validateDataSource / validateDataSourceRef
 * (pkg/apis/core/validation/validation.go).
 */
import { arr, atLeast, Obj, obj, RuleContext, str } from './context';
import { at, FieldError, forbidden, invalid, notSupported, required } from './errors';
import { FieldPath } from '../path/fieldPath';
import { isDNS1123Label, isDNS1123Subdomain } from './names';
import { labelSelector, validateAnnotations, validateLabels } from './labels';
import { isNegative, isZero, parseQuantity, quantityString } from './quantity';

/** validateEphemeralVolumeSource */
export function ephemeralVolume(e: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const template = obj(e.volumeClaimTemplate);
  if (!template) return [required(path.child('volumeClaimTemplate'))];
  const tp = path.child('volumeClaimTemplate');
  // ValidatePersistentVolumeClaimTemplate: metadata, then spec.
  return [...templateMetadata(obj(template.metadata) ?? {}, tp.child('metadata'), ctx), ...claimSpec(obj(template.spec) ?? {}, tp.child('spec'), ctx)];
}

/**
 * The ObjectMeta fields in Go's order, named as validateFieldAllowList names them (the Go field
 * name with a lower-case first letter, so UID is `uID`).
 */
const META_FIELDS: [json: string, reported: string][] = [
  ['name', 'name'],
  ['generateName', 'generateName'],
  ['namespace', 'namespace'],
  ['selfLink', 'selfLink'],
  ['uid', 'uID'],
  ['resourceVersion', 'resourceVersion'],
  ['generation', 'generation'],
  ['creationTimestamp', 'creationTimestamp'],
  ['deletionTimestamp', 'deletionTimestamp'],
  ['deletionGracePeriodSeconds', 'deletionGracePeriodSeconds'],
  ['ownerReferences', 'ownerReferences'],
  ['finalizers', 'finalizers'],
  ['clusterName', 'clusterName'],
  ['managedFields', 'managedFields'],
];

/**
 * validatePersistentVolumeClaimTemplateObjectMeta (1.20–1.25), ValidateTemplateObjectMeta
 * (1.26+: "cannot be set"): labels and annotations only.
 */
function templateMetadata(meta: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs = validateAnnotations(obj(meta.annotations), path.child('annotations'));
  errs.push(...validateLabels(obj(meta.labels), path.child('labels')));
  const detail = atLeast(ctx, '1.26') ? 'cannot be set' : 'cannot be set for an ephemeral volume';
  for (const [json, reported] of META_FIELDS) {
    if (json === 'clusterName' && atLeast(ctx, '1.25')) continue;
    if (isGoZero(meta[json])) continue;
    errs.push(at(forbidden(path.child(reported), detail), path.child(json)));
  }
  return errs;
}

/** reflect.DeepEqual with the Go zero value: "" / 0 / false / null; an empty list is not nil. */
function isGoZero(v: unknown): boolean {
  return v === undefined || v === null || v === '' || v === 0 || v === false;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce'];

/** ValidatePersistentVolumeClaimSpec as the ephemeral template uses it. */
export function claimSpec(spec: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const modes = arr(spec.accessModes);
  if (modes.length === 0) errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  const selector = obj(spec.selector);
  if (selector) errs.push(...labelSelector(selector, path.child('selector'), atLeast(ctx, '1.26')));
  // ReadWriteOncePod: 1.22 alpha (off), 1.27 beta (on), 1.29 GA.
  const supported = atLeast(ctx, '1.27') ? [...ACCESS_MODES, 'ReadWriteOncePod'] : ACCESS_MODES;
  let foundRWOP = false;
  let foundOther = false;
  modes.forEach((m, i) => {
    const mode = str(m);
    if (mode === undefined) return;
    if (!supported.includes(mode)) errs.push(at(notSupported(path.child('accessModes'), mode, supported), path.child('accessModes').index(i)));
    if (mode === 'ReadWriteOncePod') foundRWOP = true;
    else if (ACCESS_MODES.includes(mode)) foundOther = true;
  });
  if (atLeast(ctx, '1.22') && foundRWOP && foundOther) errs.push(forbidden(path.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  // The server names `spec.resources[storage]`; it is written at resources.requests.storage.
  const storagePath = path.child('resources').key('storage');
  const requests = obj(obj(spec.resources)?.requests);
  const storage = requests?.storage;
  if (storage === undefined || storage === null) {
    errs.push(at(required(storagePath), requests ? path.child('resources').child('requests') : path.child('resources')));
  } else {
    const q = parseQuantity(storage);
    if (q && (isNegative(q) || isZero(q)))
      errs.push(at(invalid(storagePath, quantityString(q), 'must be greater than zero'), path.child('resources').child('requests').child('storage')));
  }
  const storageClassName = str(spec.storageClassName);
  if (storageClassName) for (const msg of isDNS1123Subdomain(storageClassName)) errs.push(invalid(path.child('storageClassName'), storageClassName, msg));
  const volumeMode = str(spec.volumeMode);
  if (volumeMode !== undefined && !['Block', 'Filesystem'].includes(volumeMode))
    errs.push(notSupported(path.child('volumeMode'), volumeMode, ['Block', 'Filesystem']));
  const dataSource = obj(spec.dataSource);
  const dataSourceRef = atLeast(ctx, '1.22') ? obj(spec.dataSourceRef) : undefined;
  if (dataSource) errs.push(...dataSourceErrors(dataSource, path.child('dataSource'), ctx, false));
  if (dataSourceRef) errs.push(...dataSourceErrors(dataSourceRef, path.child('dataSourceRef'), ctx, true));
  const refNamespace = atLeast(ctx, '1.26') ? str(dataSourceRef?.namespace) : undefined;
  if (dataSourceRef && refNamespace) {
    if (dataSource)
      errs.push(
        at(invalid(path, String(path.child('dataSource')), 'may not be specified when dataSourceRef.namespace is specified'), path.child('dataSource'), 'key'),
      );
  } else if (dataSource && dataSourceRef) {
    const same =
      str(dataSource.apiGroup) === str(dataSourceRef.apiGroup) &&
      str(dataSource.kind) === str(dataSourceRef.kind) &&
      str(dataSource.name) === str(dataSourceRef.name);
    if (!same) errs.push(at(invalid(path, String(path.child('dataSource')), 'must match dataSourceRef'), path.child('dataSource'), 'key'));
  }
  // VolumeAttributesClass: default on from 1.34.
  const vac = str(spec.volumeAttributesClassName);
  if (atLeast(ctx, '1.34') && vac) for (const msg of isDNS1123Subdomain(vac)) errs.push(invalid(path.child('volumeAttributesClassName'), vac, msg));
  return errs;
}

/** validateDataSource / validateDataSourceRef (1.22+). */
function dataSourceErrors(ds: Obj, path: FieldPath, ctx: RuleContext, isRef: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(ds.name) ?? '';
  const kind = str(ds.kind) ?? '';
  const apiGroup = str(ds.apiGroup) ?? '';
  if (!name) errs.push(required(path.child('name')));
  if (!kind) errs.push(required(path.child('kind')));
  if (!apiGroup && kind !== 'PersistentVolumeClaim')
    errs.push(at(invalid(path, kind, atLeast(ctx, '1.26') ? "must be 'PersistentVolumeClaim' when referencing the default apiGroup" : ''), path, 'key'));
  // AllowInvalidAPIGroupInDataSourceOrRef is false for a new Pod (1.29+).
  if (apiGroup && atLeast(ctx, '1.29')) for (const msg of isDNS1123Subdomain(apiGroup)) errs.push(invalid(path.child('apiGroup'), apiGroup, msg));
  const namespace = isRef && atLeast(ctx, '1.26') ? str(ds.namespace) : undefined;
  if (namespace) for (const msg of isDNS1123Label(namespace)) errs.push(invalid(path.child('namespace'), namespace, msg));
  return errs;
}
