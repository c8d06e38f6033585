/**
 * spec.volumes: unique names, one source each, each source's own checks (ValidateVolumes and
 * validateVolumeSource in pkg/apis/core/validation/validation.go), over the defaulted Pod; and
 * the volumes that passed them, which containers may mount. The sources that project files are
 * projectedFiles.ts', the ephemeral volume's claim template ephemeralVolume.ts'.
 */
import { weakCache } from '../caches';
import { arr, atLeast, bool, eachObj, int, Obj, obj, present, Rule, RuleContext, str } from './context';
import { at, duplicate, FieldError, forbidden, invalid, notSupported, required, reroot, tooLong } from './errors';
import { FieldPath } from '../path/fieldPath';
import { isDNS1123Label, isDNS1123Subdomain, inclusiveRangeError } from './names';
import { ephemeralVolume } from './ephemeralVolume';
import { configMapVolume, downwardAPIVolume, projectedVolume, secretVolume } from './projectedFiles';
import { isAbs, localDescendingPath, pathNoBacksteps } from './filePaths';
import { isNegative, parseQuantity } from './quantity';
import type { JsonValue } from '../yaml/decode';

type SourceCheck = (source: Obj, path: FieldPath, ctx: RuleContext, volName: string) => FieldError[];

interface SourceKind {
  /** The JSON field. */
  field: string;
  /** The name the server gives it in "may not specify more than 1 volume type" (cephFS, downwarAPI). */
  forbiddenAs?: string;
  /** The name the server gives its errors' paths (gcePersistentDisk's are under `persistentDisk`). */
  pathAs?: string;
  check: SourceCheck;
  /** The first version with the source. */
  since?: string;
}

/**
 * validateVolumeSource's order: the first source counts, each later one is Forbidden. A check
 * named after its source is that source's validate…VolumeSource; the others say which one they are.
 */
const SOURCES: SourceKind[] = [
  { field: 'emptyDir', check: emptyDir },
  { field: 'hostPath', check: hostPath },
  { field: 'gitRepo', check: gitRepo },
  { field: 'gcePersistentDisk', pathAs: 'persistentDisk', check: diskWithPartition('pdName') }, // validateGCEPersistentDiskVolumeSource
  { field: 'awsElasticBlockStore', check: diskWithPartition('volumeID') }, // validateAWSElasticBlockStoreVolumeSource
  { field: 'secret', check: (s, p) => secretVolume(s, p) },
  { field: 'nfs', check: nfs },
  { field: 'iscsi', check: iscsi },
  { field: 'glusterfs', check: requires('endpoints', 'path') }, // validateGlusterfsVolumeSource
  { field: 'flocker', check: flocker },
  { field: 'persistentVolumeClaim', check: requires('claimName') }, // validatePersistentClaimVolumeSource
  { field: 'rbd', check: rbd },
  { field: 'cinder', check: cinder },
  { field: 'cephfs', forbiddenAs: 'cephFS', check: cephfs },
  { field: 'quobyte', check: quobyte },
  { field: 'downwardAPI', forbiddenAs: 'downwarAPI', check: (s, p, ctx) => downwardAPIVolume(s, p, ctx) },
  { field: 'fc', check: fc },
  { field: 'flexVolume', check: flexVolume },
  { field: 'configMap', check: (s, p) => configMapVolume(s, p) },
  { field: 'azureFile', check: requires('secretName', 'shareName') }, // validateAzureFile
  { field: 'vsphereVolume', check: requires('volumePath') }, // validateVsphereVolumeSource
  { field: 'photonPersistentDisk', check: requires('pdID') }, // validatePhotonPersistentDiskVolumeSource
  { field: 'portworxVolume', check: requires('volumeID') }, // validatePortworxVolumeSource
  { field: 'azureDisk', check: azureDisk },
  { field: 'storageos', check: storageos },
  { field: 'projected', check: (s, p, ctx) => projectedVolume(s, p, ctx) },
  { field: 'scaleIO', check: requires('gateway', 'system', 'volumeName') }, // validateScaleIOVolumeSource
  { field: 'csi', check: csi },
  { field: 'ephemeral', check: (s, p, ctx) => ephemeralVolume(s, p, ctx) },
  { field: 'image', check: image, since: '1.31' },
];

/**
 * A source the server drops before validating, with its default feature gates: generic ephemeral
 * volumes were alpha (GenericEphemeralVolume off) in 1.20.
 */
