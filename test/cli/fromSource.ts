/**
 * The CLI from source, for tests that need no `npm run build`: server/src/cli.ts bundled by esbuild
 * as the build bundles it (into a temporary folder beside a link to the repo's schemas, as in the
 * package), except that the validators are the tests' (compiled by ajv standalone when first
 * used and cached: test/helpers/validators.ts) instead of dist/validators.
 */
import { build, type Plugin } from 'esbuild';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..');
const CLI_SOURCE = join(REPO, 'server', 'src', 'cli.ts');

/** cli.ts's `./schema/load`, with the tests' validators instead of the precompiled ones. */
const testValidators: Plugin = {
  name: 'test-validators',
  setup(b) {
    b.onResolve({ filter: /^\.\/schema\/load$/ }, (args) => (args.importer === CLI_SOURCE ? { path: join(__dirname, 'sourceLoad.ts') } : undefined));
  },
};

/** Bundles the CLI; resolves with the path of its script and a function that removes it. */
export async function cliFromSource(): Promise<{ script: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pod-cli-'));
  const script = join(dir, 'dist', 'cli.js');
  await build({
    entryPoints: [CLI_SOURCE],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [testValidators],
    define: { POD_MANIFESTS_REPO: JSON.stringify(REPO) },
    logLevel: 'warning',
  });
  symlinkSync(join(REPO, 'schemas'), join(dir, 'schemas'));
  return { script, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
