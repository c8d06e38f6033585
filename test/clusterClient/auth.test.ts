// Authenticating to the real local API server with each kind of kubeconfig user.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { after, before, describe, test } from 'node:test';
import {
  AuthPluginError,
  ExecCredentialCache,
  KubeClient,
  UnauthorizedError,
  endpointForServer,
  getPod,
  getVersion,
  loadKubeconfig,
  resolveContext,
} from '../../client/src/cluster';
import { type Cluster, useCluster } from '../cluster/helper';
import { clientCertificate, endpointFromFile, kubeconfigFor, tempDir } from './fixtures';

let cluster: Cluster;
const tmp = tempDir('pm-auth-');
const clients: KubeClient[] = [];
const client = (...args: ConstructorParameters<typeof KubeClient>) => {
  const c = new KubeClient(...args);
  clients.push(c);
  return c;
};

before(async () => {
  cluster = await useCluster();
});
after(() => {
  clients.forEach((c) => c.close());
  tmp.remove();
  cluster?.release();
});

// A credential plugin: counts its runs, records what it was given, answers per `mode`.
const PLUGIN = `
const fs = require('fs');
const [, , state, mode] = process.argv;
const n = (fs.existsSync(state) ? Number(fs.readFileSync(state, 'utf8')) : 0) + 1;
fs.writeFileSync(state, String(n));
fs.appendFileSync(state + '.log', JSON.stringify({
  info: JSON.parse(process.env.KUBERNETES_EXEC_INFO),
  fromUser: process.env.FROM_USER_ENV ?? null,
  fromPlugin: process.env.FROM_PLUGIN_ENV ?? null,
}) + '\\n');
if (mode === 'fail') { process.stderr.write('plugin: not logged in; run "corp-login" first\\n'); process.exit(3); }
const status = { expirationTimestamp: new Date(Date.now() + 3600e3).toISOString() };
if (mode === 'cert') {
  status.clientCertificateData = fs.readFileSync(process.env.CERT_FILE, 'utf8');
  status.clientKeyData = fs.readFileSync(process.env.KEY_FILE, 'utf8');
} else {
  status.token = mode === 'bad-first' && n === 1 ? 'not-a-valid-token' : fs.readFileSync(process.env.TOKEN_FILE, 'utf8').trim();
}
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status }));
`;

function execUser(name: string, mode: string, env: Record<string, string> = {}) {
  const script = tmp.file('plugin.cjs', PLUGIN);
  const state = path.join(tmp.dir, `${name}.count`);
  return {
    state,
    runs: () => Number(fs.readFileSync(state, 'utf8')),
    calls: () =>
      fs
        .readFileSync(`${state}.log`, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    user: {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1beta1',
        command: process.execPath,
        args: [script, state, mode],
        env: [
          { name: 'FROM_PLUGIN_ENV', value: 'plugin' },
          { name: 'TOKEN_FILE', value: cluster.adminTokenFile },
          ...Object.entries(env).map(([k, v]) => ({ name: k, value: v })),
        ],
        provideClusterInfo: true,
        interactiveMode: 'Never',
      },
    },
  };
}

