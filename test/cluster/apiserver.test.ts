// The local API server is the real kube-apiserver v1.20.2: version, authentication, RBAC.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import YAML from 'yaml';
import { CACHE_DIR, type Cluster, useCluster } from './helper';

let cluster: Cluster;
before(async () => {
  cluster = await useCluster();
});
after(() => cluster?.release());

interface Kubeconfig {
  'current-context': string;
  clusters: Array<{ name: string; cluster: { server: string; 'certificate-authority-data': string } }>;
  users: Array<{ name: string; user: { token: string } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
}

/** server, CA and token of a context, read from the generated kubeconfig alone */
function fromKubeconfig(contextName?: string) {
  const kc = YAML.parse(fs.readFileSync(cluster.kubeconfig, 'utf8')) as Kubeconfig;
  const ctx = kc.contexts.find((c) => c.name === (contextName ?? kc['current-context']));
  assert.ok(ctx, `context ${contextName} in kubeconfig`);
  const cl = kc.clusters.find((c) => c.name === ctx.context.cluster)!;
  const user = kc.users.find((u) => u.name === ctx.context.user)!;
  return {
    server: cl.cluster.server,
    ca: Buffer.from(cl.cluster['certificate-authority-data'], 'base64'),
    token: user.user.token,
  };
}

function get(url: string, ca: Buffer, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca, headers: token ? { Authorization: `Bearer ${token}` } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('kube-apiserver on 127.0.0.1', () => {
  test("/version says v1.20.2, over HTTPS with the kubeconfig's CA and token", async () => {
    const kc = fromKubeconfig();
    assert.match(kc.server, /^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await get(`${kc.server}/version`, kc.ca, kc.token);
    assert.equal(res.status, 200);
    const v = JSON.parse(res.body);
    assert.equal(v.gitVersion, 'v1.20.2');
    assert.equal(v.major, '1');
    assert.equal(v.minor, '20');
    assert.equal(v.platform, 'linux/amd64');
  });

  test('the serving certificate is only trusted through our CA', async () => {
    const kc = fromKubeconfig();
    await assert.rejects(
      new Promise((resolve, reject) => https.get(`${kc.server}/version`, resolve).on('error', reject)),
      (err: NodeJS.ErrnoException) => /certificate/i.test(err.message) || /CERT|SELF_SIGNED/.test(String(err.code)),
    );
  });

  test('anonymous requests are refused (401), so is an unknown token', async () => {
    const kc = fromKubeconfig();
    const anon = await get(`${kc.server}/version`, kc.ca);
    assert.equal(anon.status, 401);
    const bad = await get(`${kc.server}/api/v1/namespaces`, kc.ca, 'not-a-token');
    assert.equal(bad.status, 401);
    assert.equal(JSON.parse(bad.body).reason, 'Unauthorized');
  });

  test('/readyz is ok and the API has core/v1 pods', async () => {
    const ready = await cluster.request('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body, 'ok');
    const res = await cluster.request('GET', '/api/v1');
    assert.equal(res.status, 200);
    const names = res.json().resources.map((r: { name: string }) => r.name);
    for (const n of ['pods', 'pods/log', 'pods/status', 'nodes', 'namespaces']) assert.ok(names.includes(n), n);
  });

  test('the Node of our fake kubelet: InternalIP 127.0.0.1 and its port', async () => {
    const res = await cluster.request('GET', `/api/v1/nodes/${cluster.nodeName}`);
    assert.equal(res.status, 200);
    const node = res.json();
    assert.deepEqual(
      node.status.addresses.find((a: { type: string }) => a.type === 'InternalIP'),
      { type: 'InternalIP', address: '127.0.0.1' },
    );
    assert.equal(node.status.daemonEndpoints.kubeletEndpoint.Port, cluster.kubeletPort);
  });

  test('the viewer user (second kubeconfig context) may read pods but not create them: 403', async () => {
    const kc = fromKubeconfig('pod-manifests-local-viewer');
    assert.notEqual(kc.token, fromKubeconfig().token);
    const list = await cluster.request('GET', '/api/v1/namespaces/default/pods', { token: kc.token });
    assert.equal(list.status, 200);
    assert.equal(list.json().kind, 'PodList');
    const create = await cluster.request('POST', '/api/v1/namespaces/default/pods', {
      token: kc.token,
      body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'forbidden' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    assert.equal(create.status, 403);
    const status = create.json();
    assert.equal(status.reason, 'Forbidden');
    assert.match(status.message, /User "viewer" cannot create resource "pods"/);
    const secrets = await cluster.request('GET', '/api/v1/namespaces/default/secrets', { token: kc.token });
    assert.equal(secrets.status, 403);
  });

  test('kubectl --kubeconfig <it> get --raw /version says v1.20.2', (t) => {
    // Debian's v1.20.2 kubectl, unpacked by setup-system.sh; else any kubectl on PATH
    const candidates = [path.join(CACHE_DIR, 'bin', 'kubectl'), 'kubectl'];
    const kubectl = candidates.find((k) => spawnSync(k, ['version', '--client'], { encoding: 'utf8' }).status === 0);
    if (!kubectl) {
      t.skip('no kubectl here');
      return;
    }
    const r = spawnSync(kubectl, ['--kubeconfig', cluster.kubeconfig, 'get', '--raw', '/version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).gitVersion, 'v1.20.2');
  });
});
