// Published Helm charts (test/fixtures/charts, with PROVENANCE.md: 27 charts of 11 upstream
// repositories, copied unchanged): every workload template checks clean, and a literal fault
// planted in each is reported on its line. Faults are planted as a sibling of the Pod template's
// `containers:` (a line before it, at its indentation): a misspelt key, a bad enum, a type error
// and a value out of range, one at a time.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { brief, doc, REPO, service } from '../helpers/service';

const ROOT = resolve(REPO, 'test', 'fixtures', 'charts');

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templates(path);
    return /\/templates\/.*\.ya?ml$/.test(path) && /^kind:\s*(Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod)\s*$/m.test(readFileSync(path, 'utf8'))
      ? [path]
      : [];
  });
}

const FAULTS: { line: string; code: string }[] = [
  { line: 'restartPolcy: Always', code: 'unknown-field' },
  { line: 'preemptionPolicy: Sometimes', code: 'unsupported-value' },
  { line: 'shareProcessNamespace: "yes"', code: 'wrong-type' },
  { line: 'activeDeadlineSeconds: 0', code: 'invalid-value' },
];

describe('published Helm charts', () => {
  const files = templates(ROOT);

  it('has the fixtures: 27 charts, their workload templates', () => {
    assert.equal(new Set(files.map((f) => relative(ROOT, f).split('/')[0])).size, 27);
    assert.ok(files.length >= 40, `${files.length} templates`);
  });

  it('every workload template: no false alarm; the one fault found is in the chart', () => {
    const found = files.flatMap((f) =>
      service()
        .validate(doc(readFileSync(f, 'utf8')))
        .map((d) => `${relative(ROOT, f)}: ${brief(d)}`),
    );
    // bitnami/memcached writes the metrics container's startupProbe with a literal `port: memcache`
    // right under it (line 210), where the other probes have it under `tcpSocket:`: rendered with
    // metrics.startupProbe.enabled, the API server refuses the Deployment for that field.
    assert.deepEqual(found, [
      'bitnami--memcached/templates/deployment.yaml: 210:13-210:17 unknown-field strict decoding error: unknown field "spec.template.spec.containers[1].startupProbe.port"',
    ]);
  });

  it('a literal fault planted in each is reported on its line (goal: 90 %)', (t) => {
    let planted = 0;
    const missed: string[] = [];
    for (const f of files) {
      const lines = readFileSync(f, 'utf8').split('\n');
      const at = lines.findIndex((l) => /^\s*containers:\s*$/.test(l));
      if (at < 0) continue; // a Pod spec written entirely by an include
      const indent = /^\s*/.exec(lines[at])![0];
      for (const fault of FAULTS) {
        const text = [...lines.slice(0, at), `${indent}${fault.line}`, ...lines.slice(at)].join('\n');
        planted++;
        const hit = service()
          .validate(doc(text))
          .some((d) => d.range.start.line === at && d.code === fault.code);
        if (!hit) missed.push(`${relative(ROOT, f)}:${at + 1} ${fault.line}`);
      }
    }
    const share = (planted - missed.length) / planted;
    t.diagnostic(`planted ${planted}, reported ${planted - missed.length} (${(share * 100).toFixed(1)} %)`);
    assert.ok(planted >= 40, `${planted} planted`);
    assert.ok(share >= 0.9, `missed:\n${missed.join('\n')}`);
  });
});
