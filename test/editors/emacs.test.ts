// The README's Eglot configuration, copied from the README as written, in Debian's Emacs (batch)
// with Debian's Eglot and yaml-mode, against the installed npm package: Eglot starts the server
// for a YAML buffer and gets a Pod's diagnostics (Flymake), completion (completion-at-point) and
// hover (ElDoc); emacs.el asks and records.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO } from '../helpers/service';
import { REFUSED, assertCompletionAndHover, readmeBlock, runEditor } from './editorSession';

const EMACS = spawnSync('emacs', ['--version'], { encoding: 'utf8' });

interface Got {
  mode: string;
  server: string;
  diagnostics: { line: number; col: number; text: string }[];
  completion: string[];
  hover: string;
}

// In CI (scripts/setup-system.sh installs it) a missing Emacs fails the test instead.
describe(
  'Emacs and Eglot with the README configuration',
  { skip: EMACS.status !== 0 && !process.env.CI && 'no emacs (apt-get install emacs-nox elpa-eglot elpa-yaml-mode)' },
  () => {
    it("gets the Pod's diagnostics, completion in a container and hover on restartPolicy", () => {
      const { got, stderr } = runEditor<Got>(
        'emacs',
        readmeBlock('emacs-config', 'elisp'),
        'config.el',
        'emacs',
        ['--batch', '-l', join(REPO, 'test', 'editors', 'emacs.el')],
        {
          CONFIG: '{config}',
          POD: '{pod}',
        },
      );
      // Eglot warns of what it does not take (a registration it did not offer, say).
      assert.doesNotMatch(stderr, /Warning|unsupported/, stderr);
      assert.deepEqual([got.mode, got.server], ['yaml-mode', 'pod-manifests']);
      console.log(
        `${EMACS.stdout.split('\n')[0]}: ${got.diagnostics.length} diagnostic(s), ${got.completion.length} completion items, hover ${got.hover.length} chars`,
      );
      assert.deepEqual(got.diagnostics, [{ line: 5, col: 17, text: `pod-manifests [unsupported-value]: ${REFUSED}` }]);
      assertCompletionAndHover(got.completion, got.hover);
    });
  },
);
