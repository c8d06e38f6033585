/**
 * metadata: ValidateObjectMeta as ValidatePodCreate calls it (apimachinery
 * pkg/api/validation/objectmeta.go, and pkg/apis/core/validation's own finalizer check): name or
 * generateName, namespace, labels, annotations, ownerReferences, finalizers.
 */
import { arr, bool, goStr, obj, Obj, Rule, str } from './context';
import { at, FieldError, GoValue, invalid, required } from './errors';
import { FieldPath } from '../path/fieldPath';
import { validateAnnotations, validateLabels } from './labels';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from './names';
import type { JsonValue } from '../yaml/decode';

/** What stands for the 5 random characters the server adds to a generateName (names.SimpleNameGenerator). */
const GENERATED_NAME_SUFFIX = 'x2f9q';

/**
 * The name the server validates: the written name, else the generateName it completes before it
 * validates (a Job's and a CronJob's name checks see the same name).
 */
export function nameAsValidated(meta: Obj): string {
  const generateName = goStr(meta.generateName);
  return goStr(meta.name) || (generateName ? `${generateName}${GENERATED_NAME_SUFFIX}` : '');
}

/** ValidateObjectMeta with a kind's name check (NameIsDNSSubdomain for most; a StatefulSet's is a DNS label from 1.27). */
export const objectMetaRules =
  (nameCheck: (name: string) => string[]): Rule =>
  (pod, ctx) => {
    const meta = obj(pod.metadata) ?? {};
    const path = FieldPath.root('metadata');
    // ValidatePodTemplateSpec checks only a template's labels and annotations.
    if (ctx.template)
      return [...validateLabels(obj(meta.labels), path.child('labels')), ...validateAnnotations(obj(meta.annotations), path.child('annotations'))];
    const errs: FieldError[] = [];
    const name = str(meta.name);
    const generateName = str(meta.generateName);
    // ValidateObjectMeta: a name, or a generateName that the server completes.
    if (generateName) {
      // ValidatePodName(generateName, prefix=true): the prefix is checked with a trailing "-" cut.
      const prefix = generateName.endsWith('-') ? generateName.slice(0, -1) : generateName;
      for (const msg of nameCheck(prefix)) errs.push(invalid(path.child('generateName'), generateName, msg));
    }
    if (!name && !generateName) errs.push(required(path.child('name'), 'name or generateName is required'));
    // The server names a generateName-only Pod (prefix + 5 random characters) before it validates,
    // so a bad prefix is reported for the name too, shown on generateName.
    const effectiveName = nameAsValidated(meta);
    if (effectiveName) {
      for (const msg of nameCheck(effectiveName)) {
        const e = invalid(path.child('name'), effectiveName, msg);
        errs.push(name ? e : at(e, path.child('generateName')));
      }
    }
    const namespace = str(meta.namespace);
    if (namespace) for (const msg of isDNS1123Label(namespace)) errs.push(invalid(path.child('namespace'), namespace, msg));
    errs.push(...validateLabels(obj(meta.labels), path.child('labels')));
    errs.push(...validateAnnotations(obj(meta.annotations), path.child('annotations')));
    errs.push(...ownerReferences(arr(meta.ownerReferences), path.child('ownerReferences')));
    errs.push(...finalizers(arr(meta.finalizers), path.child('finalizers')));
    return errs;
  };

export const metadataRules: Rule = objectMetaRules(isDNS1123Subdomain);

/**
 * ValidateOwnerReferences and validateOwnerReference. The server names the list, not the item
 * (`metadata.ownerReferences.uid`); each error is shown on the item it is about.
 */
function ownerReferences(refs: JsonValue[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  refs.forEach((value, i) => {
    const ref = obj(value) ?? {};
    const item = path.index(i);
    const apiVersion = str(ref.apiVersion) ?? '';
    const kind = str(ref.kind) ?? '';
    const name = str(ref.name) ?? '';
    const uid = str(ref.uid) ?? '';
    // validateOwnerReference: [field, value written, valid, what the server says otherwise]
    const checks: [string, string, boolean, string][] = [
      ['apiVersion', apiVersion, !!groupVersionOf(apiVersion), 'version must not be empty'],
      ['kind', kind, !!kind, 'kind must not be empty'],
      ['name', name, !!name, 'name must not be empty'],
      ['uid', uid, !!uid, 'uid must not be empty'],
    ];
    for (const [field, v, ok, msg] of checks) if (!ok) errs.push(at(invalid(path.child(field), v, msg), item.child(field)));
    if (bool(ref.controller)) {
      const owner = `${kind}/${name}`;
      if (!firstController) firstController = owner;
      else {
        const detail = `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${owner}`;
        errs.push(at(invalid(path, new GoValue('[]v1.OwnerReference{…}'), detail), item.child('controller')));
      }
    }
  });
  return errs;
}

/** schema.ParseGroupVersion's version: `v1`, `apps/v1`; none for "", `a/` or `a/b/c`. */
function groupVersionOf(apiVersion: string): string | undefined {
  const parts = apiVersion.split('/');
  const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
  return version || undefined;
}

/** metav1.FinalizerOrphanDependents, FinalizerDeleteDependents and core.FinalizerKubernetes. */
const STANDARD_FINALIZERS = new Set(['orphan', 'foregroundDeletion', 'kubernetes']);

/**
 * ValidateFinalizers (each a qualified name; not both orphan and foregroundDeletion), then core's
 * validateKubeFinalizerName (a name without a `/` must be a standard one; this one names the
 * item, `metadata.finalizers[0]`). Errors naming the list are shown on the item.
 */
function finalizers(list: JsonValue[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const names = list.map((v) => str(v) ?? '');
  names.forEach((name, i) => {
    for (const msg of isQualifiedName(name)) errs.push(at(invalid(path, name, msg), path.index(i)));
  });
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    errs.push(invalid(path, names, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  names.forEach((name, i) => {
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
      errs.push(invalid(path.index(i), name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}
