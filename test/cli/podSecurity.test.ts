// `validate --pod-security`: one policy for every file, or the Namespace documents among the
// files; Pods that break it fail the run, workloads only warn (as the admission plugin answers).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../server/src/cli';
import { schemas } from '../helpers/service';

function run(...args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = runCli(args, schemas, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'pod-cli-pss-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const pod = file(
  'pod.yaml',
  'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: prod}\nspec:\n  hostIPC: true\n  containers: [{name: a, image: nginx}]\n',
);
const deployment = file(
  'deploy.yaml',
  'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      hostIPC: true\n      containers: [{name: a, image: nginx}]\n',
);

describe('validate --pod-security', () => {
  it('a Pod that breaks the level is an error: exit 1', () => {
    const r = run('validate', '--pod-security', 'baseline:1.30', pod);
    assert.equal(r.stdout, `${pod}:5:12: error: violates PodSecurity "baseline:v1.30": host namespaces (hostIPC=true)\n`);
    assert.equal(r.status, 1);
  });

  it('a workload is warned about, with its Pods refused: exit 0', () => {
    const r = run('validate', '--pod-security', 'baseline', deployment);
    assert.equal(
      r.stdout,
      `${deployment}:9:16: warning: would violate PodSecurity "baseline:latest": host namespaces (hostIPC=true)\nThe namespace enforces "baseline:latest": the Pods of this Deployment will be refused (FailedCreate).\n`,
    );
    assert.equal(r.status, 0);
  });

  it('without the flag, the labels of a Namespace document among the files apply to its namespace', () => {
    const ns = file(
      'ns.yaml',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels: {pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: v1.27}\n',
    );
    assert.equal(run('validate', pod).status, 0, 'no Namespace document: nothing known');
    const r = run('validate', ns, pod);
    assert.equal(r.stdout, `${pod}:5:12: error: violates PodSecurity "baseline:v1.27": host namespaces (hostIPC=true)\n`);
    assert.equal(run('validate', '--pod-security', 'off', ns, pod).status, 0);
  });

  it('refuses a policy it cannot read: exit 2', () => {
    const r = run('validate', '--pod-security', 'strict', pod);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--pod-security must be privileged, baseline or restricted, with an optional :VERSION/);
  });
});
