// Pods against the real API server: create, server-side apply, dry-run, and the surprises
// (duplicate container names: HTTP 500 on apply, 422 on create).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Cluster, createNamespace, deleteNamespace } from './helper';

let cluster: Cluster;
let ns: string;
before(async () => ({ cluster, ns } = await createNamespace('pods')));
after(() => deleteNamespace(cluster, ns));

const APPLY = 'application/apply-patch+yaml';

function podYaml(name: string, containers: string[], nodeName?: string): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  labels: {app: demo}',
    'spec:',
    ...(nodeName ? [`  nodeName: ${nodeName}`] : []),
    '  containers:',
    ...containers.map((c, i) => `  - name: ${c}\n    image: busybox:1.${i}\n    command: [sh, -c, "echo hi; sleep 3600"]`),
  ].join('\n');
}

describe('pods on the real API server', () => {
  test('create a Pod bound to our Node with spec.nodeName, read it back', async () => {
    const res = await cluster.request('POST', `/api/v1/namespaces/${ns}/pods`, {
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'created' },
        spec: { nodeName: cluster.nodeName, containers: [{ name: 'app', image: 'busybox' }] },
      },
    });
    assert.equal(res.status, 201, res.body);
    const got = await cluster.request('GET', `/api/v1/namespaces/${ns}/pods/created`);
    assert.equal(got.status, 200);
    const pod = got.json();
    assert.equal(pod.spec.nodeName, cluster.nodeName);
    // defaults the real server fills in
    assert.equal(pod.spec.restartPolicy, 'Always');
    assert.equal(pod.spec.dnsPolicy, 'ClusterFirst');
    assert.equal(pod.spec.containers[0].imagePullPolicy, 'Always');
    assert.equal(pod.spec.containers[0].terminationMessagePath, '/dev/termination-log');
    assert.equal(pod.status.phase, 'Pending');
    assert.equal(pod.status.qosClass, 'BestEffort');
  });

  test('server-side apply creates the Pod, reads back with our field manager', async () => {
    const res = await cluster.request('PATCH', `/api/v1/namespaces/${ns}/pods/applied`, {
      body: podYaml('applied', ['app'], cluster.nodeName),
      contentType: APPLY,
      query: { fieldManager: 'pod-manifests-test' },
    });
    assert.equal(res.status, 201, res.body);
    const got = await cluster.request('GET', `/api/v1/namespaces/${ns}/pods/applied`);
    assert.equal(got.status, 200);
    const pod = got.json();
    assert.equal(pod.spec.nodeName, cluster.nodeName);
    assert.equal(pod.spec.containers[0].image, 'busybox:1.0');
    assert.equal(pod.spec.containers[0].imagePullPolicy, 'IfNotPresent');
    const mf = pod.metadata.managedFields.find((m: { manager: string }) => m.manager === 'pod-manifests-test');
    assert.equal(mf?.operation, 'Apply');

    // applying again with a change updates it (200)
    const again = await cluster.request('PATCH', `/api/v1/namespaces/${ns}/pods/applied`, {
      body: podYaml('applied', ['app'], cluster.nodeName).replace('labels: {app: demo}', 'labels: {app: demo, tier: x}'),
      contentType: APPLY,
      query: { fieldManager: 'pod-manifests-test' },
    });
    assert.equal(again.status, 200, again.body);
    assert.equal(again.json().metadata.labels.tier, 'x');
  });

  test('server-side apply with dryRun=All answers the object and stores nothing', async () => {
    const res = await cluster.request('PATCH', `/api/v1/namespaces/${ns}/pods/dry`, {
      body: podYaml('dry', ['app']),
      contentType: APPLY,
      query: { fieldManager: 'pod-manifests-test', dryRun: 'All' },
    });
    assert.equal(res.status, 201, res.body);
    assert.equal(res.json().metadata.name, 'dry');
    const got = await cluster.request('GET', `/api/v1/namespaces/${ns}/pods/dry`);
    assert.equal(got.status, 404);
  });

  test('two containers with the same name via server-side apply: HTTP 500 "failed to create typed patch object"', async () => {
    const res = await cluster.request('PATCH', `/api/v1/namespaces/${ns}/pods/dup`, {
      body: podYaml('dup', ['app', 'app']),
      contentType: APPLY,
      query: { fieldManager: 'pod-manifests-test' },
    });
    assert.equal(res.status, 500, res.body);
    const status = res.json();
    assert.equal(status.kind, 'Status');
    assert.match(status.message, /failed to create typed patch object/);
    assert.match(status.message, /duplicate entries for key \[name="app"\]/);
  });

  test('the same Pod by create (POST): 422 Invalid, Duplicate value', async () => {
    const res = await cluster.request('POST', `/api/v1/namespaces/${ns}/pods`, {
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'dup2' },
        spec: {
          containers: [
            { name: 'app', image: 'a' },
            { name: 'app', image: 'b' },
          ],
        },
      },
    });
    assert.equal(res.status, 422, res.body);
    const status = res.json();
    assert.equal(status.reason, 'Invalid');
    assert.ok(
      status.details.causes.some((c: { field: string; reason: string }) => c.field === 'spec.containers[1].name' && c.reason === 'FieldValueDuplicate'),
      res.body,
    );
  });

  test('an invalid Pod is refused with the field paths the validator uses', async () => {
    const res = await cluster.request('POST', `/api/v1/namespaces/${ns}/pods`, {
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'Bad_Name' }, spec: { containers: [{ name: 'app' }] } },
    });
    assert.equal(res.status, 422, res.body);
    const fields = res.json().details.causes.map((c: { field: string }) => c.field);
    assert.ok(fields.includes('metadata.name'), res.body);
    assert.ok(fields.includes('spec.containers[0].image'), res.body);
  });
});
