// Kubeconfig loading and merging as kubectl does it (no cluster needed).
import assert from 'node:assert/strict';
import path from 'node:path';
import { inspect } from 'node:util';
import { after, describe, test } from 'node:test';
import {
  CredentialSource,
  KubeconfigError,
  endpointForServer,
  kubeconfigPaths,
  listContexts,
  loadKubeconfig,
  resolveContext,
  withNamespace,
} from '../../client/src/cluster';
import { tempDir } from './fixtures';

const tmp = tempDir('pm-kubeconfig-');
after(() => tmp.remove());

const cluster = (name: string, server: string, extra: object = {}) => ({ name, cluster: { server, ...extra } });
const user = (name: string, u: object) => ({ name, user: u });
const context = (name: string, c: string, u: string, namespace?: string) => ({ name, context: { cluster: c, user: u, ...(namespace ? { namespace } : {}) } });

const first = tmp.file('a/first.yaml', {
  apiVersion: 'v1',
  kind: 'Config',
  'current-context': 'shared',
  clusters: [cluster('c1', 'https://first.example:6443'), cluster('both', 'https://from-first.example')],
  users: [user('u1', { token: 'first-token' }), user('same', { token: 'same-from-first' })],
  contexts: [context('shared', 'both', 'same', 'team-a'), context('only-first', 'c1', 'u1')],
});
const second = tmp.file('b/second.yaml', {
  apiVersion: 'v1',
  kind: 'Config',
  'current-context': 'only-second',
  clusters: [cluster('both', 'https://from-second.example'), cluster('c2', 'https://second.example', { 'certificate-authority': 'ca.crt' })],
  users: [
    user('same', { token: 'same-from-second' }),
    user('u2', { tokenFile: 'tokens/u2.token', 'client-certificate': '/abs/cert.pem', 'client-key': 'key.pem' }),
  ],
  contexts: [context('shared', 'c2', 'u2'), context('only-second', 'c2', 'u2')],
});

describe('which files', () => {
  test('KUBECONFIG lists files in order, empty entries and repeats dropped; else ~/.kube/config', () => {
    const list = ['/x/a', '', '/x/b', '/x/a'].join(path.delimiter);
    assert.deepEqual(kubeconfigPaths({ env: { KUBECONFIG: list } }), ['/x/a', '/x/b']);
    assert.deepEqual(kubeconfigPaths({ env: {}, homeDir: '/home/me' }), ['/home/me/.kube/config']);
    assert.deepEqual(kubeconfigPaths({ env: { KUBECONFIG: '' }, homeDir: '/home/me' }), ['/home/me/.kube/config']);
  });

  test('~/.kube/config when KUBECONFIG is not set', async () => {
    const home = tempDir('pm-home-');
    try {
      home.file('.kube/config', {
        clusters: [cluster('h', 'https://home.example')],
        users: [],
        contexts: [context('home', 'h', 'nobody')],
        'current-context': 'home',
      });
      const cfg = await loadKubeconfig({ env: {}, homeDir: home.dir });
      assert.equal(cfg.currentContext, 'home');
      assert.equal((await resolveContext(cfg)).server, 'https://home.example');
    } finally {
      home.remove();
    }
  });
});

