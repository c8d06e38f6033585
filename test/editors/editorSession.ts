// Shared by the other-editor tests: the README's configuration block for the editor, a Pod with
// one fault, the editor run in a scratch folder against the installed npm package (its driver
// script asks at COMPLETE_AT and HOVER_AT and writes what the editor got to OUT), and the answers
// every editor must show.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { installedPackage } from '../helpers/installedPackage';
import { REPO } from '../helpers/service';

/** The code block of `lang` after the README's `<!-- MARKER` comment. */
export function readmeBlock(marker: string, lang: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = new RegExp(`<!-- ${marker}[^\\n]*\\n\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  assert.ok(block, `the README has a ${lang} block after <!-- ${marker} -->`);
  return block[1];
}

/** restartPolicy's value is refused (line 5); line 9 is an empty key in the container. */
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
export const REFUSED = 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"';

export interface EditorRun<T> {
  /** What the editor run wrote to OUT. */
  got: T;
  stderr: string;
}

/**
 * Writes the README's block as `configFile` and the Pod as pod.yaml in a scratch folder, and runs
 * `command args` there (an argument or `env` value `{config}` or `{pod}` is replaced by that file's
 * path), with the installed package first on PATH; the folder is removed after.
 */
export function runEditor<T>(
  name: string,
  config: string,
  configFile: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): EditorRun<T> {
  const work = mkdtempSync(join(tmpdir(), `pod-manifests-${name}-`));
  const pkg = installedPackage();
  writeFileSync(join(work, configFile), config);
  writeFileSync(join(work, 'pod.yaml'), POD);
  const out = join(work, 'out.json');
  const files: Record<string, string> = { '{config}': join(work, configFile), '{pod}': join(work, 'pod.yaml') };
  const fill = (value: string) => files[value] ?? value;
  try {
    const r = spawnSync(command, args.map(fill), {
      cwd: work,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        HOME: work,
        XDG_STATE_HOME: work,
        XDG_DATA_HOME: work,
        PATH: `${pkg.bin}${delimiter}${process.env.PATH}`,
        OUT: out,
        COMPLETE_AT: '9:4',
        HOVER_AT: '5:4',
        ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)])),
      },
    });
    assert.equal(r.status, 0, `${command}: ${r.stdout}${r.stderr}`);
    return { got: JSON.parse(readFileSync(out, 'utf8')) as T, stderr: r.stderr };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The container's completion and restartPolicy's hover, as every editor must get them. */
export function assertCompletionAndHover(completion: string[], hover: string): void {
  // The fields the container does not have yet, in the server's order (the docs').
  assert.deepEqual(completion.slice(0, 6), ['imagePullPolicy', 'command', 'args', 'ports', 'env', 'envFrom']);
  assert.ok(!completion.includes('name') && !completion.includes('image'), 'the keys already there are not offered');
  assert.match(hover, /^\*\*restartPolicy\*\* · `string`/);
  assert.match(hover, /Restart policy for all containers within the pod\. One of Always, OnFailure, Never\./);
}
