// `--format sarif` over the whole corpus (valid Pods, published invalid ones, kubectl-validate's
// cases, workloads) is a SARIF 2.1.0 log that the standard's own JSON schema accepts, and it
// says what the text format says: one result per finding, at the same place.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli } from '../../server/src/cli';
import { SHARED } from '../helpers/reference';
import { REPO, schemas } from '../helpers/service';

const CORPUS = join(SHARED, 'corpus');
// (valid/ holds valid/gated/: a directory is read with its subdirectories)
const DIRS = ['valid', 'published-invalid', 'kubectl-validate', 'workloads'].map((d) => join(CORPUS, d));

function run(...args: string[]): { status: number; stdout: string } {
  let stdout = '';
  const status = runCli(args, schemas, { stdout: (t) => (stdout += t), stderr: () => undefined });
  return { status, stdout };
}

const sarifSchema = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
// The formats too (uri, uri-reference, date-time): an artifact's uri must be a URI reference.
const validateSarif = addFormats(new Ajv({ allErrors: true, strict: false })).compile(sarifSchema);

interface Result {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
}

describe('validate --format sarif over the corpus', { skip: !existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
  for (const version of ['1.20', '1.35']) {
    it(`is valid SARIF 2.1.0 at ${version}, a result for every finding the text format prints`, () => {
      const sarif = run('validate', '--kubernetes-version', version, '--format', 'sarif', ...DIRS);
      const text = run('validate', '--kubernetes-version', version, ...DIRS);
      assert.equal(sarif.status, text.status);
      const log = JSON.parse(sarif.stdout) as { runs: { results: Result[] }[] };
      assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
      const results = log.runs[0].results;
      const places = results.map((r) => {
        const { artifactLocation, region } = r.locations[0].physicalLocation;
        return `${resolve(artifactLocation.uri)}:${region.startLine}:${region.startColumn}`;
      });
      const printed = text.stdout
        .split('\n')
        .filter((line) => /: (error|warning|info): /.test(line))
        .map((line) => /^(.*?:\d+:\d+):/.exec(line)![1]);
      assert.deepEqual(places.sort(), printed.sort());
      // The corpus's published invalid Pods do give findings: the comparison is not of two empty lists.
      assert.ok(results.length >= 20, `${results.length} results`);
      console.log(`SARIF at ${version}: ${results.length} results, valid against the SARIF 2.1.0 schema`);
    });
  }
});

describe('validate --format sarif: artifact URIs', () => {
  const BAD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  restartPolicy: Sometimes\n  containers: [{name: app, image: nginx}]\n';
  const uris = (stdout: string) =>
    (JSON.parse(stdout) as { runs: { results: Result[] }[] }).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);

  it('a file name with a space and a # is escaped, and the log stays valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pod-sarif-uri-'));
    const file = join(dir, 'my pod #1.yaml');
    writeFileSync(file, BAD);
    const r = run('validate', '--format', 'sarif', file);
    assert.ok(validateSarif(JSON.parse(r.stdout)), JSON.stringify(validateSarif.errors));
    assert.match(uris(r.stdout)[0], /\/my%20pod%20%231\.yaml$/);
  });

  const CLI = join(REPO, 'dist', 'cli.js');
  it('the standard input is a valid URI too (built CLI)', { skip: !existsSync(CLI) && 'no dist/cli.js: npm run build' }, () => {
    const r = spawnSync(process.execPath, [CLI, 'validate', '--format', 'sarif', '-'], { input: BAD, encoding: 'utf8' });
    assert.ok(validateSarif(JSON.parse(r.stdout)), JSON.stringify(validateSarif.errors));
    assert.deepEqual(uris(r.stdout), ['%3Cstdin%3E']);
  });
});
