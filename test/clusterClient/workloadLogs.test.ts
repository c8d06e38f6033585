// Logs of a workload's Pods (client/src/cluster/workloadLogs.ts) through the real API server and
// controller-manager: the Deployment's ReplicaSet makes real Pods on the fake node, whose fake
// kubelet (test/cluster/kubelet-logs.mjs, the one fake: nothing here runs containers) serves the
// lines the test emits. Everything is awaited on events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type KubeClient, type PodLine, WorkloadLogs, podSelector, selectorString } from '../../client/src/cluster';
import type { Cluster } from '../cluster/helper';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-wlogs')));
after(() => deleteAdminNamespace(cluster, ns, admin));

const DEPLOYMENT = { apiVersion: 'apps/v1', kind: 'Deployment' };
const emit = (pod: string, lines: string[]) => cluster.kubelet('POST', '/control/emit', { namespace: ns, pod, container: 'app', lines });

/** What a WorkloadLogs emitted, and a way to await a state of it. */
function observe(logs: WorkloadLogs) {
  const lines: PodLine[] = [];
  const events: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  logs.on('line', (l) => (lines.push(l), wake()));
  logs.on('joined', (j) => (events.push(`joined ${j.pod}`), wake()));
  logs.on('left', (l) => (events.push(`left ${l.pod} (${l.end.reason})`), wake()));
  logs.on('end', (e) => (events.push(`end ${e.reason}${e.reason === 'error' ? `: ${e.error.message}` : ''}`), wake()));
  return {
    lines,
    events,
    until(pred: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}; events ${events.join('; ')}`))), timeoutMs);
        const check = () => pred() && done(resolve);
        const done = (fn: () => void) => (clearTimeout(timer), waiters.delete(check), fn());
        waiters.add(check);
        check();
      });
    },
  };
}

describe('logs of a workload', () => {
  test('selectors in the API syntax: matchLabels and every operator', () => {
    assert.equal(
      selectorString({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'edge'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'team', operator: 'Exists' },
          { key: 'canary', operator: 'DoesNotExist' },
        ],
      }),
      'app=web,tier in (front,edge),env notin (dev),team,!canary',
    );
  });

  test("a Deployment's two Pods, each line with its Pod; a third Pod joins while following; a deleted one leaves and its replacement joins", async () => {
    const created = await cluster.request('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { nodeName: cluster.nodeName, containers: [{ name: 'app', image: 'nginx' }] } },
        },
      },
    });
    assert.equal(created.status, 201, created.body);
    assert.equal(await podSelector(admin, DEPLOYMENT, 'web', ns), 'app=web');

    const logs = new WorkloadLogs(admin, DEPLOYMENT, 'web', { namespace: ns }).start();
    const seen = observe(logs);
    try {
      await seen.until(() => logs.pods.length === 2, 'two Pods followed');
      const [a, b] = logs.pods;
      await emit(a, [`hello from ${a}`]);
      await emit(b, [`hello from ${b}`]);
      await seen.until(() => seen.lines.length === 2, 'a line from each Pod');
      assert.deepEqual(seen.lines.map((l) => `${l.pod}/${l.container}: ${l.text}`).sort(), [`${a}/app: hello from ${a}`, `${b}/app: hello from ${b}`].sort());

      const scaled = await cluster.request('PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/web`, {
        body: { spec: { replicas: 3 } },
        contentType: 'application/merge-patch+json',
      });
      assert.equal(scaled.status, 200, scaled.body);
      await seen.until(() => logs.pods.length === 3, 'the third Pod joins');
      const c = logs.pods.find((p) => p !== a && p !== b)!;
      await emit(c, ['late but here']);
      await seen.until(() => seen.lines.some((l) => l.pod === c), 'a line from the third Pod');

      // Deleted at once (no kubelet to wait for): it leaves, and the ReplicaSet's replacement joins.
      const gone = await cluster.request('DELETE', `/api/v1/namespaces/${ns}/pods/${a}`, { query: { gracePeriodSeconds: 0 } });
      assert.equal(gone.status, 200, gone.body);
      await seen.until(() => seen.events.includes(`left ${a} (pod-deleted)`), 'the deleted Pod leaves');
      await seen.until(() => logs.pods.length === 3 && !logs.pods.includes(a), 'its replacement joins');
      assert.deepEqual(seen.events.filter((e) => e.startsWith('joined')).length, 4, seen.events.join('; '));
    } finally {
      logs.stop();
    }
    assert.deepEqual(await logs.done, { reason: 'stopped' });
  });

  test('a workload that is not in the cluster, and a CronJob that has not run, say so', async () => {
    const missing = observe(new WorkloadLogs(admin, DEPLOYMENT, 'nowhere', { namespace: ns }).start());
    await missing.until(() => missing.events.length > 0, 'the end');
    assert.deepEqual(missing.events, [`end error: Deployment "nowhere" is not in namespace "${ns}": apply it first.`]);

    const cron = await cluster.request('POST', `/apis/batch/v1beta1/namespaces/${ns}/cronjobs`, {
      body: {
        apiVersion: 'batch/v1beta1',
        kind: 'CronJob',
        metadata: { name: 'yearly' },
        spec: {
          schedule: '0 0 1 1 *',
          jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox' }] } } } },
        },
      },
    });
    assert.equal(cron.status, 201, cron.body);
    const idle = observe(new WorkloadLogs(admin, { apiVersion: 'batch/v1beta1', kind: 'CronJob' }, 'yearly', { namespace: ns }).start());
    await idle.until(() => idle.events.length > 0, 'the end');
    assert.deepEqual(idle.events, ['end error: CronJob "yearly" has not started a Job yet: there are no logs to follow.']);
  });
});
