/**
 * Proxies, as kubectl picks them: the cluster's `proxy-url` if set, else HTTPS_PROXY /
 * HTTP_PROXY with NO_PROXY, following Go's golang.org/x/net/http/httpproxy rules (localhost and
 * loopback addresses are never proxied; NO_PROXY entries are hosts, ".domain" suffixes, IPs or
 * CIDRs, with an optional port; "*" disables proxying). The tunnel is an HTTP CONNECT through
 * an http:// or https:// proxy; TLS to the API server then runs inside it.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { KubeconfigError } from './errors';

/** The proxy to use for `target`, or undefined for a direct connection. */
export function proxyFor(target: URL, proxyUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (proxyUrl) return parseProxy(proxyUrl, 'proxy-url');
  const https_ = target.protocol === 'https:';
  const raw = https_ ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!raw) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (https_ ? '443' : '80');
  if (host === 'localhost' || isLoopback(host)) return undefined;
  if (noProxyMatches(env.NO_PROXY ?? env.no_proxy ?? '', host, port)) return undefined;
  return parseProxy(raw, https_ ? 'HTTPS_PROXY' : 'HTTP_PROXY');
}

function parseProxy(raw: string, from: string): URL {
  // like Go: a proxy without a scheme is http://
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new KubeconfigError(`${from} "${redactProxy(raw)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new KubeconfigError(`${from} ${redactProxy(raw)}: only http:// and https:// proxies are supported (not ${url.protocol.replace(':', '')})`);
  }
  return url;
}

function isLoopback(host: string): boolean {
  if (net.isIPv4(host)) return host.startsWith('127.');
  if (net.isIPv6(host)) return host === '::1' || /^(0:){7}1$/.test(host) || /^::ffff:127\./i.test(host);
  return false;
}

export function noProxyMatches(noProxy: string, host: string, port: string): boolean {
  for (let entry of noProxy.split(',').map((e) => e.trim().toLowerCase())) {
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      const [addr, bits] = entry.split('/');
      const family = net.isIPv4(addr) ? 'ipv4' : net.isIPv6(addr) ? 'ipv6' : null;
      if (family && net.isIP(host)) {
        const list = new net.BlockList();
        try {
          list.addSubnet(addr, Number(bits), family);
          if (list.check(host, net.isIPv4(host) ? 'ipv4' : 'ipv6')) return true;
        } catch {
          /* an unusable CIDR matches nothing */
        }
      }
      continue;
    }
    // split an optional port off ("host:port", "[v6]:port"; a bare v6 address has no port)
    let entryPort = '';
    const bracket = /^\[(.+)\](?::(\d+))?$/.exec(entry);
    if (bracket) {
      entry = bracket[1];
      entryPort = bracket[2] ?? '';
    } else if (!net.isIPv6(entry)) {
      const m = /^(.*):(\d+)$/.exec(entry);
      if (m) {
        entry = m[1];
        entryPort = m[2];
      }
    }
    if (entryPort && entryPort !== port) continue;
    if (net.isIP(entry)) {
      if (entry === host) return true;
      continue;
    }
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (host.endsWith(entry)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy URL for messages: without user and password. */
export function redactProxy(raw: string | URL): string {
  try {
    const u = new URL(String(raw));
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return String(raw).replace(/\/\/[^@/]*@/, '//');
  }
}

/** Why the proxy would not tunnel; mapped to a ProxyError by the transport. */
export class ProxyTunnelError extends Error {
  constructor(
    readonly proxy: string,
    readonly detail: string,
  ) {
    super(`proxy ${proxy}: ${detail}`);
  }
}

/** An https.Agent whose connections are CONNECT tunnels through `proxy`. */
export class TunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    opts: https.AgentOptions,
  ) {
    super(opts);
  }

  override createConnection(options: any, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const cb = callback!;
    const host: string = options.host;
    const port = Number(options.port) || 443;
    const authority = net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
    const headers: Record<string, string> = { Host: authority };
    if (this.proxy.username || this.proxy.password) {
      const user = decodeURIComponent(this.proxy.username);
      const pass = decodeURIComponent(this.proxy.password);
      headers['Proxy-Authorization'] = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    }
    const name = redactProxy(this.proxy);
    const req = (this.proxy.protocol === 'https:' ? https : http).request({
      host: this.proxy.hostname.replace(/^\[|\]$/g, ''),
      port: this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers,
      agent: false,
    });
    let done = false;
    const finish = (err: Error | null, s?: Duplex) => {
      if (done) return;
      done = true;
      cb(err, s as Duplex);
    };
    req.once('connect', (res, socket, head) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        return finish(new ProxyTunnelError(name, `it answered ${res.statusCode} ${res.statusMessage ?? ''}`.trim()));
      }
      if (head.length) socket.unshift(head);
      const servername = options.servername ?? (net.isIP(host) ? undefined : host);
      finish(null, tls.connect({ ...options, socket, servername }));
    });
    req.once('error', (err: NodeJS.ErrnoException) => finish(new ProxyTunnelError(name, err.code ?? err.message)));
    req.end();
    return undefined;
  }
}