function droppedByGate(field: string, ctx: RuleContext): boolean {
  return field === 'ephemeral' && !atLeast(ctx, '1.21');
}

/** ValidateVolumes' map: the volumes that passed their own checks, by name (a mount of any other is `Not found`). */
export type ValidVolumes = ReadonlyMap<string, Obj>;

interface Checked {
  errs: FieldError[];
  valid: ValidVolumes;
}

/**
 * The container rules ask which volumes are valid too, and an edit elsewhere in the Pod leaves the
 * volumes list the same object: the result is kept with the list, per version and Pod name (all
 * that validateVolumes reads besides the list).
 */
const checked = weakCache<JsonValue[], Map<string, Checked>>('rules: volumes by list');
/** Results kept per list: a few versions and names (the name changes while it is typed). */
const MAX_KEYS = 16;

export const volumesRules: Rule = (pod, ctx) => checkedVolumes(pod, ctx).errs;

/** The volumes a container may mount: those ValidateVolumes puts in its map. */
export const validVolumes = (pod: Obj, ctx: RuleContext): ValidVolumes => checkedVolumes(pod, ctx).valid;

function checkedVolumes(pod: Obj, ctx: RuleContext): Checked {
  const volumes = obj(pod.spec)?.volumes;
  if (!Array.isArray(volumes)) return validateVolumes(pod, ctx);
  const key = JSON.stringify([ctx.version, str(obj(pod.metadata)?.name) ?? '']);
  let byKey = checked.get(volumes);
  if (!byKey) byKey = checked.set(volumes, new Map());
  let result = byKey.get(key);
  if (!result) {
    if (byKey.size >= MAX_KEYS) byKey.clear();
    byKey.set(key, (result = validateVolumes(pod, ctx)));
  }
  return result;
}

/** ValidateVolumes: names unique DNS-1123 labels, each volume's source; no claim of an ephemeral volume's PVC. */
function validateVolumes(pod: Obj, ctx: RuleContext): Checked {
  const valid = new Map<string, Obj>();
  const errs: FieldError[] = [];
  const spec = obj(pod.spec);
  if (!spec) return { errs, valid };
  const volumes = arr(spec.volumes);
  const path = FieldPath.root('spec').child('volumes');
  const podName = str(obj(pod.metadata)?.name) ?? '';
  // The PVCs this Pod's ephemeral volumes create (known only with metadata.name).
  const createdPVCs = new Set<string>();
  if (podName) {
    for (const v of volumes) {
      const vol = obj(v);
      if (vol && present(vol.ephemeral) && !droppedByGate('ephemeral', ctx)) createdPVCs.add(`${podName}-${str(vol.name) ?? ''}`);
    }
  }
  const names = new Set<string>();
  eachObj(volumes, (vol, i) => {
    const idxPath = path.index(i);
    const namePath = idxPath.child('name');
    const name = str(vol.name) ?? '';
    const el = volumeSource(vol, idxPath, name, podName, ctx);
    if (!name) el.push(required(namePath));
    else for (const msg of isDNS1123Label(name)) el.push(invalid(namePath, name, msg));
    if (names.has(name)) el.push(duplicate(namePath, name));
    if (el.length === 0) {
      names.add(name);
      valid.set(name, vol);
    } else errs.push(...el);
    const claimName = str(obj(vol.persistentVolumeClaim)?.claimName);
    if (claimName !== undefined && createdPVCs.has(claimName))
      errs.push(
        invalid(idxPath.child('persistentVolumeClaim').child('claimName'), claimName, 'must not reference a PVC that gets created for an ephemeral volume'),
      );
  });
  return { errs, valid };
}

