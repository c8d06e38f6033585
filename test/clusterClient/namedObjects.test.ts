// Load Names from the Cluster, against the real API server (v1.20.2): a namespace's ConfigMaps,
// Secrets, claims and ServiceAccounts by name, with the ConfigMaps' and Secrets' keys; never a
// Secret's value. What the editor then says with them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type KubeClient, namedObjects } from '../../client/src/cluster';
import { ClusterObjects } from '../../server/src/clusterObjects';
import { createPodLanguageService } from '../../server/src/service';
import { type Cluster } from '../cluster/helper';
import { brief, doc, schemas } from '../helpers/service';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-names')));
after(() => deleteAdminNamespace(cluster, ns, admin));

const SECRET_VALUE = 'do-not-leak-this-value';

describe("the namespace's names", () => {
  test('are read with their keys, and a Secret without its values', async () => {
    for (const [resource, body] of [
      ['configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, data: { LOG_LEVEL: 'info', MODE: 'prod' } }],
      ['secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'app-secret' }, stringData: { token: SECRET_VALUE } }],
    ] as const) {
      const created = await cluster.request('POST', `/api/v1/namespaces/${ns}/${resource}`, { body });
      assert.equal(created.status, 201, created.body);
    }
    // The controller-manager makes the namespace's default ServiceAccount a little after the
    // namespace: a watch (which starts with what exists) says when it is there.
    const accounts = await cluster.stream(`/api/v1/namespaces/${ns}/serviceaccounts?fieldSelector=metadata.name%3Ddefault&watch=true`);
    try {
      await accounts.waitFor((text) => text.includes('"type":"ADDED"'), 30_000);
    } finally {
      accounts.close();
    }
    const objects = await namedObjects(admin, ns);
    assert.deepEqual(
      objects.filter((o) => o.name.startsWith('app-')),
      [
        { kind: 'ConfigMap', name: 'app-config', keys: ['LOG_LEVEL', 'MODE'] },
        { kind: 'Secret', name: 'app-secret', keys: ['token'] },
      ],
    );
    // The namespace's own: its default ServiceAccount (made by the controller-manager).
    assert.ok(objects.some((o) => o.kind === 'ServiceAccount' && o.name === 'default'));
    assert.ok(!JSON.stringify(objects).includes(SECRET_VALUE) && !JSON.stringify(objects).includes(Buffer.from(SECRET_VALUE).toString('base64')));

    // In the editor: a key the cluster's ConfigMap does not have.
    const loaded = new ClusterObjects();
    loaded.set({ namespace: ns, source: 'the cluster', objects });
    const service = createPodLanguageService({ schemas, workspaceObjects: (kind) => loaded.of(kind) });
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  containers:\n  - name: app\n    image: nginx\n    env:\n    - name: LEVEL\n      valueFrom:\n        configMapKeyRef:\n          name: app-config\n          key: LEVEL\n`;
    assert.deepEqual(service.validate(doc(pod)).map(brief), [
      '15:16-15:21 unresolved-name ConfigMap "app-config" has no key "LEVEL" (its keys: "LOG_LEVEL", "MODE"): the container does not start (CreateContainerConfigError)',
    ]);
  });
});
