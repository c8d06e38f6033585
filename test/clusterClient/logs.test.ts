// The log follower through the real API server and the fake kubelet (test/cluster/kubelet-logs.mjs),
// whose control port emits lines and drops streams on cue. Everything is awaited on events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BadRequestError,
  type FollowEnd,
  type FollowOptions,
  KubeClient,
  LogFollower,
  NotFoundError,
  PodNotScheduledError,
  applyPod,
} from '../../client/src/cluster';
import type { Cluster } from '../cluster/helper';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-logs')));
after(() => deleteAdminNamespace(cluster, ns, admin));

async function makePod(name: string, containers = ['app'], onNode = true) {
  await applyPod(admin, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: { ...(onNode ? { nodeName: cluster.nodeName } : {}), containers: containers.map((c) => ({ name: c, image: 'busybox' })) },
  });
}
const control = (what: string, pod: string, body: Record<string, unknown> = {}) =>
  cluster.kubelet('POST', `/control/${what}`, { namespace: ns, pod, container: 'app', ...body });
const emit = (pod: string, lines: string[], previous = false) => control('emit', pod, { lines, previous });
const kubeletQueries = async (pod: string) =>
  ((await cluster.kubelet('GET', '/control/requests')).requests as { path: string; query: Record<string, string> }[])
    .filter((r) => r.path === `/containerLogs/${ns}/${pod}/app`)
    .map((r) => r.query);