/** validateVolumeSource: exactly one source (none at all defaults to emptyDir: SetDefaults_Volume). */
function volumeSource(vol: Obj, path: FieldPath, volName: string, podName: string, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  const kinds = SOURCES.filter((k) => !k.since || atLeast(ctx, k.since));
  const written = kinds.filter((k) => present(vol[k.field]));
  if (written.length === 0) return errs; // SetDefaults_Volume: emptyDir
  let numVolumes = 0;
  for (const kind of written) {
    if (droppedByGate(kind.field, ctx)) continue;
    const source = obj(vol[kind.field]);
    if (numVolumes > 0) {
      errs.push(at(forbidden(path.child(kind.forbiddenAs ?? kind.field), 'may not specify more than 1 volume type'), path.child(kind.field)));
    } else {
      numVolumes++;
      if (source) {
        const shown = path.child(kind.field);
        const named = kind.pathAs ? path.child(kind.pathAs) : shown;
        errs.push(...kind.check(source, named, ctx, volName).map((e) => (named === shown ? e : reroot(e, named, shown, 'shown'))));
        // The PVC an ephemeral volume creates is named <pod name>-<volume name>.
        if (kind.field === 'ephemeral' && podName && volName) {
          const pvcName = `${podName}-${volName}`;
          for (const msg of isDNS1123Subdomain(pvcName)) errs.push(invalid(path.child('name'), volName, `PVC name ${JSON.stringify(pvcName)}: ${msg}`));
        }
      }
    }
    // The iSCSI name check runs even for a second source.
    if (kind.field === 'iscsi' && source && present(source.initiatorName) && `${volName}:${str(source.targetPortal) ?? ''}`.length > 64)
      errs.push(
        invalid(
          path.child('name'),
          volName,
          'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.',
        ),
      );
  }
  if (numVolumes === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

/** validateVolumeSource, emptyDir: sizeLimit not negative. */
function emptyDir(s: Obj, path: FieldPath): FieldError[] {
  const q = present(s.sizeLimit) ? parseQuantity(s.sizeLimit) : undefined;
  if (q && isNegative(q))
    return [at(forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'), path.child('sizeLimit'), 'value')];
  return [];
}

/** supportedHostPathTypes */
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** validateHostPathVolumeSource and validateHostPathType (type defaults to ""). */
function hostPath(s: Obj, path: FieldPath): FieldError[] {
  const p = str(s.path) ?? '';
  if (!p) return [required(path.child('path'))];
  const errs = pathNoBacksteps(p, path.child('path'));
  const type = str(s.type);
  if (type !== undefined && !HOST_PATH_TYPES.includes(type)) errs.push(notSupported(path.child('type'), type, HOST_PATH_TYPES));
  return errs;
}

/** validateGitRepoVolumeSource */
function gitRepo(s: Obj, path: FieldPath): FieldError[] {
  const errs = requiredStrings(s, path, 'repository');
  errs.push(...localDescendingPath(str(s.directory) ?? '', path.child('directory')));
  return errs;
}

/** The string fields a source requires: each empty or missing one is `Required value`. */
function requiredStrings(s: Obj, path: FieldPath, ...fields: string[]): FieldError[] {
  return fields.filter((f) => !str(s[f])).map((f) => required(path.child(f)));
}

/** The check of a source that only requires these string fields. */
function requires(...fields: string[]): SourceCheck {
  return (s, path) => requiredStrings(s, path, ...fields);
}

const PD_PARTITION_ERROR = inclusiveRangeError(1, 255);

/** What the GCE and AWS disk sources check: the disk's id, and a partition of 0-255. */
function diskWithPartition(idField: string): SourceCheck {
  return (s, path) => {
    const errs = requiredStrings(s, path, idField);
    const partition = int(s.partition);
    if (partition !== undefined && (partition < 0 || partition > 255)) errs.push(invalid(path.child('partition'), partition, PD_PARTITION_ERROR));
    return errs;
  };
}

/** validateNFSVolumeSource: server, absolute path. */
function nfs(s: Obj, path: FieldPath): FieldError[] {
  const errs = requiredStrings(s, path, 'server', 'path');
  const p = str(s.path) ?? '';
  if (!isAbs(p)) errs.push(invalid(path.child('path'), p, 'must be an absolute path'));
  return errs;
}

const IQN_RE = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\t\n\f\r ]+)$/;
const EUI_RE = /^eui.[A-Za-z0-9]{16}$/;
const NAA_RE = /^naa.[A-Za-z0-9]{32}$/;

/** The iqn/eui/naa format check; undefined when valid. */
function iscsiNameError(name: string): string | undefined {
  if (!name.startsWith('iqn') && !name.startsWith('eui') && !name.startsWith('naa')) return 'must be valid format starting with iqn, eui, or naa';
  if (name.startsWith('iqn') && !IQN_RE.test(name)) return 'must be valid format';
  if (name.startsWith('eui') && !EUI_RE.test(name)) return 'must be valid format';
  if (name.startsWith('naa') && !NAA_RE.test(name)) return 'must be valid format';
  return undefined;
}

/** validateISCSIVolumeSource */
function iscsi(s: Obj, path: FieldPath): FieldError[] {
  const errs = requiredStrings(s, path, 'targetPortal', 'iqn');
  const iqn = str(s.iqn) ?? '';
  const msg = iqn ? iscsiNameError(iqn) : undefined;
  if (msg) errs.push(invalid(path.child('iqn'), iqn, msg));
  const lun = int(s.lun) ?? 0;
  if (lun < 0 || lun > 255) errs.push(invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  if ((bool(s.chapAuthDiscovery) || bool(s.chapAuthSession)) && !present(s.secretRef)) errs.push(required(path.child('secretRef')));
  const initiator = present(s.initiatorName) ? str(s.initiatorName) : undefined;
  if (initiator !== undefined) {
    // The server's path is `initiatorname`; shown on initiatorName.
    const msg = iscsiNameError(initiator);
    if (msg) errs.push(at(invalid(path.child('initiatorname'), initiator, msg), path.child('initiatorName')));
  }
  return errs;
}

/** validateFlockerVolumeSource */
function flocker(s: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.datasetName) ?? '';
  const uuid = str(s.datasetUUID) ?? '';
  if (!name && !uuid) errs.push(required(path, 'one of datasetName and datasetUUID is required'));
  if (name && uuid) errs.push(at(invalid(path, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'), path, 'key'));
  if (name.includes('/')) errs.push(invalid(path.child('datasetName'), name, "must not contain '/'"));
  return errs;
}

/** validateRBDVolumeSource */
function rbd(s: Obj, path: FieldPath): FieldError[] {
  return [...cephfs(s, path), ...requiredStrings(s, path, 'image')];
}

/** A secretRef whose name is empty (cinder, storageos). */
function secretRefName(s: Obj, path: FieldPath): FieldError[] {
  const ref = obj(s.secretRef);
  return ref && !str(ref.name) ? [required(path.child('secretRef').child('name'))] : [];
}

/** validateCinderVolumeSource */
function cinder(s: Obj, path: FieldPath): FieldError[] {
  return [...requiredStrings(s, path, 'volumeID'), ...secretRefName(s, path)];
}

/** validateCephFSVolumeSource (and the start of validateRBDVolumeSource): monitors. */
function cephfs(s: Obj, path: FieldPath): FieldError[] {
  return arr(s.monitors).length === 0 ? [required(path.child('monitors'))] : [];
}

/** Go's net.SplitHostPort succeeds. */
function splitsHostPort(hostport: string): boolean {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return false;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return false;
    if (end + 1 === hostport.length) return false;
    if (end + 1 !== i) return false;
    j = 1;
    k = end + 1;
  } else {
    const host = hostport.slice(0, i);
    if (host.includes(':')) return false;
  }
  if (hostport.slice(j).includes('[')) return false;
  if (hostport.slice(k).includes(']')) return false;
  return true;
}

/** validateQuobyteVolumeSource */
function quobyte(s: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const registry = str(s.registry) ?? '';
  const detail = 'must be a host:port pair or multiple pairs separated by commas';
  if (!registry) errs.push(required(path.child('registry'), detail));
  else if ((str(s.tenant) ?? '').length >= 65) errs.push(required(path.child('tenant'), 'must be a UUID and may not exceed a length of 64 characters'));
  else for (const pair of registry.split(',')) if (!splitsHostPort(pair)) errs.push(invalid(path.child('registry'), registry, detail));
  if (!str(s.volume)) errs.push(required(path.child('volume')));
  return errs;
}

/** validateFCVolumeSource */
function fc(s: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const wwns = arr(s.targetWWNs);
  const wwids = arr(s.wwids);
  if (wwns.length < 1 && wwids.length < 1) errs.push(required(path.child('targetWWNs'), 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length !== 0 && wwids.length !== 0) errs.push(invalid(path.child('targetWWNs'), wwns, 'targetWWNs and wwids can not be specified simultaneously'));
  if (wwns.length !== 0) {
    const lun = present(s.lun) ? int(s.lun) : undefined;
    if (!present(s.lun)) errs.push(required(path.child('lun'), 'lun is required if targetWWNs is specified'));
    else if (lun !== undefined && (lun < 0 || lun > 255)) errs.push(invalid(path.child('lun'), lun, inclusiveRangeError(0, 255)));
  }
  return errs;
}

/** validateFlexVolumeSource: driver; options keys outside kubernetes.io and k8s.io. */
function flexVolume(s: Obj, path: FieldPath): FieldError[] {
  const errs = requiredStrings(s, path, 'driver');
  for (const k of Object.keys(obj(s.options) ?? {})) {
    const slash = k.indexOf('/');
    const namespace = slash >= 0 ? k.slice(0, slash) : k;
    const normalized = '.' + namespace.toLowerCase();
    if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io'))
      errs.push(at(invalid(path.child('options').key(k), k, 'kubernetes.io and k8s.io namespaces are reserved'), path.child('options').key(k), 'key'));
  }
  return errs;
}

/** validateAzureDisk, over SetDefaults_AzureDiskVolumeSource (cachingMode ReadWrite, kind Shared). */
function azureDisk(s: Obj, path: FieldPath): FieldError[] {
  const errs = requiredStrings(s, path, 'diskName', 'diskURI');
  const uri = str(s.diskURI) ?? '';
  const cachingMode = present(s.cachingMode) ? str(s.cachingMode) : 'ReadWrite';
  if (cachingMode !== undefined && !['None', 'ReadOnly', 'ReadWrite'].includes(cachingMode))
    errs.push(notSupported(path.child('cachingMode'), cachingMode, ['None', 'ReadOnly', 'ReadWrite']));
  const kind = present(s.kind) ? str(s.kind) : 'Shared';
  if (kind !== undefined && !['Dedicated', 'Managed', 'Shared'].includes(kind))
    errs.push(notSupported(path.child('kind'), kind, ['Dedicated', 'Managed', 'Shared']));
  if (kind === 'Managed' && !uri.startsWith('/subscriptions/'))
    errs.push(notSupported(path.child('diskURI'), uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
  if (kind !== undefined && kind !== 'Managed' && !uri.startsWith('https://'))
    errs.push(notSupported(path.child('diskURI'), uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
  return errs;
}

/** validateStorageOSVolumeSource */
function storageos(s: Obj, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.volumeName) ?? '';
  if (!name) errs.push(required(path.child('volumeName')));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(path.child('volumeName'), name, msg));
  const namespace = str(s.volumeNamespace) ?? '';
  if (namespace) for (const msg of isDNS1123Label(namespace)) errs.push(invalid(path.child('volumeNamespace'), namespace, msg));
  errs.push(...secretRefName(s, path));
  return errs;
}

/** ValidateCSIDriverName (1.32+: stops after Required from 1.35; TooLong prints no value either way). */
function csiDriverName(driver: string, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs: FieldError[] = [];
  if (!driver) {
    errs.push(required(path));
    if (atLeast(ctx, '1.35')) return errs;
  }
  if (driver.length > 63) errs.push(tooLong(path, driver, 63));
  for (const msg of isDNS1123Subdomain(driver.toLowerCase())) errs.push(invalid(path, driver, msg));
  return errs;
}

/** validateCSIVolumeSource (the Required path had a trailing space up to 1.23). */
function csi(s: Obj, path: FieldPath, ctx: RuleContext): FieldError[] {
  const errs = csiDriverName(str(s.driver) ?? '', path.child('driver'), ctx);
  const ref = obj(s.nodePublishSecretRef);
  if (ref) {
    const name = str(ref.name) ?? '';
    const shown = path.child('nodePublishSecretRef');
    if (!name) {
      const named = atLeast(ctx, '1.24') ? shown : path.child('nodePublishSecretRef ');
      errs.push(at(required(named.child('name')), shown.child('name')));
    } else {
      // The server names `csi.name` for an invalid secret name.
      for (const msg of isDNS1123Subdomain(name)) errs.push(at(invalid(path.child('name'), name, msg), shown.child('name')));
    }
  }
  return errs;
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

/** validateImageVolumeSource (1.31+; pullPolicy defaults from the reference's tag). */
function image(s: Obj, path: FieldPath): FieldError[] {
  const errs = requiredStrings(s, path, 'reference');
  const policy = str(s.pullPolicy);
  if (policy && !PULL_POLICIES.includes(policy)) errs.push(notSupported(path.child('pullPolicy'), policy, PULL_POLICIES));
  return errs;
}
