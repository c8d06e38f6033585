/**
 * `npm run build`: bundles the extension client and the language server with esbuild, and
 * compiles each Kubernetes version's Pod validator ahead of time (ajv standalone), so the
 * server neither needs node_modules nor compiles schemas when it starts.
 *
 *   dist/extension.js         the VS Code extension (client)
 *   dist/server.js            the language server: node dist/server.js --stdio
 *   dist/clusterSchema.js     ajv's compiler, for a cluster's own schema: loaded by the server on first use
 *   dist/cli.js               pod-manifests validate FILE... (the package's bin)
 *   dist/validators/*.js      one compiled validator per Kubernetes version
 */
import { build } from 'esbuild';
import standaloneCode from 'ajv/dist/standalone';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAjv, jsonSchemaOf } from '../server/src/schema/ajv';
import { schemaFileName, validatorFileName } from '../server/src/schema/load';
import { SchemaModel } from '../server/src/schema/model';
import type { PodSchema } from '../server/src/schema/types';
import { VERSIONS } from '../server/src/schema/versions';

const root = resolve(__dirname, '..');
const dist = join(root, 'dist');
const production = process.argv.includes('--production');

async function bundle(entry: string, outfile: string, external: string[] = [], banner?: string) {
  await build({
    ...(banner ? { banner: { js: banner } } : {}),
    entryPoints: [join(root, entry)],
    outfile: join(dist, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    // NO_MINIFY=1 keeps function names readable in CPU profiles.
    minify: !process.env.NO_MINIFY,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
  });
}

async function validators() {
  const tmp = mkdtempSync(join(tmpdir(), 'pod-validators-'));
  try {
    for (const version of VERSIONS) {
      const schema = JSON.parse(readFileSync(join(root, 'schemas', schemaFileName(version)), 'utf8')) as PodSchema;
      const ajv = createAjv({ standalone: true });
      const validate = ajv.compile(jsonSchemaOf(new SchemaModel(schema)));
      const source = join(tmp, `${version}.js`);
      writeFileSync(source, standaloneCode(ajv, validate));
      await build({
        entryPoints: [source],
        outfile: join(dist, 'validators', validatorFileName(version)),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        minify: true,
        logLevel: 'warning',
      });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await Promise.all([
    bundle('server/src/server.ts', 'server.js'),
    bundle('server/src/schema/clusterSchema.ts', 'clusterSchema.js'),
    bundle('server/src/cli.ts', 'cli.js', [], '#!/usr/bin/env node'),
    bundle('client/src/extension.ts', 'extension.js', ['vscode']),
    validators(),
  ]);
  chmodSync(join(dist, 'cli.js'), 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