describe('merging several files (first wins)', () => {
  test('two files: the first file wins per name, and for current-context', async () => {
    const cfg = await loadKubeconfig({ env: { KUBECONFIG: [first, second].join(path.delimiter) } });
    assert.deepEqual(cfg.files, [first, second]);
    assert.equal(cfg.currentContext, 'shared');
    assert.equal(cfg.clusters.get('both')!.value.server, 'https://from-first.example');
    assert.equal(cfg.users.get('same')!.value.token, 'same-from-first');
    assert.deepEqual(cfg.contexts.get('shared')!.value, { cluster: 'both', user: 'same', namespace: 'team-a' });
    // names only the second file has are there too
    assert.ok(cfg.clusters.has('c2') && cfg.users.has('u2') && cfg.contexts.has('only-second'));
    assert.deepEqual(
      listContexts(cfg).map((c) => [c.name, c.namespace, c.current]),
      [
        ['shared', 'team-a', true],
        ['only-first', 'default', false],
        ['only-second', 'default', false],
      ],
    );
  });

  test('the other order: the second file is now first and wins', async () => {
    const cfg = await loadKubeconfig({ env: { KUBECONFIG: [second, first].join(path.delimiter) } });
    assert.equal(cfg.currentContext, 'only-second');
    assert.equal(cfg.clusters.get('both')!.value.server, 'https://from-second.example');
    assert.equal(cfg.contexts.get('shared')!.value.cluster, 'c2');
  });

  test('a missing file is skipped; a first file without current-context lets a later one set it', async () => {
    const noCurrent = tmp.file('no-current.yaml', { clusters: [cluster('n', 'https://n.example')], contexts: [context('n', 'n', 'x')] });
    const missing = path.join(tmp.dir, 'does-not-exist.yaml');
    const cfg = await loadKubeconfig({ env: { KUBECONFIG: [missing, noCurrent, second].join(path.delimiter) } });
    assert.deepEqual(cfg.files, [noCurrent, second]);
    assert.equal(cfg.currentContext, 'only-second');
  });

  test('only missing files: an empty config, and a clear error when a context is needed', async () => {
    const cfg = await loadKubeconfig({ env: { KUBECONFIG: path.join(tmp.dir, 'nope') } });
    assert.equal(cfg.contexts.size, 0);
    await assert.rejects(resolveContext(cfg), (e: unknown) => e instanceof KubeconfigError && /No kubeconfig context found/.test(e.message));
  });

  test('an empty file is an empty config; invalid YAML and a name defined twice in one file are errors naming the file', async () => {
    const empty = tmp.file('empty.yaml', '');
    assert.equal((await loadKubeconfig({ files: [empty] })).contexts.size, 0);
    const bad = tmp.file('bad.yaml', 'clusters: [\n');
    await assert.rejects(
      loadKubeconfig({ files: [bad] }),
      (e: unknown) => e instanceof KubeconfigError && e.message.includes(bad) && /not valid YAML/.test(e.message),
    );
    const twice = tmp.file('twice.yaml', { clusters: [cluster('x', 'https://1'), cluster('x', 'https://2')] });
    await assert.rejects(loadKubeconfig({ files: [twice] }), /The cluster "x" is defined twice/);
  });
});

