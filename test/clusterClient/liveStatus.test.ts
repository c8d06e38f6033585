// What the cluster reports after an apply, on the YAML line it is about: a Deployment applied to
// the real API server, whose real controller-manager makes the ReplicaSet and the Pods. Nothing
// here runs containers, so the test writes the Pods' status through the status subresource and
// creates the Events, as the kubelet itself does; the rest (ownership, the rollout counters,
// FailedCreate) is the controllers' own. The watch (objectWatch.ts) turns it into findings, and
// the language service places them on the document (takeClusterStatus).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type KubeClient, type KubeObject, type LiveState, ObjectWatch, applyObject, describeText } from '../../client/src/cluster';
import type { Cluster } from '../cluster/helper';
import { doc, service } from '../helpers/service';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-live')));
after(() => deleteAdminNamespace(cluster, ns, admin));

const YAML = (node: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      nodeName: ${node}
      containers:
      - name: app
        image: registry.example/web:1
        livenessProbe:
          httpGet: {path: /healthz, port: 8080}
        resources:
          limits:
            memory: 64Mi
      - name: sidecar
        image: busybox
`;

/** The states a watch went through, and a way to await one. */
function states(watch: ObjectWatch) {
  const seen: { at: number; state: LiveState }[] = [];
  const waiters = new Set<() => void>();
  watch.on('state', (state) => {
    seen.push({ at: performance.now(), state });
    waiters.forEach((w) => w());
  });
  watch.on('error', (e) => {
    throw e;
  });
  return {
    seen,
    /** The first state from the `from`-th on (take `seen.length` before a write: the states after it) that satisfies pred. */
    until(pred: (s: LiveState) => boolean, what: string, from = 0, timeoutMs = 10_000): Promise<{ at: number; state: LiveState }> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${what}; last: ${JSON.stringify(seen.at(-1)?.state)}`))), timeoutMs);
        const check = () => {
          const hit = seen.slice(from).find((s) => pred(s.state));
          if (hit) done(() => resolve(hit));
        };
        const done = (fn: () => void) => (clearTimeout(timer), waiters.delete(check), fn());
        waiters.add(check);
        check();
      });
    },
  };
}

/** A Pod's status as a kubelet writes it (strategic merge on the status subresource). */
async function setStatus(pod: string, containers: Record<string, unknown>[]) {
  const r = await cluster.request('PATCH', `/api/v1/namespaces/${ns}/pods/${pod}/status`, {
    body: {
      status: {
        phase: 'Running',
        containerStatuses: containers.map((c) => ({ ready: false, restartCount: 0, image: 'img', imageID: '', ...c })),
      },
    },
    contentType: 'application/strategic-merge-patch+json',
  });
  assert.equal(r.status, 200, r.body);
}
const running = { state: { running: { startedAt: '2026-12-02T10:00:00Z' } } };

