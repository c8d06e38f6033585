/**
 * The HTTP layer: one KubeClient per endpoint, on Node's https (no library: see README.md).
 * It adds credentials, retries once after a 401 when the credential can be renewed (exec
 * plugin, tokenFile), returns the server's Warning headers with every answer, and turns every
 * failure into one of the typed errors of errors.ts. Nothing here logs; no message contains a
 * credential.
 */
import http from 'node:http';
import https from 'node:https';
import { CredentialSource, type Credentials } from './credentials';
import type { ClusterEndpoint } from './endpoint';
import {
  AbortedError,
  type ApiStatusError,
  ClusterError,
  ConnectionRefusedError,
  DnsError,
  type ErrorTarget,
  NetworkError,
  ProxyError,
  TimeoutError,
  TlsError,
  type TlsFailure,
} from './errors';
import type { ExecCredentialCache } from './execCredentials';
import { errorFromResponse, warningsOf } from './kubeStatus';
import { ProxyTunnelError, TunnelAgent, proxyFor, redactProxy } from './proxy';

export interface ClientOptions {
  /** how long to wait for an answer (for streams: for the headers); default 30 s */
  timeoutMs?: number;
  userAgent?: string;
  /** environment for proxies and exec plugins; default process.env */
  env?: NodeJS.ProcessEnv;
  execCache?: ExecCredentialCache;
}

export interface ApiRequest {
  method: 'GET' | 'PATCH' | 'POST' | 'PUT' | 'DELETE';
  /** API path, e.g. /api/v1/namespaces/ns/pods/name (appended to the server URL's own path) */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: string | Buffer;
  contentType?: string;
  accept?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ApiResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  warnings: string[];
}

export interface ApiStream {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  warnings: string[];
  /** the body; ends when the server ends it or the connection drops */
  body: http.IncomingMessage;
  /** 'end' when the server finished the response, 'aborted' when the connection was lost or close() was called */
  closed: Promise<'end' | 'aborted'>;
  close(): void;
}

const MAX_ERROR_BODY = 1 << 20;

export class KubeClient {
  readonly target: ErrorTarget;
  private readonly creds: CredentialSource;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly userAgent: string;
  private readonly base: URL;
  private agent: { agent: https.Agent | http.Agent; cert?: Buffer } | undefined;
  private readonly retired: http.Agent[] = [];

  constructor(
    readonly endpoint: ClusterEndpoint,
    opts: ClientOptions = {},
  ) {
    this.target = { label: endpoint.label, server: endpoint.server };
    this.env = opts.env ?? process.env;
    this.creds = new CredentialSource(endpoint, this.env, opts.execCache);
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.userAgent = opts.userAgent ?? 'pod-manifests';
    this.base = new URL(endpoint.server);
  }

  /** A request whose answer is read whole; any status is returned (callers map errors). */
  async request(req: ApiRequest): Promise<ApiResponse> {
    return this.withRetryOn401(req, async (res) => {
      const body = await readBody(res, Infinity).catch((err) => {
        throw err instanceof ClusterError ? err : new NetworkError(this.target, err.code ?? 'ECONNRESET', err.message);
      });
      return { statusCode: res.statusCode ?? 0, headers: res.headers, body, warnings: warningsOf(res.rawHeaders) };
    });
  }

  /** Like request(), but a status >= 400 becomes its typed error. */
  async call(req: ApiRequest): Promise<ApiResponse> {
    const res = await this.request(req);
    if (res.statusCode >= 400) throw this.statusError(res.statusCode, res.body, res.warnings);
    return res;
  }

  /** A streaming GET (logs): resolves with the open body once the headers are in (2xx only). */
  async stream(req: ApiRequest): Promise<ApiStream> {
    return this.withRetryOn401(req, async (res, clientReq) => {
      const statusCode = res.statusCode ?? 0;
      const warnings = warningsOf(res.rawHeaders);
      if (statusCode >= 400) throw this.statusError(statusCode, await readBody(res, MAX_ERROR_BODY).catch(() => ''), warnings);
      // headers are in: an idle stream is normal from now on
      clientReq.setTimeout(0);
      const closed = new Promise<'end' | 'aborted'>((resolve) => {
        res.once('end', () => resolve('end'));
        res.once('close', () => resolve(res.complete ? 'end' : 'aborted'));
        res.on('error', () => resolve('aborted'));
      });
      return { statusCode, headers: res.headers, warnings, body: res, closed, close: () => clientReq.destroy() };
    });
  }

  statusError(statusCode: number, body: string, warnings: string[]): ApiStatusError {
    const err = errorFromResponse(this.target, statusCode, body);
    err.warnings = warnings;
    return err;
  }