describe('resolving a context', () => {
  test('namespace per context, "default" when none; relative paths are relative to the file that defined them', async () => {
    tmp.file('b/ca.crt', 'CA PEM');
    tmp.file('b/key.pem', 'KEY PEM');
    const cfg = await loadKubeconfig({ files: [first, second] });
    const u2 = cfg.users.get('u2')!.value;
    assert.equal(u2.tokenFile, path.join(tmp.dir, 'b', 'tokens', 'u2.token'));
    assert.equal(u2.clientCertificate, '/abs/cert.pem');
    assert.equal(cfg.clusters.get('c2')!.value.certificateAuthority, path.join(tmp.dir, 'b', 'ca.crt'));

    const shared = await resolveContext(cfg);
    assert.equal(shared.namespace, 'team-a');
    assert.equal(shared.label, 'context "shared"');
    const onlyFirst = await resolveContext(cfg, 'only-first');
    assert.equal(onlyFirst.namespace, 'default');
    assert.equal(onlyFirst.server, 'https://first.example:6443');
    assert.equal(withNamespace(onlyFirst, 'other').namespace, 'other');
    assert.equal(withNamespace(onlyFirst, 'other').auth.token, 'first-token');

    // u2's client certificate file does not exist: the error names it and the kubeconfig
    await assert.rejects(
      resolveContext(cfg, 'only-second'),
      (e: unknown) => e instanceof KubeconfigError && e.message.includes('/abs/cert.pem') && e.message.includes(second),
    );
    await assert.rejects(resolveContext(cfg, 'nope'), /The context "nope" is not defined/);
  });

  test('CA data, tls-server-name, insecure flag, proxy-url, exec with a relative command, oidc id-token', async () => {
    const f = tmp.file('c/full.yaml', {
      clusters: [
        cluster('c', 'https://10.1.2.3:6443', {
          'certificate-authority-data': Buffer.from('PEM DATA').toString('base64'),
          'tls-server-name': 'api.internal',
          'insecure-skip-tls-verify': true,
          'proxy-url': 'http://proxy.example:3128',
        }),
      ],
      users: [
        user('exec', {
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: './bin/plugin',
            args: ['get-token'],
            env: [{ name: 'A', value: 'b' }],
            provideClusterInfo: true,
            interactiveMode: 'Never',
          },
        }),
        user('oidc', { 'auth-provider': { name: 'oidc', config: { 'id-token': 'the-id-token', 'idp-issuer-url': 'https://issuer' } } }),
        user('gcp', { 'auth-provider': { name: 'gcp', config: {} } }),
      ],
      contexts: [context('exec', 'c', 'exec'), context('oidc', 'c', 'oidc'), context('gcp', 'c', 'gcp')],
    });
    const cfg = await loadKubeconfig({ files: [f] });
    const ep = await resolveContext(cfg, 'exec');
    assert.equal(ep.ca!.toString(), 'PEM DATA');
    assert.equal(ep.tlsServerName, 'api.internal');
    assert.equal(ep.insecureSkipTlsVerify, true);
    assert.equal(ep.proxyUrl, 'http://proxy.example:3128');
    assert.equal(ep.auth.exec!.command, path.join(tmp.dir, 'c', 'bin', 'plugin'));
    assert.deepEqual(ep.auth.exec!.env, [{ name: 'A', value: 'b' }]);
    assert.equal(ep.auth.exec!.cluster!.server, 'https://10.1.2.3:6443');
    assert.equal(ep.auth.exec!.cluster!['certificate-authority-data'], Buffer.from('PEM DATA').toString('base64'));
    assert.equal((await resolveContext(cfg, 'oidc')).auth.token, 'the-id-token');
    await assert.rejects(resolveContext(cfg, 'gcp'), /auth-provider "gcp" .* not supported/);
  });

  test('a bare host:port server is https; credentials are not enumerable, so logging an endpoint shows none', async () => {
    const f = tmp.file('d.yaml', {
      clusters: [cluster('c', '127.0.0.1:6443')],
      users: [user('u', { token: 'very-secret-token' })],
      contexts: [context('x', 'c', 'u')],
      'current-context': 'x',
    });
    const ep = await resolveContext(await loadKubeconfig({ files: [f] }));
    assert.equal(ep.server, 'https://127.0.0.1:6443');
    assert.equal(ep.auth.token, 'very-secret-token');
    assert.ok(!JSON.stringify(ep).includes('very-secret-token'));
    assert.ok(!inspect(ep, { depth: 5 }).includes('very-secret-token'));
  });

  test('the alternative configuration: server URL + token', () => {
    const ep = endpointForServer({ server: 'https://k8s.example:6443/', token: 'tok' });
    assert.equal(ep.server, 'https://k8s.example:6443');
    assert.equal(ep.namespace, 'default');
    assert.equal(ep.label, 'the podManifests.api.server setting');
    assert.equal(ep.auth.token, 'tok');
    assert.ok(!JSON.stringify(ep).includes('tok'));
    assert.throws(() => endpointForServer({ server: 'ftp://x' }), /not http\(s\)/);
  });

  test('which credential a request carries: tokenFile over token, basic auth, a client certificate alongside', async () => {
    const tokenFile = tmp.file('creds/token', 'from-file\n');
    tmp.file('creds/c.pem', 'CERT');
    tmp.file('creds/k.pem', 'KEY');
    const f = tmp.file('creds/config.yaml', {
      clusters: [cluster('c', 'https://h')],
      users: [
        user('both', { token: 'inline', tokenFile, 'client-certificate': 'c.pem', 'client-key': 'k.pem' }),
        user('basic', { username: 'ann', password: 'pw' }),
      ],
      contexts: [context('both', 'c', 'both'), context('basic', 'c', 'basic')],
    });
    const cfg = await loadKubeconfig({ files: [f] });
    const both = await new CredentialSource(await resolveContext(cfg, 'both')).get();
    assert.equal(both.authorization, 'Bearer from-file');
    assert.equal(both.clientCert!.toString(), 'CERT');
    assert.equal(both.clientKey!.toString(), 'KEY');
    const basic = await new CredentialSource(await resolveContext(cfg, 'basic')).get();
    assert.equal(basic.authorization, `Basic ${Buffer.from('ann:pw').toString('base64')}`);
  });
});