describe('live status on the YAML lines', () => {
  test('rollout, ImagePullBackOff on the image, OOMKilled on the memory limit, a failed probe on the probe, each cleared when fixed', async (t) => {
    const text = YAML(cluster.nodeName);
    const svc = service('1.20');
    const d = doc(text);
    const [m] = svc.manifests(d);
    await applyObject(admin, m, m.manifest as unknown as KubeObject);
    const watch = new ObjectWatch(admin, { ...m, namespace: ns, manifest: m.manifest as unknown as KubeObject }).start();
    const seen = states(watch);
    const shown = (s: LiveState) => {
      svc.takeClusterStatus({ uri: d.uri, kind: m.kind, name: m.name, namespace: ns, findings: s.findings });
      return svc
        .validate(d)
        .filter((x) => x.source === 'cluster')
        .map((x) => `${x.range.start.line + 1}:${text.split('\n')[x.range.start.line].slice(x.range.start.character, x.range.end.character)} ${x.code}`);
    };
    try {
      const rolled = await seen.until(
        (s) => s.summary.startsWith('3/3 updated') && s.pods.length === 3,
        "the rollout to reach 3/3 updated, with the ReplicaSet's 3 Pods",
      );
      // No kubelet: the Pods never become ready, so the rollout is not over.
      assert.equal(rolled.state.summary, '3/3 updated, 0 ready, 0 available: rolling out…');
      const [a, b, c] = rolled.state.pods;

      const t1 = performance.now();
      let mark = seen.seen.length;
      await setStatus(a, [
        { name: 'app', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.example/web:1"' } } },
        { name: 'sidecar', ...running },
      ]);
      const pull = await seen.until((s) => s.findings.some((f) => f.code === 'ImagePullBackOff'), 'ImagePullBackOff', mark);
      assert.ok(pull.at - t1 < 2000, `${pull.at - t1} ms`);

      mark = seen.seen.length;
      const t2 = performance.now();
      await setStatus(b, [
        {
          name: 'app',
          restartCount: 2,
          ...running,
          lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: '2026-12-02T09:00:00Z', finishedAt: '2026-12-02T09:59:00Z' } },
        },
        { name: 'sidecar', ...running },
      ]);
      const oom = await seen.until((s) => s.findings.some((f) => f.code === 'OOMKilled'), 'OOMKilled', mark);
      assert.ok(oom.at - t2 < 2000, `${oom.at - t2} ms`);

      const podC = (await cluster.request('GET', `/api/v1/namespaces/${ns}/pods/${c}`)).json<KubeObject>();
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      mark = seen.seen.length;
      const t3 = performance.now();
      const event = await cluster.request('POST', `/api/v1/namespaces/${ns}/events`, {
        body: {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: `${c}.unhealthy` },
          involvedObject: { apiVersion: 'v1', kind: 'Pod', name: c, namespace: ns, uid: podC.metadata.uid, fieldPath: 'spec.containers{app}' },
          reason: 'Unhealthy',
          message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
          type: 'Warning',
          source: { component: 'kubelet', host: cluster.nodeName },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
      });
      assert.equal(event.status, 201, event.body);
      const all = await seen.until((s) => s.findings.some((f) => f.code === 'Unhealthy'), 'Unhealthy', mark);
      assert.ok(all.at - t3 < 2000, `${all.at - t3} ms`);
      t.diagnostic(
        `write → finding: ImagePullBackOff ${(pull.at - t1).toFixed(0)} ms, OOMKilled ${(oom.at - t2).toFixed(0)} ms, Unhealthy ${(all.at - t3).toFixed(0)} ms`,
      );
      assert.deepEqual(shown(all.state).sort(), ['16:registry.example/web:1 ImagePullBackOff', '17:livenessProbe Unhealthy', '21:64Mi OOMKilled'].sort());
      assert.match(
        all.state.findings.find((f) => f.code === 'OOMKilled')!.message,
        new RegExp(`^OOMKilled: the container ran out of memory \\(exit code 137, 2 restarts\\) \\(Pod ${b}, container "app"\\)$`),
      );

      // Fixed: the image is pulled and the container runs; the others stand.
      mark = seen.seen.length;
      await setStatus(a, [
        { name: 'app', ...running },
        { name: 'sidecar', ...running },
      ]);
      const fixed = await seen.until((s) => !s.findings.some((f) => f.code === 'ImagePullBackOff'), 'the pull failure to clear', mark);
      assert.deepEqual(shown(fixed.state).sort(), ['17:livenessProbe Unhealthy', '21:64Mi OOMKilled'].sort());
      // The Pod with the failed probe goes: its event is no longer true.
      mark = seen.seen.length;
      assert.equal((await cluster.request('DELETE', `/api/v1/namespaces/${ns}/pods/${c}`, { query: { gracePeriodSeconds: 0 } })).status, 200);
      const gone = await seen.until((s) => !s.findings.some((f) => f.code === 'Unhealthy'), 'the probe failure to clear', mark);
      assert.deepEqual(shown(gone.state), ['21:64Mi OOMKilled']);
    } finally {
      watch.stop();
    }
  });

  test("a Deployment whose Pods are refused: the ReplicaSet's real FailedCreate, on the template", async () => {
    const limits = await cluster.request('POST', `/api/v1/namespaces/${ns}/limitranges`, {
      body: { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'small' }, spec: { limits: [{ type: 'Container', max: { cpu: '100m' } }] } },
    });
    assert.equal(limits.status, 201, limits.body);
    const text = YAML(cluster.nodeName)
      .replace('name: web', 'name: refused')
      .replace(/app: web/g, 'app: refused')
      .replace('            memory: 64Mi', '            memory: 64Mi\n            cpu: "1"');
    const svc = service('1.20');
    const d = doc(text);
    const [m] = svc.manifests(d);
    await applyObject(admin, m, m.manifest as unknown as KubeObject);
    const watch = new ObjectWatch(admin, { ...m, namespace: ns, manifest: m.manifest as unknown as KubeObject }).start();
    try {
      // The ReplicaSet's event, and the deployment controller's condition that follows from it.
      const replicaFailure = () => ((watch.snapshot().object?.status?.conditions ?? []) as { type: string }[]).some((c) => c.type === 'ReplicaFailure');
      const { state } = await states(watch).until((s) => s.findings.some((f) => f.code === 'FailedCreate') && replicaFailure(), 'FailedCreate');
      const failed = state.findings.find((f) => f.code === 'FailedCreate')!;
      assert.equal(failed.path, 'spec.template');
      assert.match(failed.message, /^FailedCreate: Error creating: pods "refused-.*" is forbidden: maximum cpu usage per Container is 100m, but limit is 1$/);
      svc.takeClusterStatus({ uri: d.uri, kind: m.kind, name: m.name, namespace: ns, findings: state.findings });
      const placed = svc.validate(d).filter((x) => x.source === 'cluster');
      assert.deepEqual(
        placed.map((x) => `${x.range.start.line + 1} ${x.code}`),
        ['9 FailedCreate'],
      );

      // Show Events and Conditions: the ReplicaSet's FailedCreate and the Deployment's own events, newest first.
      const { object, events } = watch.snapshot();
      const newest = Math.max(...events.map((e) => Date.parse(e.lastTimestamp!)));
      const text = describeText('Deployment', object, events, new Date(newest + 65_000));
      const rows = text.split('\n');
      assert.equal(rows[0], `Deployment ${ns}/refused`);
      const header = rows.indexOf('Events (newest first):');
      assert.match(rows[header + 1], /^ {2}Type +Reason +Age +From +Object +Message$/);
      // The deployment controller's condition says the same.
      assert.ok(
        rows.slice(0, header).some((r) => /^ {2}ReplicaFailure +True +FailedCreate +pods "refused-.*" is forbidden: maximum cpu usage/.test(r)),
        text,
      );
      const failedRow = rows.slice(header).find((r) => r.includes('FailedCreate'))!;
      assert.match(
        failedRow,
        /^ {2}Warning +FailedCreate +\d+s( \(x\d+\))? +replicaset-controller +ReplicaSet\/refused-\w+ +Error creating: pods "refused-.*" is forbidden: maximum cpu usage per Container is 100m, but limit is 1$/,
      );
      const scaled = rows.slice(header).find((r) => r.includes('ScalingReplicaSet'))!;
      assert.match(scaled, /^ {2}Normal +ScalingReplicaSet +\d+s +deployment-controller +Scaled up replica set refused-\w+ to 3$/);
    } finally {
      watch.stop();
    }
  });

  test('a Pod: CrashLoopBackOff on the name, FailedMount (events.k8s.io/v1) on the volume, FailedScheduling on the request it names', async () => {
    const text = `apiVersion: v1
kind: Pod
metadata:
  name: crashy
spec:
  containers:
  - name: app
    image: busybox
    resources:
      requests:
        memory: 64Gi
    volumeMounts:
    - {name: config, mountPath: /etc/app}
  volumes:
  - name: config
    configMap:
      name: app-config
`;
    const svc = service('1.20');
    const d = doc(text);
    const [m] = svc.manifests(d);
    const applied = await applyObject(admin, m, m.manifest as unknown as KubeObject);
    const uid = applied.object.metadata.uid;
    const watch = new ObjectWatch(admin, { ...m, namespace: ns, manifest: m.manifest as unknown as KubeObject }).start();
    const seen = states(watch);
    try {
      await watch.settled();
      const now = new Date().toISOString();
      // The scheduler's words, as a core/v1 Event.
      const scheduling = await cluster.request('POST', `/api/v1/namespaces/${ns}/events`, {
        body: {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: 'crashy.scheduling' },
          involvedObject: { apiVersion: 'v1', kind: 'Pod', name: 'crashy', namespace: ns, uid },
          reason: 'FailedScheduling',
          message: '0/1 nodes are available: 1 Insufficient memory.',
          type: 'Warning',
          source: { component: 'default-scheduler' },
          firstTimestamp: now.replace(/\.\d+Z$/, 'Z'),
          lastTimestamp: now.replace(/\.\d+Z$/, 'Z'),
          count: 1,
        },
      });
      assert.equal(scheduling.status, 201, scheduling.body);
      // A kubelet of today writes events.k8s.io/v1 Events (regarding, note, eventTime).
      const mount = await cluster.request('POST', `/apis/events.k8s.io/v1/namespaces/${ns}/events`, {
        body: {
          apiVersion: 'events.k8s.io/v1',
          kind: 'Event',
          metadata: { name: 'crashy.mount' },
          regarding: { apiVersion: 'v1', kind: 'Pod', name: 'crashy', namespace: ns, uid },
          reason: 'FailedMount',
          note: 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found',
          type: 'Warning',
          action: 'MountVolume',
          reportingController: 'kubelet',
          reportingInstance: cluster.nodeName,
          eventTime: now.replace(/Z$/, '000Z').replace(/(\.\d{6})\d*Z$/, '$1Z'),
        },
      });
      assert.equal(mount.status, 201, mount.body);
      await setStatus('crashy', [
        {
          name: 'app',
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=app pod=crashy' } },
          lastState: {
            terminated: {
              exitCode: 2,
              reason: 'Error',
              message: 'starting\npanic: cannot read /etc/app/config.yaml',
              startedAt: '2026-12-02T10:00:00Z',
              finishedAt: '2026-12-02T10:00:01Z',
            },
          },
        },
      ]);
      const all = await seen.until(
        (s) => ['CrashLoopBackOff', 'FailedMount', 'FailedScheduling'].every((c) => s.findings.some((f) => f.code === c)),
        'the three findings',
      );
      svc.takeClusterStatus({ uri: d.uri, kind: m.kind, name: m.name, namespace: ns, findings: all.state.findings });
      const placed = svc
        .validate(d)
        .filter((x) => x.source === 'cluster')
        .map((x) => `${x.range.start.line + 1}:${text.split('\n')[x.range.start.line].slice(x.range.start.character, x.range.end.character)} ${x.code}`);
      assert.deepEqual(placed.sort(), ['11:64Gi FailedScheduling', '15:name FailedMount', '7:app CrashLoopBackOff'].sort());
      assert.equal(
        all.state.findings.find((f) => f.code === 'CrashLoopBackOff')!.message,
        'CrashLoopBackOff: back-off restarting the container; last exit code 2 (Error): starting panic: cannot read /etc/app/config.yaml (Pod crashy, container "app")',
      );
      assert.match(all.state.summary, /^Running \(CrashLoopBackOff\), 0\/1 ready, 4 restarts$/);
    } finally {
      watch.stop();
    }
  });
});
