/**
 * The built CLI, as the package's bin runs it (`npm run build` → dist/cli.js): the bundled schemas
 * and the precompiled validators are found from the bundle, and the exit codes reach the shell.
 * What it reports is pinned from source by test/cli/cli.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const REPO = resolve(__dirname, '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const run = (...args: string[]) => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run npm run build first`);
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: REPO });
};

describe('dist/cli.js (the package bin)', () => {
  it('reports an error with its line and exits 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pod-cli-')), 'bad.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: a, image: nginx, ports: [{containerPort: 70000}]}]\n');
    const r = run('validate', '--kubernetes-version', '1.20', file);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, `${file}:5:64: error: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n`);
    assert.equal(r.status, 1);
  });

  it('exits 0 on clean files, 0 for --help, 2 on a usage error', () => {
    assert.equal(run('validate', join(REPO, 'test', 'fixtures', 'valid-pods.yaml'), join(REPO, 'test', 'fixtures', 'helm-create')).status, 0);
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: pod-manifests validate/);
    const bad = run('validate', '--format', 'xml', 'x.yaml');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be text, json, sarif or github/);
  });
});
