// TLS, proxies and network failures: each ends in one typed error with a message that says what
// to do. The servers that misbehave (never answering, refusing tunnels) are local test servers.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  AbortedError,
  ConnectionRefusedError,
  DnsError,
  KubeClient,
  ProxyError,
  TimeoutError,
  TlsError,
  endpointForServer,
  getVersion,
} from '../../client/src/cluster';
import { type Cluster, useCluster } from '../cluster/helper';
import { endpointFromFile, kubeconfigFor, otherCa, tempDir } from './fixtures';

let cluster: Cluster;
const tmp = tempDir('pm-conn-');
const clients: KubeClient[] = [];
const servers: net.Server[] = [];
const client = (...args: ConstructorParameters<typeof KubeClient>) => {
  const c = new KubeClient(...args);
  clients.push(c);
  return c;
};
const listen = (srv: net.Server) =>
  new Promise<number>((resolve) => {
    servers.push(srv);
    srv.listen(0, '127.0.0.1', () => resolve((srv.address() as net.AddressInfo).port));
  });

const admin = { token: '' };
before(async () => {
  cluster = await useCluster();
  admin.token = cluster.adminToken;
});
after(() => {
  clients.forEach((c) => c.close());
  for (const s of servers) {
    (s as http.Server).closeAllConnections?.();
    s.close();
  }
  tmp.remove();
  cluster?.release();
});

describe('TLS', () => {
  test('a wrong CA fails the handshake with a clear message', async () => {
    const ep = await endpointFromFile(tmp.file('wrong-ca.yaml', kubeconfigFor(cluster, { token: admin.token }, { 'certificate-authority': otherCa(tmp.dir) })));
    await assert.rejects(getVersion(client(ep)), (e: unknown) => {
      assert.ok(e instanceof TlsError, String(e));
      assert.equal(e.failure, 'unknown-ca');
      assert.match(
        e.message,
        /^TLS: the certificate of https:\/\/127\.0\.0\.1:\d+ \(context "ctx"\) is not signed by a CA this client trusts \(\w+\)\. Check the cluster's certificate-authority/,
      );
      return true;
    });
    // no CA at all: the system roots do not know the cluster's CA either
    await assert.rejects(
      getVersion(client(endpointForServer({ server: cluster.server, token: admin.token }))),
      (e: unknown) => e instanceof TlsError && e.failure === 'unknown-ca',
    );
  });

  test('insecure-skip-tls-verify connects without the CA and is flagged on the endpoint', async () => {
    const ep = await endpointFromFile(
      tmp.file('insecure.yaml', kubeconfigFor(cluster, { token: admin.token }, { 'certificate-authority': undefined, 'insecure-skip-tls-verify': true })),
    );
    assert.equal(ep.insecureSkipTlsVerify, true);
    assert.equal((await getVersion(client(ep))).version.gitVersion, 'v1.20.2');
  });

  test('tls-server-name: a name in the certificate works; another one is a hostname mismatch', async () => {
    const ok = await endpointFromFile(tmp.file('sni-ok.yaml', kubeconfigFor(cluster, { token: admin.token }, { 'tls-server-name': 'kubernetes.default' })));
    assert.equal((await getVersion(client(ok))).version.gitVersion, 'v1.20.2');
    const bad = await endpointFromFile(
      tmp.file('sni-bad.yaml', kubeconfigFor(cluster, { token: admin.token }, { 'tls-server-name': 'not-in-the-cert.example' })),
    );
    await assert.rejects(getVersion(client(bad)), (e: unknown) => {
      assert.ok(e instanceof TlsError, String(e));
      assert.equal(e.failure, 'hostname-mismatch');
      assert.match(e.message, /not valid for the name used to reach it: .*not-in-the-cert\.example.*set tls-server-name/);
      return true;
    });
  });
});

