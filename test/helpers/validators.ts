/**
 * Each version's JSON Schema validator for tests run from source: compiled by ajv standalone, as
 * `npm run build` compiles the bundle's, and kept in node_modules/.cache between test processes
 * (every test file runs in a process of its own, and compiling one version takes ~0.2–0.5 s). The
 * key is what the code is made of: the JSON Schema itself, ajv's options and ajv's version; a
 * change to any of them compiles again. Nothing to run first: a missing entry is compiled.
 */
import ajvPackage from 'ajv/package.json';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { createAjv, jsonSchemaOf } from '../../server/src/schema/ajv';
import { validatorFileName, ValidatorFactory } from '../../server/src/schema/load';
import { standaloneValidators } from '../../server/src/schema/standalone';

/** The validators of the repo at `repo`, cached in its node_modules (where the compiled code's own `require('ajv/dist/runtime/…')` resolves). */
export function cachedValidators(repo: string): ValidatorFactory {
  const cache = join(repo, 'node_modules', '.cache', 'pod-manifests', 'validators');
  return (model) => {
    const ajv = createAjv({ standalone: true });
    // Every root the module exports, not the model's own: the workload kinds share one module.
    const schema = { ...jsonSchemaOf(model), $ref: undefined, roots: model.schema.roots ?? [model.schema.root] };
    const key = createHash('sha256').update(ajvPackage.version).update(options(ajv.opts)).update(JSON.stringify(schema)).digest('hex').slice(0, 20);
    const file = join(cache, validatorFileName(model.version, model.schema.root).replace(/\.js$/, `-${key}.js`));
    if (!existsSync(file)) {
      const code = standaloneValidators(model);
      mkdirSync(cache, { recursive: true });
      // Written whole, then renamed: test processes running at once may compile the same version.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, code);
      renameSync(partial, file);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file compiled at run time
    const mod = require(file) as Record<string, ValidateFunction>;
    return mod[model.schema.root];
  };
}

/** ajv's options as text (they refer to themselves; functions, ajv's own defaults, are left out: the version stands for them). */
function options(opts: object): string {
  const seen = new Set<object>();
  return JSON.stringify(opts, (_key, value: unknown) => {
    if (typeof value === 'function') return undefined;
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[seen]';
    seen.add(value);
    return value;
  });
}
