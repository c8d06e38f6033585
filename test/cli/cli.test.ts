import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { SHARED } from '../helpers/reference';
import { doc, messageText, REPO, schemas, service } from '../helpers/service';
import { runCli } from '../../server/src/cli';

// The CLI from source, in-process: its exit code and what it writes (test/protocol/cli.test.ts runs the built dist/cli.js).
function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, schemas, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pod-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('pod-manifests validate (the CLI)', () => {
  it('prints file:line:col: severity: message and exits 1 on an error', () => {
    const file = tempFile(
      'bad.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  restartPolicy: Sometimes\n  containers: [{name: a, image: nginx}]\n',
    );
    const r = run('validate', file);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, `${file}:5:18: error: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n`);
  });

  it('honours the suppression comments, and lists what they silence with --show-suppressed', () => {
    const file = tempFile(
      'quiet.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  # pod-manifests-disable-next-line unsupported-value -- our admission webhook rewrites it\n  restartPolicy: Sometimes\n  containers: [{name: a, image: nginx}]\n',
    );
    const quiet = run('validate', file);
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stdout, '');
    const listed = run('validate', '--show-suppressed', file);
    assert.equal(listed.status, 0, 'a silenced error does not fail the run');
    assert.equal(
      listed.stdout,
      `${file}:6:18: suppressed (line 5) error: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"\n`,
    );
    const json = JSON.parse(run('validate', '--show-suppressed', '--format', 'json', file).stdout);
    assert.deepEqual(
      json.map((f: { line: number; code: string; suppressedBy?: number }) => [f.line, f.code, f.suppressedBy]),
      [[6, 'unsupported-value', 5]],
    );
  });

  it('exits 0 on clean files and prints nothing', () => {
    const r = run('validate', resolve(REPO, 'test', 'fixtures', 'valid-pods.yaml'), resolve(REPO, 'test', 'fixtures', 'helm-create'));
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
  });

  it('checks a folder of charts as the editor does: templates by what is literal, values files not at all', () => {
    const charts = resolve(REPO, 'test', 'fixtures', 'charts');
    const r = run('validate', charts);
    // The one fault of the 27 charts (test/core/charts.test.ts says what it is).
    assert.equal(
      r.stdout,
      `${charts}/bitnami--memcached/templates/deployment.yaml:210:13: error: strict decoding error: unknown field "spec.template.spec.containers[1].startupProbe.port"\n`,
    );
    assert.equal(r.status, 1);
  });

  it('writes JSON with file, 1-based line and column, severity, message and the API field path', () => {
    const file = tempFile('v.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  hostUsers: false\n  containers: [{name: a, image: nginx}]\n');
    const r = run('validate', '--format', 'json', '--kubernetes-version', '1.23', file);
    assert.equal(r.status, 1);
    assert.deepEqual(JSON.parse(r.stdout), [
      {
        file,
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 12,
        severity: 'error',
        code: 'unavailable-field',
        message: 'unknown field "spec.hostUsers": not available in Kubernetes 1.23 (added in 1.25)',
        path: 'spec.hostUsers',
      },
    ]);
  });

  it('explains a usage error and exits 2', () => {
    const r = run('validate', '--kubernetes-version', '1.21', 'x.yaml');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--kubernetes-version must be one of 1\.20, 1\.23, .*1\.35/);
    assert.equal(run('validate', '/nonexistent/file.yaml').status, 2);
    assert.equal(run().status, 2);
  });

  const corpus = join(SHARED, 'corpus');
  it(
    'agrees with the editor on every corpus file and every parity case, Pods and workloads, at 1.20 and 1.30',
    { skip: !existsSync(corpus) && 'no ../shared/corpus' },
    () => {
      const dirs = [
        ...['valid', 'valid/gated', 'published-invalid', 'kubectl-validate', 'workloads'].map((d) => join(corpus, d)),
        join(REPO, 'test', 'parity', 'cases'),
      ];
      const files = dirs.flatMap((dir) =>
        readdirSync(dir)
          .filter((n) => /\.(ya?ml|json)$/.test(n))
          .sort()
          .map((n) => join(dir, n)),
      );
      for (const version of ['1.20', '1.30'] as const) agree(files, version);
    },
  );

  function agree(files: string[], version: '1.20' | '1.30') {
    const r = run('validate', '--format', 'json', '--kubernetes-version', version, ...files);
    const fromCli = (JSON.parse(r.stdout) as { file: string; line: number; column: number; message: string }[]).map(
      (f) => `${resolve(REPO, f.file)}:${f.line}:${f.column}: ${f.message}`,
    );
    const fromEditor: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const d of service(version).validate(doc(text)))
        fromEditor.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${messageText(d.message)}`);
    }
    // The workload parity cases alone hold hundreds of faults: a verdict for every kind.
    assert.ok(fromEditor.length > 500, `${fromEditor.length} diagnostics`);
    assert.deepEqual(fromCli, fromEditor);
  }
});
