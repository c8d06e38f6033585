// Apply, dry run and get of Pods on the real API server, and every error body they can give.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  KubeClient,
  NotFoundError,
  type Pod,
  ServerError,
  applyPod,
  dryRunDiffTexts,
  endpointForServer,
  getPod,
  getVersion,
} from '../../client/src/cluster';
import { type Cluster, uniqueName } from '../cluster/helper';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-pods')));
after(() => deleteAdminNamespace(cluster, ns, admin));

const pod = (name: string, containers: { name: string; image: string; ports?: object[] }[], extra: Record<string, unknown> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'demo' } },
  spec: { containers, ...extra },
});

describe('apply', () => {
  test('creates (201) then updates (200), as our field manager, in the endpoint namespace', async () => {
    const created = await applyPod(admin, pod('apply-1', [{ name: 'app', image: 'busybox:1' }]));
    assert.equal(created.statusCode, 201);
    assert.equal(created.created, true);
    assert.equal(created.namespace, ns);
    assert.equal(created.object.metadata.namespace, ns);
    const managers = (created.object.metadata.managedFields as { manager: string; operation: string }[]).map((m) => `${m.manager}/${m.operation}`);
    assert.deepEqual(managers, ['pod-manifests/Apply']);
    assert.deepEqual(created.warnings, []);

    const updated = await applyPod(admin, pod('apply-1', [{ name: 'app', image: 'busybox:2' }]));
    assert.equal(updated.statusCode, 200);
    assert.equal(updated.created, false);
    assert.equal(updated.object.spec!.containers[0].image, 'busybox:2');
  });

  test('YAML text as the body', async () => {
    const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: apply-yaml\nspec:\n  containers:\n  - name: app\n    image: busybox # a comment\n`;
    const r = await applyPod(admin, yaml, { name: 'apply-yaml' });
    assert.equal(r.statusCode, 201);
    assert.equal(r.object.spec!.containers[0].image, 'busybox');
  });

  test('a second field manager changes the image: 409 lists the field; force takes it over', async () => {
    await applyPod(admin, pod('conflict', [{ name: 'app', image: 'busybox:1' }]));
    await applyPod(admin, pod('conflict', [{ name: 'app', image: 'busybox:other' }]), { fieldManager: 'someone-else', force: true });
    await assert.rejects(applyPod(admin, pod('conflict', [{ name: 'app', image: 'busybox:mine' }])), (e: unknown) => {
      assert.ok(e instanceof ConflictError, String(e));
      assert.equal(e.statusCode, 409);
      assert.deepEqual(e.fields, ['.spec.containers[name="app"].image']);
      assert.match(
        e.message,
        /^Apply conflict on https:\/\/127\.0\.0\.1:\d+ \(context "test-admin"\): \.spec\.containers\[name="app"\]\.image \(conflict with "someone-else"\)\. .*"Force apply"/,
      );
      return true;
    });
    const forced = await applyPod(admin, pod('conflict', [{ name: 'app', image: 'busybox:mine' }]), { force: true });
    assert.equal(forced.statusCode, 200);
    assert.equal(forced.object.spec!.containers[0].image, 'busybox:mine');
  });

  test('dry run of an update changes nothing (same resourceVersion); the diff texts show only the change', async () => {
    await applyPod(admin, pod('dry', [{ name: 'app', image: 'busybox:1' }], { nodeName: cluster.nodeName }));
    const before = await getPod(admin, 'dry');
    assert.ok(before.found);
    const rv = before.object.metadata.resourceVersion;

    const dry = await applyPod(admin, pod('dry', [{ name: 'app', image: 'busybox:2' }], { nodeName: cluster.nodeName }), { dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.equal(dry.object.spec!.containers[0].image, 'busybox:2');
    const afterDry = await getPod(admin, 'dry');
    assert.ok(afterDry.found);
    assert.equal(afterDry.object.metadata.resourceVersion, rv);
    assert.equal(afterDry.object.spec!.containers[0].image, 'busybox:1');

    const { live, dryRun } = dryRunDiffTexts(before.object, dry.object);
    for (const text of [live, dryRun]) {
      for (const gone of ['managedFields', 'resourceVersion', 'uid:', 'creationTimestamp', 'status:', 'phase:', 'generation'])
        assert.ok(!text.includes(gone), `${gone} in\n${text}`);
      assert.match(text, /^apiVersion: v1\nkind: Pod\nmetadata:\n {2}labels:\n {4}app: demo\n {2}name: dry\n/);
      assert.match(text, /imagePullPolicy: IfNotPresent/); // the server's defaults are in both
    }
    const changed = (a: string, b: string) => a.split('\n').filter((l) => !b.split('\n').includes(l));
    assert.deepEqual(changed(live, dryRun), ['    - image: busybox:1']);
    assert.deepEqual(changed(dryRun, live), ['    - image: busybox:2']);
  });

  test('dry run of a new Pod stores nothing; the live side of the diff is empty', async () => {
    const dry = await applyPod(admin, pod('dry-new', [{ name: 'app', image: 'busybox' }]), { dryRun: true });
    assert.equal(dry.statusCode, 201);
    assert.equal((await getPod(admin, 'dry-new')).found, false);
    const { live, dryRun } = dryRunDiffTexts(undefined, dry.object);
    assert.equal(live, '');
    assert.match(dryRun, /name: dry-new/);
  });
});

describe('error bodies', () => {
  test('422: containerPort 70000 gives the cause field spec.containers[0].ports[0].containerPort', async () => {
    await assert.rejects(
      applyPod(admin, pod('bad-port', [{ name: 'app', image: 'busybox', ports: [{ containerPort: 70000 }] }]), { dryRun: true }),
      (e: unknown) => {
        assert.ok(e instanceof InvalidError, String(e));
        assert.deepEqual(e.causes, [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: 70000: must be between 1 and 65535, inclusive',
            field: 'spec.containers[0].ports[0].containerPort',
          },
        ]);
        assert.match(
          e.message,
          /rejected the object \(422 Invalid\): Pod "bad-port" is invalid: spec\.containers\[0\]\.ports\[0\]\.containerPort: Invalid value: 70000/,
        );
        return true;
      },
    );
  });

  test('500: two containers named alike by server-side apply', async () => {
    await assert.rejects(
      applyPod(
        admin,
        pod('dup', [
          { name: 'app', image: 'a' },
          { name: 'app', image: 'b' },
        ]),
      ),
      (e: unknown) => {
        assert.ok(e instanceof ServerError, String(e));
        assert.equal(e.statusCode, 500);
        assert.match(e.serverMessage, /^failed to create typed patch object/);
        assert.match(e.serverMessage, /\.spec\.containers: duplicate entries for key \[name="app"\]/);
        return true;
      },
    );
  });

  test("403 for the viewer, with the server's reason", async () => {
    const viewer = new KubeClient(
      endpointForServer({ server: cluster.server, token: cluster.viewerToken, ca: cluster.ca, namespace: ns, label: 'context "viewer"' }),
    );
    try {
      assert.equal((await getVersion(viewer)).version.major, '1');
      await assert.rejects(applyPod(viewer, pod('forbidden', [{ name: 'app', image: 'busybox' }])), (e: unknown) => {
        assert.ok(e instanceof ForbiddenError, String(e));
        assert.match(
          e.message,
          /^Forbidden \(403\) by https:\/\/127\.0\.0\.1:\d+ \(context "viewer"\): pods "forbidden" is forbidden: User "viewer" cannot patch resource "pods"/,
        );
        assert.match(e.message, /Ask a cluster administrator/);
        return true;
      });
    } finally {
      viewer.close();
    }
  });

  test('404: a missing Pod is "not found", not an error; a missing namespace on apply is a NotFoundError', async () => {
    const r = await getPod(admin, 'never-created');
    assert.deepEqual(r, { found: false, warnings: [] });
    await assert.rejects(applyPod(admin, pod('x', [{ name: 'app', image: 'busybox' }]), { namespace: uniqueName('no-such-ns') }), (e: unknown) => {
      assert.ok(e instanceof NotFoundError, String(e));
      assert.match(e.message, /Not found \(404\) on .*: namespaces "no-such-ns-.*" not found/);
      return true;
    });
  });
});

describe('server warnings', () => {
  test('Warning headers come back with the answer (a deprecated API on 1.20)', async () => {
    const res = await admin.request({ method: 'GET', path: `/apis/extensions/v1beta1/namespaces/${ns}/ingresses` });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.warnings, ['extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress']);
  });
});
