// A namespace's Pod Security labels read from the real API server (v1.20.2, which has no Pod
// Security Admission: the labels are only read here, as the extension reads them for its offline
// check), and the policy they set in the language service.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiStatusError, endpointForServer, KubeClient, namespaceLabels } from '../../client/src/cluster';
import { createPodLanguageService } from '../../server/src/service';
import { type Cluster } from '../cluster/helper';
import { brief, doc, schemas } from '../helpers/service';
import { createAdminNamespace, deleteAdminNamespace } from './fixtures';

let cluster: Cluster;
let ns: string;
let admin: KubeClient;

before(async () => ({ cluster, ns, admin } = await createAdminNamespace('cc-pss')));
after(() => deleteAdminNamespace(cluster, ns, admin));

describe("the cluster's namespace labels", () => {
  test('are read as the server has them, and set the Pod Security policy of documents in that namespace', async () => {
    const patched = await cluster.request('PATCH', `/api/v1/namespaces/${ns}`, {
      body: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted', team: 'a' } } },
      contentType: 'application/merge-patch+json',
    });
    assert.equal(patched.status, 200, patched.body);
    const labels = await namespaceLabels(admin, ns);
    assert.deepEqual(labels, { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted', team: 'a' });

    const service = createPodLanguageService({ schemas, namespaceLabels: (name) => (name === ns && labels ? { labels, source: 'the cluster' } : undefined) });
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  hostPID: true\n  containers:\n  - name: app\n    image: nginx\n`;
    // enforce baseline refuses it; so no warnings (the server sends none with a refusal).
    assert.deepEqual(service.validate(doc(pod)).map(brief), [
      '7:12-7:16 pod-security/hostNamespaces violates PodSecurity "baseline:latest": host namespaces (hostPID=true)',
    ]);
    // Allowed by baseline: restricted warns.
    const allowed = service.validate(doc(pod.replace('  hostPID: true\n', ''))).map(brief);
    assert.deepEqual(
      allowed[0],
      '8:5-8:9 pod-security/allowPrivilegeEscalation would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)',
    );
  });

  test('of a namespace that does not exist: null (nothing is known)', async () => {
    assert.equal(await namespaceLabels(admin, `${ns}-missing`), null);
  });

  test('with a bad token: the 401 as an error, its message without the token', async () => {
    const secret = 'not-a-token-of-this-cluster';
    const client = new KubeClient(endpointForServer({ server: cluster.server, token: secret, ca: cluster.ca, label: 'context "bad"' }));
    try {
      await assert.rejects(namespaceLabels(client, ns), (e: unknown) => e instanceof ApiStatusError && e.status.code === 401 && !e.message.includes(secret));
    } finally {
      client.close();
    }
  });
});
