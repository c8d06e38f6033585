// The CLI's formats for CI: SARIF 2.1.0 (rules with help, results with regions and the API field
// path as logical location), GitHub workflow annotations, and a manifest on the standard input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli';
import { REPO, schemas } from '../helpers/service';

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, schemas, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const BAD =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: app\n    image: nginx\n    imagePullPolcy: Always\n';
const dir = mkdtempSync(join(tmpdir(), 'pod-cli-formats-'));
const file = join(dir, 'bad.yaml');
writeFileSync(file, BAD);

describe('validate --format sarif', () => {
  it('one run: a rule per code with its help, a result per finding with its region and field path', () => {
    const r = run('validate', '--format', 'sarif', file);
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string; rules: { id: string; help: { text: string } }[] } }; results: Record<string, unknown>[] }[];
    };
    assert.equal(log.version, '2.1.0');
    const [only] = log.runs;
    assert.equal(only.tool.driver.name, 'pod-manifests');
    assert.deepEqual(
      only.tool.driver.rules.map((rule) => rule.id),
      ['unknown-field', 'unsupported-value'],
    );
    assert.match(only.tool.driver.rules[1].help.text, /outside the ones the API server accepts/);
    assert.deepEqual(only.results[0], {
      ruleId: 'unsupported-value',
      ruleIndex: 1,
      level: 'error',
      message: { text: 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: relative(process.cwd(), file) },
            region: { startLine: 5, startColumn: 18, endLine: 5, endColumn: 27 },
          },
          logicalLocations: [{ fullyQualifiedName: 'spec.restartPolicy', kind: 'member' }],
        },
      ],
    });
  });
});

describe('validate --format github', () => {
  it('an annotation per finding, escaped as the runner reads it', () => {
    const r = run('validate', '--format', 'github', file);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      `::error file=${file},line=5,col=18,endLine=5,endColumn=27,title=pod-manifests(unsupported-value)::spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`,
      `::error file=${file},line=9,col=5,endLine=9,endColumn=19,title=pod-manifests(unknown-field)::strict decoding error: unknown field "spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)`,
    ]);
  });
});

describe('validate -', { skip: !existsSync(join(REPO, 'dist', 'cli.js')) && 'no dist/cli.js: npm run build' }, () => {
  it('reads the manifest on the standard input', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist', 'cli.js'), 'validate', '-'], { input: BAD, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^<stdin>:5:18: error: spec\.restartPolicy: Unsupported value: "Sometimes"/);
  });
});
