/**
 * Loads the bundled schema of one Kubernetes version, once: nothing else is read from disk
 * after start, and only the version in use is read at all.
 */
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaModel } from './model';
import type { PodSchema } from './types';
import { KubernetesVersion } from './versions';

export type SchemaProvider = (version: KubernetesVersion) => SchemaModel;

export function schemaFileName(version: string): string {
  return `pod-v${version}.json`;
}

export type ValidatorFactory = (model: SchemaModel) => ValidateFunction;

/** A provider over the `schemas/` folder, caching each version it has loaded. */
export function schemasFromDirectory(dir: string, makeValidator: ValidatorFactory): SchemaProvider {
  const cache = new Map<string, SchemaModel>();
  return (version) => {
    let model = cache.get(version);
    if (!model) {
      const schema = JSON.parse(readFileSync(join(dir, schemaFileName(version)), 'utf8')) as PodSchema;
      model = new SchemaModel(schema, makeValidator);
      cache.set(version, model);
    }
    return model;
  };
}

export function validatorFileName(version: string): string {
  return `pod-v${version}.js`;
}

/** Validators compiled by `npm run build` (ajv standalone), one file per version. */
export function precompiledValidators(dir: string): ValidatorFactory {
  return (model) => {
    const file = join(dir, validatorFileName(model.version));
    if (!existsSync(file)) throw new Error(`missing ${file}: run npm run build`);
    // A run-time path: esbuild leaves this require alone, so the built file is loaded as it is.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const mod = require(file) as { default?: ValidateFunction } & ValidateFunction;
    return mod.default ?? mod;
  };
}