/** A follower with what it emitted, and a way to await a state of it. */
function follow(opts: Omit<FollowOptions, 'namespace'>) {
  const f = new LogFollower(admin, { namespace: ns, ...opts });
  const lines: string[] = [];
  const events: string[] = [];
  let end: FollowEnd | undefined;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  f.on('line', (l) => {
    lines.push(l.text);
    wake();
  });
  f.on('reconnecting', (i) => events.push(`reconnecting ${i.attempt}`));
  f.on('reconnected', (i) => {
    events.push(`reconnected ${i.attempt}`);
    wake();
  });
  f.on('end', (e) => {
    end = e;
    wake();
  });
  return {
    f,
    lines,
    events,
    get end() {
      return end;
    },
    /** resolves when pred() holds; fails fast if the follower ends first (the timer is only a safety net) */
    until(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pred()) done(resolve);
          else if (end) done(() => reject(new Error(`follower ended (${JSON.stringify(end)}) before ${what}; lines ${JSON.stringify(lines)}`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for ${what}; lines ${JSON.stringify(lines)}, events ${events}`))),
          timeoutMs,
        );
        const done = (fn: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          fn();
        };
        waiters.add(check);
        check();
      });
    },
  };
}

describe('log follower', () => {
  test('follows lines as they arrive (timestamps stripped), stop() ends it and closes the stream', async () => {
    await makePod('follow');
    await emit('follow', ['before 1', 'before 2']);
    const t = follow({ pod: 'follow', container: 'app' });
    t.f.start();
    await t.until(() => t.lines.length === 2, 'the existing lines');
    await cluster.waitForStreams(ns, 'follow', 'app', 1);
    await emit('follow', ['live 1']);
    await t.until(() => t.lines.length === 3, 'live 1');
    await emit('follow', ['live 2', 'live 3']);
    await t.until(() => t.lines.length === 5, 'live 3');
    assert.deepEqual(t.lines, ['before 1', 'before 2', 'live 1', 'live 2', 'live 3']);

    t.f.stop();
    assert.deepEqual(await t.f.done, { reason: 'stopped' });
    await cluster.waitForStreams(ns, 'follow', 'app', 0);
    assert.deepEqual(t.events, []);
    // the follower asks for timestamps to be able to resume, and follow
    assert.deepEqual(await kubeletQueries('follow'), [{ follow: 'true', timestamps: 'true' }]);
  });

  test('timestamps shown when asked for; tailLines passed on', async () => {
    await makePod('ts');
    await emit('ts', ['one', 'two', 'three']);
    const t = follow({ pod: 'ts', container: 'app', timestamps: true, tailLines: 2 });
    t.f.start();
    await t.until(() => t.lines.length === 2, 'two lines');
    t.f.stop();
    assert.match(t.lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z two$/);
    assert.match(t.lines[1], /^\S+Z three$/);
    assert.deepEqual(await kubeletQueries('ts'), [{ follow: 'true', tailLines: '2', timestamps: 'true' }]);
  });

  test('a stream dropped mid-way is resumed from the last timestamp: no duplicates, no gaps, and a reconnected event', async () => {
    await makePod('drop');
    await emit('drop', ['a1', 'a2', 'a3']);
    const t = follow({ pod: 'drop', container: 'app', tailLines: 200 });
    t.f.start();
    await t.until(() => t.lines.length === 3, 'a1..a3');
    await cluster.waitForStreams(ns, 'drop', 'app', 1);

    // the stream carries x1, x2 and is then cut; x3..x5 are written while it is down
    await control('drop', 'drop', { afterLines: 2 });
    await emit('drop', ['x1', 'x2', 'x3', 'x4', 'x5']);
    await t.until(() => t.events.includes('reconnected 1') && t.lines.length === 8, 'the resumed lines');
    // the resumed stream began at the second of x2, so it repeated x2 at least, and that was left out
    assert.ok(t.f.repeatsSkipped >= 1, String(t.f.repeatsSkipped));
    await cluster.waitForStreams(ns, 'drop', 'app', 1);
    await emit('drop', ['y1']);
    await t.until(() => t.lines.length === 9, 'y1');

    // cut again while idle: resumed again, nothing repeated
    await control('drop', 'drop');
    await t.until(() => t.events.filter((e) => e.startsWith('reconnected')).length === 2, 'the second reconnect');
    await cluster.waitForStreams(ns, 'drop', 'app', 1);
    await emit('drop', ['z1']);
    await t.until(() => t.lines.includes('z1'), 'z1');
    t.f.stop();

    assert.deepEqual(t.lines, ['a1', 'a2', 'a3', 'x1', 'x2', 'x3', 'x4', 'x5', 'y1', 'z1']);
    assert.deepEqual(t.events, ['reconnecting 1', 'reconnected 1', 'reconnecting 1', 'reconnected 1']);
    // the resumed requests: sinceTime (the API server truncates it to the second), no tailLines
    const [first, ...resumed] = await kubeletQueries('drop');
    assert.equal(first.tailLines, '200');
    assert.equal(resumed.length, 2);
    for (const q of resumed) {
      assert.equal(q.tailLines, undefined);
      assert.match(q.sinceTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  test('the stream ends and the container has terminated: completed; the Pod deleted: pod-deleted', async () => {
    await makePod('exits');
    const t = follow({ pod: 'exits', container: 'app' });
    t.f.start();
    await cluster.waitForStreams(ns, 'exits', 'app', 1);
    await emit('exits', ['last words']);
    await t.until(() => t.lines.length === 1, 'the last line');
    // what a kubelet would report, then end the stream as it does when the container exits
    const status = await cluster.request('PATCH', `/api/v1/namespaces/${ns}/pods/exits/status`, {
      contentType: 'application/merge-patch+json',
      body: {
        status: {
          containerStatuses: [
            { name: 'app', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
      },
    });
    assert.equal(status.status, 200, status.body);
    await control('end', 'exits');
    assert.deepEqual(await t.f.done, { reason: 'completed' });
    assert.deepEqual(t.events, []);

    await makePod('deleted');
    const d = follow({ pod: 'deleted', container: 'app' });
    d.f.start();
    await cluster.waitForStreams(ns, 'deleted', 'app', 1);
    const del = await cluster.request('DELETE', `/api/v1/namespaces/${ns}/pods/deleted`, { query: { gracePeriodSeconds: 0 } });
    assert.equal(del.status, 200, del.body);
    await control('drop', 'deleted');
    assert.deepEqual(await d.f.done, { reason: 'pod-deleted' });
  });

  test('stop() while waiting to reconnect', async () => {
    await makePod('stop-wait');
    const t = follow({ pod: 'stop-wait', container: 'app', reconnectDelayMs: () => 60_000 });
    const waiting = new Promise((r) => t.f.once('reconnecting', r));
    t.f.start();
    await cluster.waitForStreams(ns, 'stop-wait', 'app', 1);
    await control('drop', 'stop-wait');
    await waiting;
    t.f.stop();
    assert.deepEqual(await t.f.done, { reason: 'stopped' });
    assert.deepEqual(t.events, ['reconnecting 1']);
  });

  test('follow: false reads what is there and completes; previous reads the previous instance', async () => {
    await makePod('once');
    await emit('once', ['now 1', 'now 2']);
    await emit('once', ['old 1'], true);
    const t = follow({ pod: 'once', container: 'app', follow: false });
    t.f.start();
    assert.deepEqual(await t.f.done, { reason: 'completed' });
    assert.deepEqual(t.lines, ['now 1', 'now 2']);
    const p = follow({ pod: 'once', container: 'app', previous: true });
    p.f.start();
    assert.deepEqual(await p.f.done, { reason: 'completed' });
    assert.deepEqual(p.lines, ['old 1']);
  });

  test('a Pod not scheduled to a node (204): a clear message', async () => {
    await makePod('unscheduled', ['app'], false);
    const t = follow({ pod: 'unscheduled', container: 'app' });
    t.f.start();
    const end = await t.f.done;
    assert.equal(end.reason, 'error');
    const error = (end as { error: Error }).error;
    assert.ok(error instanceof PodNotScheduledError, String(error));
    assert.match(
      error.message,
      new RegExp(
        `^Pod "unscheduled" in namespace "${ns}" is not scheduled to a node yet, so it has no logs \\(204 from .*\\)\\. Wait until it is scheduled\\.$`,
      ),
    );
  });

  test('a wrong or missing container name (400) and a missing Pod (404): clear messages', async () => {
    await makePod('two', ['web', 'sidecar']);
    const wrong = follow({ pod: 'two', container: 'nope' });
    wrong.f.start();
    const e1 = ((await wrong.f.done) as { error: Error }).error;
    assert.ok(e1 instanceof BadRequestError, String(e1));
    assert.match(e1.message, /refused the request \(400 Bad Request\): cannot read the logs of Pod "two": container nope is not valid for pod two$/);

    const unnamed = follow({ pod: 'two' });
    unnamed.f.start();
    const e2 = ((await unnamed.f.done) as { error: Error }).error;
    assert.match(e2.message, /a container name must be specified for pod two, choose one of: \[web sidecar\]/);

    const missing = follow({ pod: 'no-such-pod', container: 'app' });
    missing.f.start();
    const e3 = ((await missing.f.done) as { error: Error }).error;
    assert.ok(e3 instanceof NotFoundError, String(e3));
    assert.match(e3.message, /pods "no-such-pod" not found/);
  });
});
