// The README's Neovim configuration, copied from the README as written, in Debian's Neovim
// (headless) against the installed npm package: Neovim's own LSP client starts the server for a
// YAML buffer and gets a Pod's diagnostics, completion and hover (neovim.lua asks and records).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { installedPackage } from '../helpers/installedPackage';
import { REPO } from '../helpers/service';

const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const work = mkdtempSync(join(tmpdir(), 'pod-manifests-neovim-'));

/** The lua block after the README's `<!-- neovim-config` marker. */
function readmeConfig(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /<!-- neovim-config[^\n]*\n```lua\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(block, 'the README has a lua block after <!-- neovim-config -->');
  return block[1];
}

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  restartPolicy: Sometimes',
  '  containers:',
  '  - name: app',
  '    image: nginx',
  '    ',
  '',
].join('\n');

// In CI (scripts/setup-system.sh installs it) a missing Neovim fails the test instead.
describe('Neovim with the README configuration', { skip: NVIM.status !== 0 && !process.env.CI && 'no nvim (apt-get install neovim)' }, () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it("gets the Pod's diagnostics, completion in a container and hover on restartPolicy", () => {
    const pkg = installedPackage();
    writeFileSync(join(work, 'init.lua'), readmeConfig());
    writeFileSync(join(work, 'pod.yaml'), POD);
    const out = join(work, 'out.json');
    const nvim = spawnSync(
      'nvim',
      ['--headless', '-n', '-i', 'NONE', '-u', join(work, 'init.lua'), 'pod.yaml', '-c', `luafile ${join(REPO, 'test', 'editors', 'neovim.lua')}`],
      {
        cwd: work,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          PATH: `${pkg.bin}${delimiter}${process.env.PATH}`,
          OUT: out,
          COMPLETE_AT: '9:4',
          HOVER_AT: '5:4',
          XDG_STATE_HOME: work,
          XDG_DATA_HOME: work,
        },
      },
    );
    assert.equal(nvim.status, 0, `nvim: ${nvim.stdout}${nvim.stderr}`);
    const got = JSON.parse(readFileSync(out, 'utf8')) as {
      filetype: string;
      clients: string[];
      published: boolean;
      diagnostics: { line: number; col: number; end_line: number; end_col: number; severity: number; message: string }[];
      completion: string[];
      hover: string;
    };
    console.log(
      `${NVIM.stdout.split('\n')[0]}: ${got.diagnostics.length} diagnostic(s), ${got.completion.length} completion items, hover ${got.hover.length} chars`,
    );
    assert.equal(got.filetype, 'yaml');
    assert.deepEqual(got.clients, ['pod-manifests']);
    assert.deepEqual(got.diagnostics, [
      {
        line: 5,
        col: 17,
        end_line: 5,
        end_col: 26,
        severity: 1,
        message: 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      },
    ]);
    // A container's fields the container does not have yet, in the server's order (the docs').
    assert.deepEqual(got.completion.slice(0, 6), ['imagePullPolicy', 'command', 'args', 'ports', 'env', 'envFrom']);
    assert.ok(!got.completion.includes('name') && !got.completion.includes('image'), 'the keys already there are not offered');
    assert.match(got.hover, /^\*\*restartPolicy\*\* · `string`/);
    assert.match(got.hover, /Restart policy for all containers within the pod\. One of Always, OnFailure, Never\./);
  });
});