describe('proxies', () => {
  test('proxy-url: requests go through an HTTP CONNECT tunnel; TLS to the API server inside it', async () => {
    const seen: string[] = [];
    const proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      seen.push(`${req.url} ${req.headers['proxy-authorization'] ?? ''}`);
      const [host, port] = req.url!.split(':');
      const upstream = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    const port = await listen(proxy);
    const ep = await endpointFromFile(
      tmp.file('proxy.yaml', kubeconfigFor(cluster, { token: admin.token }, { 'proxy-url': `http://pm:pw@127.0.0.1:${port}` })),
    );
    assert.equal((await getVersion(client(ep))).version.gitVersion, 'v1.20.2');
    assert.deepEqual(seen, [`${new URL(cluster.server).host} Basic ${Buffer.from('pm:pw').toString('base64')}`]);
  });

  test('HTTPS_PROXY from the environment, unless NO_PROXY names the host', async () => {
    // the proxy, not this client, resolves the name: "kubernetes.default" (a name in the server's
    // certificate) reaches the local API server only through it
    const seen: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
      seen.push(req.url!);
      const upstream = net.connect(Number(req.url!.split(':')[1]), '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    const port = await listen(proxy);
    const server = `https://kubernetes.default:${new URL(cluster.server).port}`;
    const ep = endpointForServer({ server, token: admin.token, ca: cluster.ca });
    const env = { HTTPS_PROXY: `127.0.0.1:${port}`, NO_PROXY: 'example.com,10.0.0.0/8' };
    assert.equal((await getVersion(client(ep, { env }))).version.gitVersion, 'v1.20.2');
    assert.deepEqual(seen, [new URL(server).host]);
    await assert.rejects(getVersion(client(ep, { env: { ...env, NO_PROXY: '.default' }, timeoutMs: 10_000 })), DnsError);
    assert.equal(seen.length, 1);
  });

  test('a proxy refusing the tunnel: ProxyError naming the proxy without its password', async () => {
    const proxy = http.createServer();
    proxy.on('connect', (_req: http.IncomingMessage, socket: net.Socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n'));
    const port = await listen(proxy);
    const ep = await endpointFromFile(
      tmp.file('proxy-407.yaml', kubeconfigFor(cluster, { token: admin.token }, { 'proxy-url': `http://pm:secret-pw@127.0.0.1:${port}` })),
    );
    await assert.rejects(getVersion(client(ep)), (e: unknown) => {
      assert.ok(e instanceof ProxyError, String(e));
      assert.match(e.message, new RegExp(`The proxy http://127\\.0\\.0\\.1:${port} did not open a tunnel .*: it answered 407`));
      assert.ok(!e.message.includes('secret-pw'));
      return true;
    });
  });
});

describe('network failures', () => {
  test('connection refused', async () => {
    const srv = net.createServer();
    const port = await listen(srv);
    await new Promise((r) => srv.close(r));
    const c = client(endpointForServer({ server: `https://127.0.0.1:${port}`, token: 't', label: 'context "down"' }));
    await assert.rejects(getVersion(c), (e: unknown) => {
      assert.ok(e instanceof ConnectionRefusedError, String(e));
      assert.equal(
        e.message,
        `Connection refused by https://127.0.0.1:${port} (context "down"). Is the cluster running, and is the server address in the kubeconfig right?`,
      );
      return true;
    });
  });

  test('a server that never answers: timeout', async () => {
    const srv = net.createServer(() => {
      /* accept, say nothing */
    });
    const port = await listen(srv);
    const c = client(endpointForServer({ server: `https://127.0.0.1:${port}`, token: 't' }), { timeoutMs: 300 });
    await assert.rejects(getVersion(c), (e: unknown) => e instanceof TimeoutError && /did not answer within 300 ms/.test(e.message));
  });

  test('cancelling through an AbortSignal: AbortedError', async () => {
    const srv = net.createServer(() => {
      /* accept, say nothing */
    });
    const port = await listen(srv);
    const accepted = new Promise((r) => srv.once('connection', r));
    const c = client(endpointForServer({ server: `http://127.0.0.1:${port}`, token: 't' }));
    const abort = new AbortController();
    const pending = getVersion(c, abort.signal);
    await accepted;
    abort.abort();
    await assert.rejects(pending, (e: unknown) => e instanceof AbortedError && /was cancelled/.test(e.message));
  });

  test('a host that does not resolve: DNS error', async () => {
    const c = client(endpointForServer({ server: 'https://pm-no-such-host.invalid:6443', token: 't' }), { timeoutMs: 10_000 });
    await assert.rejects(
      getVersion(c),
      (e: unknown) => e instanceof DnsError && e.host === 'pm-no-such-host.invalid' && /Cannot resolve the host "pm-no-such-host.invalid"/.test(e.message),
    );
  });
});
