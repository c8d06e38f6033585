/**
 * Parity with the real server: every object of the parity corpus (Pods, and the workload kinds
 * 1.20 serves: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController,
 * PodTemplate) is sent to a real kube-apiserver v1.20.2 (`POST <its kind's collection>?dryRun=All`:
 * nothing is stored) and through our validator with Kubernetes version 1.20. For the Pods and for
 * the workloads, each on their own: the verdicts (accept / reject) must agree on ≥ 98 % of the
 * objects, and for each rejection the field paths the server names must be among ours on ≥ 95 %.
 * The mismatches are printed either way, and the numbers per kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../server/src/service/diagnostics';
import { Cluster, useCluster } from '../cluster/helper';
import { doc, messageText, service } from '../helpers/service';
import { parityCases, ParityCase } from './cases';
import { serverVerdict, Verdict } from './server';

function ourVerdict(c: ParityCase): Verdict {
  const errors = service('1.20')
    .validate(doc(c.text))
    .filter((d) => d.severity === DiagnosticSeverity.Error);
  return {
    verdict: errors.length ? 'reject' : 'accept',
    paths: [...new Set(errors.map((d) => (d.data as DiagnosticData | undefined)?.path ?? ''))],
    messages: errors.map((d) => messageText(d.message)),
  };
}

interface Tally {
  cases: number;
  sameVerdict: number;
  rejections: number;
  samePaths: number;
}

const pct = (n: number, of: number) => `${((of ? n / of : 1) * 100).toFixed(1)} %`;

/** Runs one group of the corpus; returns its summary line (with the mismatches under it) and its rates. */
async function compare(cluster: Cluster, cases: ParityCase[], label: string) {
  const report: string[] = [];
  const total: Tally = { cases: 0, sameVerdict: 0, rejections: 0, samePaths: 0 };
  const perKind = new Map<string, Tally>();
  let annotationsWrong = 0;
  for (const c of cases) {
    const server = await serverVerdict(cluster, c.id, c.collection, c.text);
    const ours = ourVerdict(c);
    const kind = perKind.get(c.kind) ?? { cases: 0, sameVerdict: 0, rejections: 0, samePaths: 0 };
    perKind.set(c.kind, kind);
    const tallies = [total, kind];
    tallies.forEach((t) => t.cases++);
    const annotated = c.expect.verdict === server.verdict && c.expect.paths.every((p) => server.paths.includes(p));
    if (!annotated) {
      annotationsWrong++;
      report.push(
        `  case note disagrees with the server: ${c.id} ${c.name}: noted ${c.expect.verdict} ${c.expect.paths.join(' ')}; server ${server.verdict} ${server.paths.join(' ')}`,
      );
    }
    if (server.verdict === ours.verdict) tallies.forEach((t) => t.sameVerdict++);
    else
      report.push(
        `  verdict ${c.id} ${c.name}: server ${server.verdict} [${server.messages.join(' | ')}], ours ${ours.verdict} [${ours.messages.join(' | ')}]`,
      );
    if (server.verdict === 'reject') {
      tallies.forEach((t) => t.rejections++);
      const missing = server.paths.filter((p) => !ours.paths.includes(p));
      if (ours.verdict === 'reject' && missing.length === 0) tallies.forEach((t) => t.samePaths++);
      else if (ours.verdict === 'reject') report.push(`  paths ${c.id} ${c.name}: server ${server.paths.join(', ')}; ours ${ours.paths.join(', ')}`);
    }
  }
  const verdictRate = total.cases ? total.sameVerdict / total.cases : 1;
  const pathRate = total.rejections ? total.samePaths / total.rejections : 1;
  const line = (name: string, t: Tally) =>
    `${name}: ${t.cases}; same verdict ${t.sameVerdict}/${t.cases} (${pct(t.sameVerdict, t.cases)}); ` +
    `same field paths ${t.samePaths}/${t.rejections} rejections (${pct(t.samePaths, t.rejections)})`;
  const summary = `parity, ${line(label, total)}; case notes that disagree with the server: ${annotationsWrong}`;
  const kinds = perKind.size > 1 ? [...perKind].map(([k, t]) => `  ${line(k, t)}`) : [];
  console.log([summary, ...kinds, ...report].join('\n'));
  return { summary, verdictRate, pathRate, count: total.cases };
}

describe('parity with kube-apiserver v1.20.2', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await useCluster();
  });
  after(() => cluster?.release());

  it('gives the same verdicts and field paths as the real server on the Pods of the parity corpus', { timeout: 10 * 60_000 }, async () => {
    const { summary, verdictRate, pathRate, count } = await compare(
      cluster,
      parityCases().filter((c) => c.group === 'pod'),
      'Pods',
    );
    assert.ok(count >= 150, `only ${count} Pod parity cases`);
    assert.ok(verdictRate >= 0.98, summary);
    assert.ok(pathRate >= 0.95, summary);
  });

  it('gives the same verdicts and field paths as the real server on the workloads of the parity corpus', { timeout: 10 * 60_000 }, async () => {
    const cases = parityCases().filter((c) => c.group === 'workload');
    const { summary, verdictRate, pathRate, count } = await compare(cluster, cases, 'workloads');
    assert.ok(count >= 300, `only ${count} workload parity cases`);
    const kinds = new Set(cases.map((c) => c.kind));
    const served = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate'];
    assert.deepEqual(
      served.filter((k) => !kinds.has(k)),
      [],
      'a workload kind 1.20 serves has no parity cases',
    );
    assert.ok(verdictRate >= 0.98, summary);
    assert.ok(pathRate >= 0.95, summary);
  });
});
