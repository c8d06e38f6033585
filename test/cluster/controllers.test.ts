// The real kube-controller-manager beside the API server: workloads make their Pods, owned in a
// chain, and a workload whose Pods are refused gets the controllers' real FailedCreate event.
// Everything is awaited through the API's watch, never by sleeping.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Cluster, createNamespace, deleteNamespace } from './helper';

let cluster: Cluster;
let ns: string;
before(async () => ({ cluster, ns } = await createNamespace('controllers')));
after(() => deleteNamespace(cluster, ns));

interface Owned {
  metadata: { name: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
}
interface WatchEvent<T> {
  type: string;
  object: T;
}

/** Watches `path` until `done` holds for the objects seen so far (by name, latest version of each). */
async function watchUntil<T extends { metadata: { name: string } }>(path: string, done: (objects: T[]) => boolean, timeoutMs = 30_000): Promise<T[]> {
  const stream = await cluster.stream(`${path}${path.includes('?') ? '&' : '?'}watch=true`);
  assert.equal(stream.status, 200);
  const seen = () => {
    const latest = new Map<string, T>();
    for (const line of stream.text().split('\n')) {
      if (!line.trim()) continue;
      const e = JSON.parse(line) as WatchEvent<T>;
      if (e.type === 'DELETED') latest.delete(e.object.metadata.name);
      else if (e.type === 'ADDED' || e.type === 'MODIFIED') latest.set(e.object.metadata.name, e.object);
    }
    return [...latest.values()];
  };
  try {
    await stream.waitFor((text) => text.endsWith('\n') && done(seen()), timeoutMs);
    return seen();
  } finally {
    stream.close();
  }
}

const deployment = (name: string, replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { nodeName: cluster.nodeName, containers: [{ name: 'app', image: 'nginx:1' }] },
    },
  },
});

describe('kube-controller-manager', () => {
  test('a Deployment makes a ReplicaSet and it makes the Pods, each owned by the one before', async () => {
    const created = await cluster.request('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, { body: deployment('web', 3) });
    assert.equal(created.status, 201, created.body);
    const pods = await watchUntil<Owned>(`/api/v1/namespaces/${ns}/pods?labelSelector=app%3Dweb`, (ps) => ps.length === 3);
    const sets = (await cluster.request('GET', `/apis/apps/v1/namespaces/${ns}/replicasets?labelSelector=app%3Dweb`)).json<{ items: Owned[] }>().items;
    assert.equal(sets.length, 1);
    const [set] = sets;
    assert.deepEqual(
      set.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name} controller=${o.controller}`),
      ['Deployment/web controller=true'],
    );
    for (const p of pods)
      assert.deepEqual(
        p.metadata.ownerReferences?.map((o) => `${o.kind}/${o.name}`),
        [`ReplicaSet/${set.metadata.name}`],
      );
    const [status] = await watchUntil<Owned & { status?: { updatedReplicas?: number } }>(
      `/apis/apps/v1/namespaces/${ns}/deployments?fieldSelector=metadata.name%3Dweb`,
      (ds) => ds[0]?.status?.updatedReplicas === 3,
    );
    assert.equal(status.status?.updatedReplicas, 3);
  });

  test("a Deployment whose Pods the namespace's LimitRange refuses gets the ReplicaSet's real FailedCreate event", async () => {
    // Admission refuses the Pods, not the Deployment: the API server accepts the Deployment and
    // the ReplicaSet controller's creates fail, as they do under Pod Security or a quota.
    const limits = await cluster.request('POST', `/api/v1/namespaces/${ns}/limitranges`, {
      body: { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'small' }, spec: { limits: [{ type: 'Container', max: { cpu: '100m' } }] } },
    });
    assert.equal(limits.status, 201, limits.body);
    const big = deployment('refused', 1);
    (big.spec.template.spec.containers[0] as Record<string, unknown>).resources = { limits: { cpu: '1' } };
    assert.equal((await cluster.request('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, { body: big })).status, 201);
    type Event = Owned & { reason: string; message: string; involvedObject: { kind: string; name: string }; source?: { component?: string } };
    const events = await watchUntil<Event>(`/api/v1/namespaces/${ns}/events`, (es) => es.some((e) => e.reason === 'FailedCreate'));
    const failed = events.find((e) => e.reason === 'FailedCreate')!;
    assert.equal(failed.involvedObject.kind, 'ReplicaSet');
    assert.match(failed.involvedObject.name, /^refused-/);
    assert.equal(failed.source?.component, 'replicaset-controller');
    assert.match(failed.message, /^Error creating: pods "refused-.*" is forbidden: maximum cpu usage per Container is 100m, but limit is 1$/);
  });
});
