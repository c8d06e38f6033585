// The collection watch (client/src/cluster/watch.ts) against the real API server: list, then
// ADDED / MODIFIED / DELETED as they happen; a watch the server ends is reopened from the last
// resourceVersion without losing or repeating an event; a refused watch is one error, not retries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CollectionWatch, ForbiddenError, type KubeClient, type KubeObject, endpointForServer, KubeClient as Client } from '../../client/src/cluster';
import { type Cluster } from '../cluster/helper';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-watch')));
after(() => deleteAdminNamespace(cluster, ns, admin));

const pod = (name: string, app: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app } },
  spec: { containers: [{ name: 'app', image: 'busybox' }] },
});
const create = async (name: string, app: string) => {
  const r = await cluster.request('POST', `/api/v1/namespaces/${ns}/pods`, { body: pod(name, app) });
  assert.equal(r.status, 201, r.body);
  return r.json<KubeObject>();
};

/** The watch's events as `type name`, in order, and a way to await one. */
function record(watch: CollectionWatch) {
  const seen: string[] = [];
  const waiters: { want: string; resolve: () => void }[] = [];
  const note = (entry: string) => {
    seen.push(entry);
    for (const w of waiters.filter((x) => x.want === entry)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  watch.on('added', (o) => note(`added ${o.metadata.name}`));
  watch.on('modified', (o) => note(`modified ${o.metadata.name}`));
  watch.on('deleted', (o) => note(`deleted ${o.metadata.name}`));
  watch.on('dropped', () => note('dropped'));
  watch.on('resumed', () => note('resumed'));
  watch.on('relisted', () => note('relisted'));
  return {
    seen,
    next: (want: string) => (seen.includes(want) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ want, resolve }))),
  };
}

describe('collection watch', () => {
  test('lists what is there, then follows additions, changes and deletions of the selected Pods only', async () => {
    await create('w1', 'watched');
    await create('other', 'not-watched');
    const watch = new CollectionWatch(admin, `/api/v1/namespaces/${ns}/pods`, { labelSelector: 'app=watched' }).start();
    const events = record(watch);
    try {
      await watch.ready;
      assert.deepEqual([...watch.objects.keys()], ['w1']);
      await create('w2', 'watched');
      await events.next('added w2');
      const patched = await cluster.request('PATCH', `/api/v1/namespaces/${ns}/pods/w1`, {
        body: { metadata: { annotations: { note: 'changed' } } },
        contentType: 'application/merge-patch+json',
      });
      assert.equal(patched.status, 200, patched.body);
      await events.next('modified w1');
      assert.equal(watch.objects.get('w1')?.metadata.annotations && (watch.objects.get('w1')!.metadata.annotations as Record<string, string>).note, 'changed');
      assert.equal((await cluster.request('DELETE', `/api/v1/namespaces/${ns}/pods/w2`)).status, 200);
      await events.next('deleted w2');
      // The server marks a Pod deleted (deletionTimestamp: a MODIFIED event) before it removes it.
      assert.deepEqual(events.seen, ['added w1', 'added w2', 'modified w1', 'modified w2', 'deleted w2']);
      assert.deepEqual([...watch.objects.keys()], ['w1']);
    } finally {
      watch.stop();
    }
  });

  test('a watch the server ends is reopened from its resourceVersion: what happened meanwhile arrives once, with no new list', async () => {
    // timeoutSeconds: the server ends each watch after 1 s, as it does after --min-request-timeout.
    // The reopening waits 1 s, so a Pod created when the drop is seen is made while no watch is open.
    const watch = new CollectionWatch(admin, `/api/v1/namespaces/${ns}/pods`, {
      labelSelector: 'app=resumed',
      timeoutSeconds: 1,
      reconnectDelayMs: () => 1000,
    });
    const events = record(watch);
    const order: string[] = [];
    let made: Promise<KubeObject> | undefined;
    watch.once('dropped', () => {
      made = create('during-drop', 'resumed').then((o) => (order.push('created'), o));
    });
    watch.once('resumed', () => order.push('resumed'));
    watch.start();
    try {
      await watch.ready;
      await events.next('added during-drop');
      await made;
      assert.deepEqual(order, ['created', 'resumed'], 'the Pod was made while the watch was closed');
      assert.deepEqual(
        events.seen.filter((e) => e !== 'dropped' && e !== 'resumed'),
        ['added during-drop'],
      );
      assert.ok(!events.seen.includes('relisted'));
      // And it keeps going across further drops.
      await create('after', 'resumed');
      await events.next('added after');
      assert.equal(events.seen.filter((e) => e.startsWith('added')).length, 2);
    } finally {
      watch.stop();
    }
  });

  test("a watch the user may not make ends with the server's 403, once, without retrying", async () => {
    const viewer = new Client(
      endpointForServer({ server: cluster.server, token: cluster.viewerToken, ca: cluster.ca, namespace: ns, label: 'context "viewer"' }),
    );
    try {
      const watch = new CollectionWatch(viewer, `/apis/apps/v1/namespaces/${ns}/deployments`);
      const failed = new Promise<unknown>((resolve) => watch.once('error', resolve));
      watch.start();
      const error = await failed;
      assert.ok(error instanceof ForbiddenError, String(error));
      assert.match((error as ForbiddenError).message, /deployments\.apps is forbidden: User "viewer" cannot list resource "deployments"/);
    } finally {
      viewer.close();
    }
  });
});
