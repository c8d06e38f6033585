// pods/NAME/log through the real API server, which proxies to the Node's kubelet: our fake
// kubelet log server (kubelet-logs.mjs), scripted through its control port.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Cluster, createNamespace, deleteNamespace } from './helper';

let cluster: Cluster;
let ns: string;

async function pod(name: string, containers: string[], onNode = true) {
  const nodeName = onNode ? cluster.nodeName : undefined;
  const res = await cluster.request('POST', `/api/v1/namespaces/${ns}/pods`, {
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { ...(nodeName ? { nodeName } : {}), containers: containers.map((c) => ({ name: c, image: 'busybox' })) },
    },
  });
  assert.equal(res.status, 201, res.body);
}

const emit = (p: string, container: string, lines: string[], previous = false) =>
  cluster.kubelet('POST', '/control/emit', { namespace: ns, pod: p, container, lines, previous });
const logPath = (p: string) => `/api/v1/namespaces/${ns}/pods/${p}/log`;

before(async () => ({ cluster, ns } = await createNamespace('logs')));
after(() => deleteNamespace(cluster, ns));

describe('pod logs through the API server', () => {
  test('returns the lines the kubelet emits; the API server asked with its client certificate', async () => {
    await pod('plain', ['app']);
    await emit('plain', 'app', ['first line', 'second line', 'third line']);
    const res = await cluster.request('GET', logPath('plain'));
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    assert.equal(res.body, 'first line\nsecond line\nthird line\n');

    const { requests } = await cluster.kubelet('GET', '/control/requests');
    const seen = requests.filter((r: { path: string }) => r.path === `/containerLogs/${ns}/plain/app`);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].clientCN, 'kube-apiserver-kubelet-client');
  });

  test('tailLines, timestamps, limitBytes, sinceTime and previous reach the kubelet and work', async () => {
    await pod('opts', ['app']);
    await emit('opts', 'app', ['l1', 'l2', 'l3', 'l4']);
    await emit('opts', 'app', ['old-1', 'old-2'], true);

    const tail = await cluster.request('GET', logPath('opts'), { query: { tailLines: 2 } });
    assert.equal(tail.body, 'l3\nl4\n');

    const ts = await cluster.request('GET', logPath('opts'), { query: { timestamps: true, tailLines: 1 } });
    assert.match(ts.body, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z l4\n$/);

    const limited = await cluster.request('GET', logPath('opts'), { query: { limitBytes: 5 } });
    assert.equal(limited.body, 'l1\nl2');

    const future = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const none = await cluster.request('GET', logPath('opts'), { query: { sinceTime: future } });
    assert.equal(none.status, 200);
    assert.equal(none.body, '');
    const past = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const all = await cluster.request('GET', logPath('opts'), { query: { sinceTime: past } });
    assert.equal(all.body, 'l1\nl2\nl3\nl4\n');

    const prev = await cluster.request('GET', logPath('opts'), { query: { previous: true } });
    assert.equal(prev.body, 'old-1\nold-2\n');

    const { requests } = await cluster.kubelet('GET', '/control/requests');
    const queries = requests.filter((r: { path: string }) => r.path === `/containerLogs/${ns}/opts/app`).map((r: { query: object }) => r.query);
    assert.deepEqual(queries[0], { tailLines: '2' });
    assert.deepEqual(queries[1], { tailLines: '1', timestamps: 'true' });
    assert.deepEqual(queries[2], { limitBytes: '5' });
    assert.deepEqual(queries[3], { sinceTime: future });
    assert.deepEqual(queries[5], { previous: 'true' });
  });

  test('follow=true streams lines as they are emitted, while the stream stays open', async () => {
    await pod('follow', ['app']);
    await emit('follow', 'app', ['before']);
    const s = await cluster.stream(logPath('follow'), { query: { follow: true } });
    assert.equal(s.status, 200);
    await s.waitFor((t) => t === 'before\n');
    await cluster.waitForStreams(ns, 'follow', 'app', 1);

    await emit('follow', 'app', ['live one']);
    await s.waitFor((t) => t === 'before\nlive one\n');
    await emit('follow', 'app', ['live two', 'live three']);
    await s.waitFor((t) => t.endsWith('live three\n'));

    // a ticking container: the generator writes "tick 1".."tick 3"
    await cluster.kubelet('POST', '/control/generate', { namespace: ns, pod: 'follow', container: 'app', prefix: 'tick', intervalMs: 20, count: 3 });
    await s.waitFor((t) => t.endsWith('tick 3\n'));
    assert.equal(s.text(), 'before\nlive one\nlive two\nlive three\ntick 1\ntick 2\ntick 3\n');

    // the container "exits": the kubelet ends the stream, and so does the API server
    await cluster.kubelet('POST', '/control/end', { namespace: ns, pod: 'follow', container: 'app' });
    assert.equal(await s.closed, 'end');
  });

  test("a stream the kubelet drops mid-way ends the client's stream too", async () => {
    await pod('dropped', ['app']);
    const s = await cluster.stream(logPath('dropped'), { query: { follow: true } });
    await cluster.waitForStreams(ns, 'dropped', 'app', 1);
    await emit('dropped', 'app', ['a', 'b']);
    await s.waitFor((t) => t === 'a\nb\n');
    const { dropped } = await cluster.kubelet('POST', '/control/drop', { namespace: ns, pod: 'dropped', container: 'app' });
    assert.equal(dropped, 1);
    const how = await s.closed;
    assert.ok(how === 'end' || how === 'aborted', how);
    assert.equal(s.text(), 'a\nb\n');
    await cluster.waitForStreams(ns, 'dropped', 'app', 0);
  });

  test('drop after n more lines: the client gets exactly those lines, then the stream is gone', async () => {
    await pod('drop-after', ['app']);
    const s = await cluster.stream(logPath('drop-after'), { query: { follow: true } });
    await cluster.waitForStreams(ns, 'drop-after', 'app', 1);
    await cluster.kubelet('POST', '/control/drop', { namespace: ns, pod: 'drop-after', container: 'app', afterLines: 2 });
    await emit('drop-after', 'app', ['x1', 'x2', 'x3', 'x4']);
    await s.closed;
    assert.equal(s.text(), 'x1\nx2\n');
  });

  test("pause holds the kubelet's answer until resume", async () => {
    await pod('paused', ['app']);
    await emit('paused', 'app', ['p1']);
    await cluster.kubelet('POST', '/control/pause', { namespace: ns, pod: 'paused', container: 'app' });
    let settled = false;
    const pending = cluster.request('GET', logPath('paused')).finally(() => (settled = true));
    // poll until the request is held at the kubelet
    const q = new URLSearchParams({ namespace: ns, pod: 'paused', container: 'app' });
    for (let i = 0; ; i++) {
      const { held } = await cluster.kubelet('GET', `/control/streams?${q}`);
      if (held === 1) break;
      assert.ok(i < 500, 'request never reached the kubelet');
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(settled, false);
    await emit('paused', 'app', ['p2']);
    await cluster.kubelet('POST', '/control/resume', { namespace: ns, pod: 'paused', container: 'app' });
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(res.body, 'p1\np2\n');
  });

  test('a paused follow stream delivers what was held once resumed', async () => {
    await pod('paused-follow', ['app']);
    const s = await cluster.stream(logPath('paused-follow'), { query: { follow: true } });
    await cluster.waitForStreams(ns, 'paused-follow', 'app', 1);
    await cluster.kubelet('POST', '/control/pause', { namespace: ns, pod: 'paused-follow', container: 'app' });
    await emit('paused-follow', 'app', ['held 1', 'held 2']);
    assert.equal(s.text(), '');
    await cluster.kubelet('POST', '/control/resume', { namespace: ns, pod: 'paused-follow', container: 'app' });
    await s.waitFor((t) => t === 'held 1\nheld 2\n');
    s.close();
  });

  test('a Pod with no node: 204 and an empty body', async () => {
    await pod('unscheduled', ['app'], false);
    const res = await cluster.request('GET', logPath('unscheduled'));
    assert.equal(res.status, 204);
    assert.equal(res.body, '');
  });

  test("container checks are the API server's: 400 without a container name, or with a wrong one", async () => {
    await pod('two', ['web', 'sidecar']);
    const noName = await cluster.request('GET', logPath('two'));
    assert.equal(noName.status, 400);
    assert.match(noName.json().message, /a container name must be specified for pod two, choose one of: \[web sidecar\]/);
    const wrong = await cluster.request('GET', logPath('two'), { query: { container: 'nope' } });
    assert.equal(wrong.status, 400);
    assert.match(wrong.json().message, /container nope is not valid for pod two/);
    await emit('two', 'sidecar', ['from the sidecar']);
    const ok = await cluster.request('GET', logPath('two'), { query: { container: 'sidecar' } });
    assert.equal(ok.body, 'from the sidecar\n');
  });

  test('the viewer may read logs (pods/log get)', async () => {
    await pod('viewed', ['app']);
    await emit('viewed', 'app', ['visible']);
    const res = await cluster.request('GET', logPath('viewed'), { token: cluster.viewerToken });
    assert.equal(res.status, 200);
    assert.equal(res.body, 'visible\n');
  });
});
