/**
 * `npm run build`: bundles the extension client and the language server with esbuild, and
 * compiles each Kubernetes version's validators (the Pod's, the workload kinds') ahead of time (ajv standalone), so the
 * server neither needs node_modules nor compiles schemas when it starts.
 *
 *   dist/extension.js         the VS Code extension (client)
 *   dist/server.js            the language server: node dist/server.js --stdio (the package's
 *                             bin pod-manifests-language-server)
 *   dist/clusterSchema.js     ajv's compiler, for a cluster's own schema: loaded by the server on first use
 *   dist/cli.js               pod-manifests validate FILE... (the package's bin pod-manifests)
 *   dist/validators/*.js      compiled validators: pod-vX.YY.js, workloads-vX.YY.js (one export per kind)
 */
import { build } from 'esbuild';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WORKLOAD_KINDS } from '../server/src/schema/kinds';
import { schemasFromDirectory, validatorFileName } from '../server/src/schema/load';
import { standaloneValidators } from '../server/src/schema/standalone';
import { VERSIONS } from '../server/src/schema/versions';

const root = resolve(__dirname, '..');
const dist = join(root, 'dist');
const production = process.argv.includes('--production');
const VERSION = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

async function bundle(entry: string, outfile: string, external: string[] = [], banner?: string) {
  await build({
    ...(banner ? { banner: { js: banner } } : {}),
    define: { BUILT_PACKAGE_VERSION: JSON.stringify(VERSION) },
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
    const schemas = schemasFromDirectory(join(root, 'schemas'), () => {
      throw new Error('not needed here');
    });
    // The Pod's module, and one module for every workload kind (they share their types).
    const models = VERSIONS.flatMap((version) => [schemas(version), schemas(version, WORKLOAD_KINDS[0])]);
    for (const model of models) {
      const name = validatorFileName(model.version, model.schema.root);
      const source = join(tmp, name);
      writeFileSync(source, standaloneValidators(model));
      await build({
        entryPoints: [source],
        outfile: join(dist, 'validators', name),
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
    bundle('server/src/server.ts', 'server.js', [], '#!/usr/bin/env node'),
    bundle('server/src/schema/clusterSchema.ts', 'clusterSchema.js'),
    bundle('server/src/cli.ts', 'cli.js', [], '#!/usr/bin/env node'),
    bundle('client/src/extension.ts', 'extension.js', ['vscode']),
    validators(),
  ]);
  for (const bin of ['cli.js', 'server.js']) chmodSync(join(dist, bin), 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
