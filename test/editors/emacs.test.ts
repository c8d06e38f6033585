// The README's Eglot configuration, copied from the README as written, in Debian's Emacs (batch)
// with Debian's Eglot and yaml-mode, against the installed npm package: Eglot starts the server
// for a YAML buffer and gets a Pod's diagnostics (Flymake), completion (completion-at-point) and
// hover (ElDoc); emacs.el asks and records.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { installedPackage } from '../helpers/installedPackage';
import { REPO } from '../helpers/service';

const EMACS = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
const work = mkdtempSync(join(tmpdir(), 'pod-manifests-emacs-'));

/** The elisp block after the README's `<!-- emacs-config` marker. */
function readmeConfig(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /<!-- emacs-config[^\n]*\n```elisp\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(block, 'the README has an elisp block after <!-- emacs-config -->');
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

// In CI (scripts/setup-system.sh installs it) a missing Emacs fails the test instead.
describe(
  'Emacs and Eglot with the README configuration',
  { skip: EMACS.status !== 0 && !process.env.CI && 'no emacs (apt-get install emacs-nox elpa-eglot elpa-yaml-mode)' },
  () => {
    after(() => rmSync(work, { recursive: true, force: true }));

    it("gets the Pod's diagnostics, completion in a container and hover on restartPolicy", () => {
      const pkg = installedPackage();
      writeFileSync(join(work, 'config.el'), readmeConfig());
      writeFileSync(join(work, 'pod.yaml'), POD);
      const out = join(work, 'out.json');
      const emacs = spawnSync('emacs', ['--batch', '-l', join(REPO, 'test', 'editors', 'emacs.el')], {
        cwd: work,
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          HOME: work,
          PATH: `${pkg.bin}${delimiter}${process.env.PATH}`,
          CONFIG: join(work, 'config.el'),
          POD: join(work, 'pod.yaml'),
          OUT: out,
          COMPLETE_AT: '9:4',
          HOVER_AT: '5:4',
        },
      });
      assert.equal(emacs.status, 0, `emacs: ${emacs.stdout}${emacs.stderr}`);
      // Eglot warns of what it does not take (a registration it did not offer, say).
      assert.doesNotMatch(emacs.stderr, /Warning|unsupported/, emacs.stderr);
      const got = JSON.parse(readFileSync(out, 'utf8')) as {
        mode: string;
        server: string;
        published: boolean;
        diagnostics: { line: number; col: number; text: string }[];
        completion: string[];
        hover: string;
      };
      console.log(
        `${EMACS.stdout.split('\n')[0]}: ${got.diagnostics.length} diagnostic(s), ${got.completion.length} completion items, hover ${got.hover.length} chars`,
      );
      assert.deepEqual([got.mode, got.server], ['yaml-mode', 'pod-manifests']);
      assert.deepEqual(got.diagnostics, [
        {
          line: 5,
          col: 17,
          text: 'pod-manifests [unsupported-value]: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        },
      ]);
      assert.deepEqual(got.completion.slice(0, 6), ['imagePullPolicy', 'command', 'args', 'ports', 'env', 'envFrom']);
      assert.ok(!got.completion.includes('name') && !got.completion.includes('image'), 'the keys already there are not offered');
      assert.match(got.hover, /^\*\*restartPolicy\*\* · `string`/);
      assert.match(got.hover, /Restart policy for all containers within the pod\. One of Always, OnFailure, Never\./);
    });
  },
);
