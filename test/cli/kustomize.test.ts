// Kustomize: the files a kustomization names as patches (patchesStrategicMerge, patches,
// patchesJson6902) are checked as patches; its resources as whole objects. Through the CLI,
// which reads the kustomizations from the disk as the language server does (server/src/kustomize.ts).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli';
import { brief, doc, REPO, schemas, service } from '../helpers/service';

const LAYOUT = resolve(REPO, 'test', 'fixtures', 'kustomize');

function run(...args: string[]): { status: number; stdout: string } {
  let stdout = '';
  const status = runCli(args, schemas, { stdout: (t) => (stdout += t), stderr: () => undefined });
  return { status, stdout };
}

/** A copy of the base + overlays layout, to plant faults in. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pod-kustomize-'));
  cpSync(LAYOUT, dir, { recursive: true });
  return dir;
}
const replaceIn = (file: string, find: string, replace: string) => {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(find), `${file}: ${find}`);
  writeFileSync(file, text.replace(find, replace));
};

describe('Kustomize base and overlays', () => {
  it('the patches (strategic merge, patches:, JSON 6902) and the base: no diagnostics', () => {
    const r = run('validate', LAYOUT);
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
  });

  it('the same patch alone, named by no kustomization, is a Deployment that lacks what the base has', () => {
    const text = readFileSync(join(LAYOUT, 'overlays', 'prod', 'memory.yaml'), 'utf8');
    assert.deepEqual(service().validate(doc(text)).map(brief), [
      '5:1-5:5 required spec.selector: Required value',
      '6:3-6:11 invalid-value spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
      '9:11-9:15 required spec.template.spec.containers[0].image: Required value',
    ]);
  });

  it('a fault planted in a patch is still reported on its line; one in the base too', () => {
    const dir = copy();
    replaceIn(join(dir, 'overlays', 'prod', 'memory.yaml'), '          resources:', '          resourcs:');
    replaceIn(join(dir, 'overlays', 'prod', 'replicas.yaml'), 'type: RollingUpdate', 'type: Sometimes');
    replaceIn(join(dir, 'overlays', 'dev', 'debug.yaml'), 'imagePullPolicy: Always', 'imagePullPolicy: Sometimes');
    replaceIn(join(dir, 'overlays', 'prod', 'replicas.yaml'), 'replicas: 3', 'replicas: "3"');
    replaceIn(join(dir, 'base', 'deployment.yaml'), '          image: registry.example/web:1.0\n', '');
    const r = run('validate', dir);
    assert.equal(
      r.stdout.replaceAll(`${dir}/`, ''),
      [
        'base/deployment.yaml:16:11: error: spec.template.spec.containers[0].image: Required value',
        'overlays/dev/debug.yaml:13:28: error: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        'overlays/prod/memory.yaml:10:11: error: strict decoding error: unknown field "spec.template.spec.containers[0].resourcs" (did you mean resources?)',
        'overlays/prod/replicas.yaml:6:13: error: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
        // (The server's own words for this one: it names the strategy, as Go prints it.)
        'overlays/prod/replicas.yaml:8:11: error: spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Sometimes", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 1);
  });

  it('a file no longer named by its kustomization is checked whole again', () => {
    const dir = copy();
    replaceIn(join(dir, 'overlays', 'prod', 'kustomization.yaml'), '  - memory.yaml\n', '');
    const r = run('validate', join(dir, 'overlays', 'prod', 'memory.yaml'));
    assert.match(r.stdout, /memory\.yaml:5:1: error: spec\.selector: Required value/);
  });
});