describe('kubeconfig users against the real API server', () => {
  test("the cluster's own kubeconfig: current context, namespace, /version v1.20.2 with the embedded CA and token", async () => {
    const cfg = await loadKubeconfig({ env: { KUBECONFIG: cluster.kubeconfig } });
    const ep = await resolveContext(cfg);
    assert.equal(ep.contextName, 'pod-manifests-local');
    assert.equal(ep.namespace, 'default');
    assert.equal(ep.insecureSkipTlsVerify, false);
    const { version } = await getVersion(client(ep));
    assert.equal(version.gitVersion, 'v1.20.2');
  });

  test('token from tokenFile, re-read so a rotated token is used', async () => {
    const tokenFile = tmp.file('token', 'wrong-token\n');
    const ep = await endpointFromFile(tmp.file('tokenfile.yaml', kubeconfigFor(cluster, { token: 'ignored-when-tokenFile-is-set', tokenFile })));
    const c = client(ep);
    await assert.rejects(getVersion(c), UnauthorizedError);
    fs.writeFileSync(tokenFile, `${cluster.adminToken}\n`);
    assert.equal((await getVersion(c)).version.gitVersion, 'v1.20.2');
  });

  test('client certificate from files and from data (group system:masters may read Pods)', async () => {
    const { cert, key } = clientCertificate(cluster, tmp.dir, 'cert-user', 'system:masters');
    const fromFiles = await endpointFromFile(tmp.file('cert-files.yaml', kubeconfigFor(cluster, { 'client-certificate': cert, 'client-key': key })));
    assert.equal((await getPod(client(fromFiles), 'no-such-pod', 'default')).found, false);
    const fromData = await endpointFromFile(
      tmp.file(
        'cert-data.yaml',
        kubeconfigFor(cluster, {
          'client-certificate-data': fs.readFileSync(cert).toString('base64'),
          'client-key-data': fs.readFileSync(key).toString('base64'),
        }),
      ),
    );
    assert.equal((await getVersion(client(fromData))).version.gitVersion, 'v1.20.2');
  });

  test('exec plugin: no shell, user env + plugin env, KUBERNETES_EXEC_INFO with the cluster; cached until expiry, then run again', async () => {
    const p = execUser('exec-basic', 'token');
    const ep = await endpointFromFile(tmp.file('exec.yaml', kubeconfigFor(cluster, p.user)));
    let now = Date.now();
    const cache = new ExecCredentialCache({ now: () => now });
    const c = client(ep, { execCache: cache, env: { ...process.env, FROM_USER_ENV: 'user' } });
    await Promise.all([getVersion(c), getVersion(c)]); // concurrent callers share one run
    await getVersion(c);
    assert.equal(p.runs(), 1);
    const [call] = p.calls();
    assert.equal(call.fromUser, 'user');
    assert.equal(call.fromPlugin, 'plugin');
    assert.equal(call.info.apiVersion, 'client.authentication.k8s.io/v1beta1');
    assert.equal(call.info.spec.interactive, false);
    assert.equal(call.info.spec.cluster.server, cluster.server);
    assert.equal(Buffer.from(call.info.spec.cluster['certificate-authority-data'], 'base64').toString(), cluster.ca.toString());

    now += 2 * 3600e3; // past the expirationTimestamp (now + 1 h)
    await getVersion(c);
    assert.equal(p.runs(), 2);
  });

  test('exec plugin: a 401 makes the plugin run again and the request is retried once', async () => {
    const p = execUser('exec-401', 'bad-first');
    const c = client(await endpointFromFile(tmp.file('exec401.yaml', kubeconfigFor(cluster, p.user))), { execCache: new ExecCredentialCache() });
    assert.equal((await getVersion(c)).version.gitVersion, 'v1.20.2');
    assert.equal(p.runs(), 2);
  });

  test('exec plugin giving a client certificate', async () => {
    const { cert, key } = clientCertificate(cluster, tmp.dir, 'exec-cert-user', 'system:masters');
    const p = execUser('exec-cert', 'cert', { CERT_FILE: cert, KEY_FILE: key });
    const c = client(await endpointFromFile(tmp.file('execcert.yaml', kubeconfigFor(cluster, p.user))), { execCache: new ExecCredentialCache() });
    assert.equal((await getVersion(c)).version.gitVersion, 'v1.20.2');
  });

  test('exec plugin failing: its stderr and exit code in the message; a missing command shows the installHint', async () => {
    const p = execUser('exec-fail', 'fail');
    const c = client(await endpointFromFile(tmp.file('execfail.yaml', kubeconfigFor(cluster, p.user))), { execCache: new ExecCredentialCache() });
    await assert.rejects(getVersion(c), (e: unknown) => {
      assert.ok(e instanceof AuthPluginError);
      assert.match(e.message, /credential plugin ".*" of context "ctx" failed \(exit code 3\)/);
      assert.match(e.message, /not logged in; run "corp-login" first/);
      return true;
    });
    const missing = kubeconfigFor(cluster, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'pm-no-such-plugin',
        installHint: 'Install it with: apt install pm-plugin',
        interactiveMode: 'Never',
      },
    });
    const c2 = client(await endpointFromFile(tmp.file('execmissing.yaml', missing)), { execCache: new ExecCredentialCache() });
    await assert.rejects(getVersion(c2), /"pm-no-such-plugin" of context "ctx" was not found.\nInstall it with: apt install pm-plugin/);
  });

  test('a bad token: 401 with a message naming context and server, and no token anywhere in the error', async () => {
    const secret = 'bad-token-that-must-not-leak';
    const c = client(endpointForServer({ server: cluster.server, token: secret, ca: cluster.ca, label: 'context "bad"' }));
    await assert.rejects(getVersion(c), (e: unknown) => {
      assert.ok(e instanceof UnauthorizedError);
      assert.equal(e.statusCode, 401);
      assert.equal(
        e.message,
        `${cluster.server} (context "bad") did not accept the credentials (401 Unauthorized). Log in again, or check the token, client certificate or credential plugin of this context.`,
      );
      assert.ok(!inspect(e, { depth: 10, showHidden: true }).includes(secret));
      assert.ok(!JSON.stringify(e).includes(secret));
      return true;
    });
  });
});
