// Apply and dry run of every workload kind on the real API server (v1.20.2), as the Apply and
// Dry run commands send them: the documents the language service lists (kind, apiVersion, the
// decoded manifest), each to its own collection. No controller-manager runs here yet, so the
// objects are stored and nothing acts on them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type KubeClient, type KubeObject, applyObject, dryRunDiffTexts, getObject } from '../../client/src/cluster';
import type { ManifestDocument } from '../../protocol/messages';
import { type Cluster } from '../cluster/helper';
import { doc, service } from '../helpers/service';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-workloads')));
after(() => deleteAdminNamespace(cluster, ns, admin));

const template = (image: string) => `    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: ${image}`;
const indent = (text: string, by: string) => text.replace(/^/gm, by);
const selected = `  selector:\n    matchLabels: {app: web}\n  template:\n${template('nginx:1')}`;

/** One file with every workload kind, written as Kubernetes 1.20 serves them (CronJob in batch/v1beta1). */
const FILE = [
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n${selected}`,
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: web\n${selected}`,
  `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: web}\nspec:\n${selected}`,
  `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec:\n${selected}`,
  `apiVersion: batch/v1\nkind: Job\nmetadata: {name: web}\nspec:\n  template:\n${template('busybox').replace('    spec:\n', '    spec:\n      restartPolicy: Never\n')}`,
  `apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: web}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      template:\n${indent(
    template('busybox').replace('    spec:\n', '    spec:\n      restartPolicy: OnFailure\n'),
    '    ',
  )}`,
  `apiVersion: v1\nkind: ReplicationController\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  template:\n${template('nginx:1')}`,
  `apiVersion: v1\nkind: PodTemplate\nmetadata: {name: web}\ntemplate:\n${template('nginx:1').replace(/^ {2}/gm, '')}`,
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\ndata: {a: b}`,
].join('\n---\n');

/** Where each kind lives, written out rather than computed: what objectPath must agree with. */
const COLLECTIONS: Record<string, string> = {
  Deployment: '/apis/apps/v1/namespaces/NS/deployments/web',
  StatefulSet: '/apis/apps/v1/namespaces/NS/statefulsets/web',
  DaemonSet: '/apis/apps/v1/namespaces/NS/daemonsets/web',
  ReplicaSet: '/apis/apps/v1/namespaces/NS/replicasets/web',
  Job: '/apis/batch/v1/namespaces/NS/jobs/web',
  CronJob: '/apis/batch/v1beta1/namespaces/NS/cronjobs/web',
  ReplicationController: '/api/v1/namespaces/NS/replicationcontrollers/web',
  PodTemplate: '/api/v1/namespaces/NS/podtemplates/web',
};

let listed: ManifestDocument[];

describe('workloads', () => {
  test('the language service lists every workload of the file with its kind and apiVersion, and no ConfigMap', () => {
    const svc = service('1.20');
    const d = doc(FILE);
    assert.deepEqual(svc.validate(d), [], 'the file is valid for 1.20');
    listed = svc.manifests(d);
    assert.deepEqual(
      listed.map((m) => `${m.index} ${m.kind} ${m.apiVersion} ${m.name} errors=${m.errors}`),
      [
        '0 Deployment apps/v1 web errors=0',
        '1 StatefulSet apps/v1 web errors=0',
        '2 DaemonSet apps/v1 web errors=0',
        '3 ReplicaSet apps/v1 web errors=0',
        '4 Job batch/v1 web errors=0',
        '5 CronJob batch/v1beta1 web errors=0',
        '6 ReplicationController v1 web errors=0',
        '7 PodTemplate v1 web errors=0',
      ],
    );
  });

  test('Apply stores each in its own collection (201), and applying again configures it (200)', async () => {
    for (const m of listed) {
      const created = await applyObject(admin, m, m.manifest as unknown as KubeObject);
      assert.equal(created.statusCode, 201, m.kind);
      assert.equal(created.object.kind, m.kind);
      const stored = await cluster.request('GET', COLLECTIONS[m.kind].replace('NS', ns));
      assert.equal(stored.status, 200, `${m.kind}: ${stored.body}`);
      assert.equal(stored.json<KubeObject>().metadata.uid, created.object.metadata.uid, m.kind);
      const again = await applyObject(admin, m, m.manifest as unknown as KubeObject);
      assert.equal(again.statusCode, 200, m.kind);
      assert.equal(again.created, false);
    }
  });

  test("Dry run of a Deployment's new image changes nothing; the diff shows the template's image", async () => {
    const deployment = listed.find((m) => m.kind === 'Deployment')!;
    const before = await getObject(admin, deployment, 'web');
    assert.ok(before.found);
    const changed = structuredClone(deployment.manifest) as unknown as KubeObject;
    changed.spec!.template.spec.containers[0].image = 'nginx:2';
    const dry = await applyObject(admin, deployment, changed, { dryRun: true });
    const after = await getObject(admin, deployment, 'web');
    assert.ok(after.found);
    assert.equal(after.object.metadata.resourceVersion, before.object.metadata.resourceVersion);
    assert.equal(after.object.spec!.template.spec.containers[0].image, 'nginx:1');
    const { live, dryRun } = dryRunDiffTexts(before.object, dry.object);
    const only = (a: string, b: string) => a.split('\n').filter((l) => !b.split('\n').includes(l));
    assert.deepEqual(only(live, dryRun), ['        - image: nginx:1']);
    assert.deepEqual(only(dryRun, live), ['        - image: nginx:2']);
  });

  test('Dry run of a new CronJob stores nothing', async () => {
    const cronJob = listed.find((m) => m.kind === 'CronJob')!;
    const renamed = { ...(cronJob.manifest as unknown as KubeObject), metadata: { name: 'nightly' } };
    const dry = await applyObject(admin, cronJob, renamed, { dryRun: true });
    assert.equal(dry.statusCode, 201);
    assert.equal((await getObject(admin, cronJob, 'nightly')).found, false);
  });
});
