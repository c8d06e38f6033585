/**
 * Parity with the real server: every Pod of the parity corpus is sent to a real kube-apiserver
 * v1.20.2 (`POST … ?dryRun=All`: nothing is stored) and through our validator with Kubernetes
 * version 1.20. The verdicts (accept / reject) must agree on ≥ 98 % of the Pods, and for each
 * rejection the field paths the server names must be among ours on ≥ 95 %. The mismatches are
 * printed either way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../server/src/service/diagnostics';
import { Cluster, useCluster } from '../cluster/helper';
import { doc, messageText, service } from '../helpers/service';
import { parityCases, ParityCase } from './cases';

interface Verdict {
  verdict: 'accept' | 'reject';
  paths: string[];
  messages: string[];
}

async function serverVerdict(cluster: Cluster, c: ParityCase): Promise<Verdict> {
  const reply = await cluster.request('POST', '/api/v1/namespaces/default/pods', {
    body: c.text,
    contentType: 'application/yaml',
    query: { dryRun: 'All' },
  });
  if (reply.status === 201) return { verdict: 'accept', paths: [], messages: [] };
  const status = reply.json<{ message?: string; details?: { causes?: { field?: string; message?: string }[] } }>();
  if (reply.status === 422 || reply.status === 400) {
    const causes = status.details?.causes ?? [];
    return {
      verdict: 'reject',
      paths: [...new Set(causes.map((x) => x.field ?? '').filter(Boolean))],
      messages: causes.map((x) => `${x.field}: ${x.message}`),
    };
  }
  throw new Error(`${c.id}: the server answered ${reply.status}: ${reply.body.slice(0, 300)}`);
}

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

describe('parity with kube-apiserver v1.20.2', () => {
  let cluster: Cluster;
  before(async () => {
    cluster = await useCluster();
  });
  after(() => cluster?.release());

  it('gives the same verdicts and field paths as the real server on the parity corpus', { timeout: 10 * 60_000 }, async () => {
    const cases = parityCases();
    const report: string[] = [];
    let sameVerdict = 0;
    let rejections = 0;
    let samePaths = 0;
    let annotationsWrong = 0;
    for (const c of cases) {
      const server = await serverVerdict(cluster, c);
      const ours = ourVerdict(c);
      const annotated = c.expect.verdict === server.verdict && c.expect.paths.every((p) => server.paths.includes(p));
      if (!annotated) {
        annotationsWrong++;
        report.push(
          `  case note disagrees with the server: ${c.id} ${c.name}: noted ${c.expect.verdict} ${c.expect.paths.join(' ')}; server ${server.verdict} ${server.paths.join(' ')}`,
        );
      }
      if (server.verdict === ours.verdict) sameVerdict++;
      else
        report.push(
          `  verdict ${c.id} ${c.name}: server ${server.verdict} [${server.messages.join(' | ')}], ours ${ours.verdict} [${ours.messages.join(' | ')}]`,
        );
      if (server.verdict === 'reject') {
        rejections++;
        const missing = server.paths.filter((p) => !ours.paths.includes(p));
        if (ours.verdict === 'reject' && missing.length === 0) samePaths++;
        else if (ours.verdict === 'reject') report.push(`  paths ${c.id} ${c.name}: server ${server.paths.join(', ')}; ours ${ours.paths.join(', ')}`);
      }
    }
    const verdictRate = sameVerdict / cases.length;
    const pathRate = rejections ? samePaths / rejections : 1;
    const summary =
      `parity: ${cases.length} Pods; same verdict ${sameVerdict}/${cases.length} (${(verdictRate * 100).toFixed(1)} %); ` +
      `same field paths ${samePaths}/${rejections} rejections (${(pathRate * 100).toFixed(1)} %); case notes that disagree with the server: ${annotationsWrong}`;
    console.log([summary, ...report].join('\n'));
    assert.ok(cases.length >= 150, `only ${cases.length} parity cases`);
    assert.ok(verdictRate >= 0.98, summary);
    assert.ok(pathRate >= 0.95, summary);
  });
});