  /** Frees pooled connections. */
  close(): void {
    this.agent?.agent.destroy();
    this.agent = undefined;
    for (const a of this.retired.splice(0)) a.destroy();
  }

  private async withRetryOn401<T>(req: ApiRequest, handle: (res: http.IncomingMessage, clientReq: http.ClientRequest) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const creds = await this.creds.get();
      const { res, clientReq } = await this.send(req, creds);
      if (res.statusCode === 401 && attempt === 0 && this.creds.refreshable) {
        res.resume();
        this.creds.invalidate();
        continue;
      }
      return handle(res, clientReq);
    }
  }

  private send(req: ApiRequest, creds: Credentials): Promise<{ res: http.IncomingMessage; clientReq: http.ClientRequest }> {
    const url = this.urlOf(req);
    const headers: Record<string, string> = {
      Accept: req.accept ?? 'application/json, */*',
      'User-Agent': this.userAgent,
    };
    if (creds.authorization) headers.Authorization = creds.authorization;
    if (req.body !== undefined) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(req.body));
    }
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const agent = this.agentFor(url, creds);
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      if (req.signal?.aborted) return reject(new AbortedError(this.target));
      const clientReq = lib.request(url, { method: req.method, headers, agent });
      // the signal cancels the whole exchange, the body included
      const onAbort = () => clientReq.destroy(new AbortedError(this.target));
      req.signal?.addEventListener('abort', onAbort, { once: true });
      clientReq.on('close', () => req.signal?.removeEventListener('abort', onAbort));
      clientReq.on('response', (res) => resolve({ res, clientReq }));
      clientReq.on('error', (err) => reject(this.networkError(err, url)));
      if (timeoutMs > 0) clientReq.setTimeout(timeoutMs, () => clientReq.destroy(new TimeoutError(this.target, timeoutMs)));
      clientReq.end(req.body);
    });
  }

  private urlOf(req: ApiRequest): URL {
    const url = new URL(this.base.toString());
    url.pathname = this.base.pathname.replace(/\/$/, '') + req.path;
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  /** One pooled agent per client, made anew when the client certificate changes (exec plugins). */
  private agentFor(url: URL, creds: Credentials): http.Agent {
    if (this.agent && this.agent.cert === creds.clientCert) return this.agent.agent;
    // the old agent is left to finish what it carries (a followed log), and closed with the client
    if (this.agent) this.retired.push(this.agent.agent);
    const ep = this.endpoint;
    const proxy = proxyFor(url, ep.proxyUrl, this.env);
    const tlsOpts: https.AgentOptions = {
      keepAlive: true,
      ca: ep.ca,
      cert: creds.clientCert,
      key: creds.clientKey,
      rejectUnauthorized: !ep.insecureSkipTlsVerify,
      ...(ep.tlsServerName ? { servername: ep.tlsServerName } : {}),
    };
    let agent: http.Agent;
    if (url.protocol === 'http:') agent = new http.Agent({ keepAlive: true });
    else if (proxy) agent = new TunnelAgent(proxy, tlsOpts);
    else agent = new https.Agent(tlsOpts);
    this.agent = { agent, cert: creds.clientCert };
    return agent;
  }

  private networkError(err: unknown, url: URL): ClusterError {
    if (err instanceof ClusterError) return err;
    if (err instanceof ProxyTunnelError) return new ProxyError(this.target, redactProxy(err.proxy), err.detail);
    const e = err as NodeJS.ErrnoException & { reason?: string };
    const code = e.code ?? 'ERROR';
    if (code === 'ECONNREFUSED') return new ConnectionRefusedError(this.target, code);
    if (['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'].includes(code)) return new DnsError(this.target, url.hostname, code);
    if (code === 'ETIMEDOUT') return new TimeoutError(this.target, this.timeoutMs);
    const tls = tlsFailure(code, e.message);
    // OpenSSL's messages carry a source path; its reason ("wrong version number") is what helps
    if (tls) return new TlsError(this.target, tls, code, e.reason ?? /SSL routines:[^:]*:([^:]+)/.exec(e.message)?.[1] ?? e.message);
    return new NetworkError(this.target, code, e.message);
  }
}

function tlsFailure(code: string, message: string): TlsFailure | undefined {
  if (
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'CERT_SIGNATURE_FAILURE',
      'CERT_UNTRUSTED',
    ].includes(code)
  )
    return 'unknown-ca';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'hostname-mismatch';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'expired';
  if (/ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN)/.test(code)) return 'client-certificate';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO' || /SSL|TLS/.test(message)) return 'other';
  return undefined;
}

function readBody(res: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      if (size < limit) chunks.push(c);
      size += c.length;
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('the connection closed before the answer was complete')));
  });
}
