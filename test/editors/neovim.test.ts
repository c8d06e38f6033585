// The README's Neovim configuration, copied from the README as written, in Debian's Neovim
// (headless) against the installed npm package: Neovim's own LSP client starts the server for a
// YAML buffer and gets a Pod's diagnostics, completion and hover (neovim.lua asks and records).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/service';
import { REFUSED, assertCompletionAndHover, readmeBlock, runEditor } from './editorSession';

const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' });

interface Got {
  filetype: string;
  clients: string[];
  diagnostics: { line: number; col: number; end_line: number; end_col: number; severity: number; message: string }[];
  completion: string[];
  hover: string;
}

// In CI (scripts/setup-system.sh installs it) a missing Neovim fails the test instead.
describe('Neovim with the README configuration', { skip: NVIM.status !== 0 && !process.env.CI && 'no nvim (apt-get install neovim)' }, () => {
  it("gets the Pod's diagnostics, completion in a container and hover on restartPolicy", () => {
    const { got } = runEditor<Got>('neovim', readmeBlock('neovim-config', 'lua'), 'init.lua', 'nvim', [
      '--headless',
      '-n',
      '-i',
      'NONE',
      '-u',
      '{config}',
      '{pod}',
      '-c',
      `luafile ${join(REPO, 'test', 'editors', 'neovim.lua')}`,
    ]);
    assert.equal(got.filetype, 'yaml');
    assert.deepEqual(got.clients, ['pod-manifests']);
    console.log(
      `${NVIM.stdout.split('\n')[0]}: ${got.diagnostics.length} diagnostic(s), ${got.completion.length} completion items, hover ${got.hover.length} chars`,
    );
    assert.deepEqual(got.diagnostics, [{ line: 5, col: 17, end_line: 5, end_col: 26, severity: 1, message: REFUSED }]);
    assertCompletionAndHover(got.completion, got.hover);
  });
});
