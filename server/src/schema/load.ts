/**
 * Loads the bundled schemas of one Kubernetes version, once: nothing else is read from disk
 * after start, only the version in use is read at all, and the workload kinds' types only once
 * a workload document asks for them.
 */
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ObjectKind } from './kinds';
import { SchemaModel } from './model';
import type { PodSchema, WorkloadsSchema } from './types';
import { KubernetesVersion } from './versions';

/** The schema of a kind (a Pod when not said) at a version. */
export type SchemaProvider = (version: KubernetesVersion, kind?: ObjectKind) => SchemaModel;

export function schemaFileName(version: string): string {
  return `pod-v${version}.json`;
}

export function workloadsFileName(version: string): string {
  return `workloads-v${version}.json`;
}

export type ValidatorFactory = (model: SchemaModel) => ValidateFunction;

/** A provider over the `schemas/` folder, caching each file it has read and each model it has made. */
export function schemasFromDirectory(dir: string, makeValidator: ValidatorFactory): SchemaProvider {
  const files = new Map<string, unknown>();
  const read = <T>(file: string): T => {
    if (!files.has(file)) files.set(file, JSON.parse(readFileSync(join(dir, file), 'utf8')));
    return files.get(file) as T;
  };
  const models = new Map<string, SchemaModel>();
  return (version, kind = 'Pod') => {
    const key = `${version} ${kind}`;
    let model = models.get(key);
    if (!model) {
      const pod = read<PodSchema>(schemaFileName(version));
      model = kind === 'Pod' ? new SchemaModel(pod, makeValidator) : workloadModel(pod, read<WorkloadsSchema>(workloadsFileName(version)), kind, makeValidator);
      models.set(key, model);
    }
    return model;
  };
}

const mergedTypes = new WeakMap<WorkloadsSchema, Pick<PodSchema, 'types' | 'later' | 'roots'>>();

/** A workload kind's schema: the Pod's types and the workloads', shared by every workload kind of the version. */
export function workloadModel(pod: PodSchema, workloads: WorkloadsSchema, kind: ObjectKind, makeValidator?: ValidatorFactory): SchemaModel {
  let merged = mergedTypes.get(workloads);
  if (!merged) {
    merged = { types: { ...pod.types, ...workloads.types }, later: { ...pod.later, ...workloads.later }, roots: Object.values(workloads.roots) };
    mergedTypes.set(workloads, merged);
  }
  const root = workloads.roots[kind];
  if (!root) throw new Error(`no ${kind} in the workloads schema of Kubernetes ${workloads.version}`);
  return new SchemaModel({ version: workloads.version, root, ...merged }, makeValidator);
}

/** The file of a model's compiled validators: the Pod's, or the workload kinds' (one export per kind). */
export function validatorFileName(version: string, root = 'Pod'): string {
  return root === 'Pod' ? `pod-v${version}.js` : `workloads-v${version}.js`;
}

/** Validators compiled by `npm run build` (ajv standalone), one module per version and file, one export per root type. */
export function precompiledValidators(dir: string): ValidatorFactory {
  return (model) => {
    const file = join(dir, validatorFileName(model.version, model.schema.root));
    if (!existsSync(file)) throw new Error(`missing ${file}: run npm run build`);
    // A run-time path: esbuild leaves this require alone, so the built file is loaded as it is.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const mod = require(file) as Record<string, ValidateFunction>;
    const validate = mod[model.schema.root];
    if (!validate) throw new Error(`${file} has no validator for ${model.schema.root}: run npm run build`);
    return validate;
  };
}
