// Test helper for the local Kubernetes API server (test/cluster/up.sh).
//
//   const cluster = await useCluster();   // in before(): starts it if it is not running
//   ... cluster.request('GET', '/version') ...
//   cluster.release();                    // in after(): stops it if the helper started it
//
// Several test files (node --test runs them in separate processes, maybe at once) share one
// cluster: each process takes a lease; the last one out stops the cluster, but only when a
// helper started it. A cluster started by hand (npm run cluster:up) is left running.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

// this file's folder (CommonJS under tsx; a run from the repo root otherwise)
const HERE = typeof __dirname !== 'undefined' ? __dirname : path.resolve('test', 'cluster');
export const CACHE_DIR = process.env.POD_MANIFESTS_CACHE ?? path.join(os.homedir(), '.cache', 'pod-manifests');
export const STATE_DIR = process.env.POD_MANIFESTS_CLUSTER_DIR ?? path.join(CACHE_DIR, 'cluster');

export interface ClusterInfo {
  server: string;
  kubeconfig: string;
  caFile: string;
  adminTokenFile: string;
  viewerTokenFile: string;
  nodeName: string;
  kubeletPort: number;
  kubeletControl: string;
  etcd: string;
  stateDir: string;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = any>(): T;
}

export interface RequestOptions {
  /** a string is sent as is; anything else as JSON */
  body?: unknown;
  contentType?: string;
  /** bearer token; default the admin's; null sends none */
  token?: string | null;
  query?: Record<string, string | number | boolean | undefined>;
  timeoutMs?: number;
}

/** An open streaming response (e.g. pods/NAME/log?follow=true). */
export interface Stream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** everything received so far */
  text(): string;
  /** resolves once text() satisfies pred (rejects after timeoutMs, or if the stream ends first) */
  waitFor(pred: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** resolves when the response is over: 'end' (clean end) or 'aborted' (connection dropped) */
  closed: Promise<'end' | 'aborted'>;
  close(): void;
}

export interface Cluster extends ClusterInfo {
  ca: Buffer;
  adminToken: string;
  viewerToken: string;
  request(method: string, urlPath: string, opts?: RequestOptions): Promise<Reply>;
  stream(urlPath: string, opts?: RequestOptions): Promise<Stream>;
  /** POST/GET to the fake kubelet's control port (see kubelet-logs.mjs) */
  kubelet(method: 'GET' | 'POST', controlPath: string, body?: unknown): Promise<any>;
  /** polls until the fake kubelet has `n` open follow streams for the container */
  waitForStreams(ns: string, pod: string, container: string, n: number, timeoutMs?: number): Promise<void>;
  release(): void;
}

function sh(script: string, timeoutMs: number): { status: number; stdout: string; stderr: string } {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  // flock -o: the lock is not inherited by the servers up.sh leaves running
  const r = spawnSync('flock', ['-o', '-w', '1800', path.join(STATE_DIR, '.lease-lock'), 'bash', '-c', script], {
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, HERE_DIR: HERE, STATE_DIR, MY_PID: String(process.pid) },
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let leased: Cluster | null = null;
let refs = 0;

/**
 * Makes sure the local cluster runs (starting it with up.sh, which builds kube-apiserver if the
 * binary is not cached yet), and takes a lease on it for this process.
 */
export async function useCluster(): Promise<Cluster> {
  refs += 1;
  if (leased) return leased;
  // under the lease lock: note whether it was running, bring it up, take our lease
  const r = sh(
    `set -e
     mkdir -p "$STATE_DIR/leases"
     if ! bash "$HERE_DIR/status.sh" >/dev/null 2>&1; then
       bash "$HERE_DIR/up.sh" >&2
       touch "$STATE_DIR/leases/.helper-started"
     fi
     touch "$STATE_DIR/leases/$MY_PID"`,
    45 * 60_000,
  );
  if (r.status !== 0) {
    refs -= 1;
    throw new Error(`test/cluster/up.sh failed (exit ${r.status}):\n${r.stderr.split('\n').slice(-40).join('\n')}`);
  }
  const info = JSON.parse(fs.readFileSync(path.join(STATE_DIR, 'cluster.json'), 'utf8')) as ClusterInfo;
  leased = makeCluster(info);
  process.once('exit', () => releaseLease());
  return leased;
}

function releaseLease(): void {
  if (!leased) return;
  leased = null;
  refs = 0;
  // drop our lease; if no live lease is left and a helper started the cluster, stop it
  const r = sh(
    `rm -f "$STATE_DIR/leases/$MY_PID"
     for f in "$STATE_DIR"/leases/*; do
       [ -e "$f" ] || continue
       pid="$(basename "$f")"
       if kill -0 "$pid" 2>/dev/null; then exit 0; fi
       rm -f "$f"
     done
     if [ -e "$STATE_DIR/leases/.helper-started" ]; then
       bash "$HERE_DIR/down.sh" >&2 && rm -f "$STATE_DIR/leases/.helper-started"
     fi`,
    120_000,
  );
  if (r.status !== 0) process.stderr.write(`test/cluster/down.sh failed:\n${r.stderr}\n`);
}

function makeCluster(info: ClusterInfo): Cluster {
  const ca = fs.readFileSync(info.caFile);
  const adminToken = fs.readFileSync(info.adminTokenFile, 'utf8').trim();
  const viewerToken = fs.readFileSync(info.viewerTokenFile, 'utf8').trim();
  const agent = new https.Agent({ ca, keepAlive: false });

  function open(method: string, urlPath: string, opts: RequestOptions): Promise<http.IncomingMessage> & { req?: http.ClientRequest } {
    const url = new URL(urlPath, info.server);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json, */*' };
    const token = opts.token === undefined ? adminToken : opts.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['Content-Type'] = opts.contentType ?? 'application/json';
    }
    let req!: http.ClientRequest;
    const p = new Promise<http.IncomingMessage>((resolve, reject) => {
      req = https.request(url, { method, headers, agent }, resolve);
      req.on('error', reject);
      if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`${method} ${urlPath}: timed out`)));
      req.end(payload);
    }) as Promise<http.IncomingMessage> & { req?: http.ClientRequest };
    p.req = req;
    return p;
  }

  async function request(method: string, urlPath: string, opts: RequestOptions = {}): Promise<Reply> {
    const res = await open(method, urlPath, { timeoutMs: 30_000, ...opts });
    let body = '';
    res.setEncoding('utf8');
    for await (const chunk of res) body += chunk;
    return { status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) };
  }

  async function stream(urlPath: string, opts: RequestOptions = {}): Promise<Stream> {
    const pending = open('GET', urlPath, opts);
    const req = pending.req!;
    const res = await pending;
    let text = '';
    let done: 'end' | 'aborted' | null = null;
    const waiters = new Set<() => void>();
    const wake = () => waiters.forEach((w) => w());
    res.setEncoding('utf8');
    const closed = new Promise<'end' | 'aborted'>((resolve) => {
      const finish = (how: 'end' | 'aborted') => {
        if (done) return;
        done = how;
        resolve(how);
        wake();
      };
      res.on('data', (c: string) => {
        text += c;
        wake();
      });
      res.on('end', () => finish('end'));
      res.on('aborted', () => finish('aborted'));
      res.on('error', () => finish('aborted'));
      res.on('close', () => finish(res.complete ? 'end' : 'aborted'));
    });
    return {
      status: res.statusCode ?? 0,
      headers: res.headers,
      text: () => text,
      closed,
      close: () => req.destroy(),
      waitFor(pred, timeoutMs = 10_000) {
        return new Promise<string>((resolve, reject) => {
          const check = () => {
            if (pred(text)) {
              cleanup();
              resolve(text);
            } else if (done) {
              cleanup();
              reject(new Error(`stream ended (${done}) before the expected text; got ${JSON.stringify(text)}`));
            }
          };
          const timer = setTimeout(() => {
            cleanup();
            reject(new Error(`timed out after ${timeoutMs} ms; got ${JSON.stringify(text)}`));
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });
      },
    };
  }

  function kubelet(method: 'GET' | 'POST', controlPath: string, body?: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(controlPath, info.kubeletControl), { method, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            const out = JSON.parse(text);
            if ((res.statusCode ?? 0) >= 400) reject(new Error(`kubelet control ${method} ${controlPath}: ${res.statusCode} ${text}`));
            else resolve(out);
          } catch (err) {
            reject(err);
          }
        });
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  }

  /** Resolves once the fake kubelet has exactly `n` follow streams open for the container (it answers when that happens). */
  async function waitForStreams(ns: string, pod: string, container: string, n: number, timeoutMs = 10_000) {
    const q = new URLSearchParams({ namespace: ns, pod, container, wait: String(n) });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`fake kubelet: not ${n} open streams for ${ns}/${pod}/${container} within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([kubelet('GET', `/control/streams?${q}`), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    ...info,
    ca,
    adminToken,
    viewerToken,
    request,
    stream,
    kubelet,
    waitForStreams,
    release() {
      refs -= 1;
      if (refs <= 0) releaseLease();
    },
  };
}

/** A namespace name unique to this run, e.g. for one test file. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}`.toLowerCase().slice(0, 63);
}

/**
 * A namespace of one test file's own on the local cluster (started if need be), and its removal:
 *
 *   let cluster: Cluster;
 *   let ns: string;
 *   before(async () => ({ cluster, ns } = await createNamespace('pods')));
 *   after(() => deleteNamespace(cluster, ns));
 */
export async function createNamespace(prefix: string): Promise<{ cluster: Cluster; ns: string }> {
  const cluster = await useCluster();
  const ns = uniqueName(prefix);
  const res = await cluster.request('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  if (res.status !== 201) {
    cluster.release();
    throw new Error(`creating namespace ${ns}: ${res.status} ${res.body}`);
  }
  return { cluster, ns };
}

/** Deletes what createNamespace made and releases the cluster; a no-op for what it did not make. */
export async function deleteNamespace(cluster: Cluster | undefined, ns: string | undefined): Promise<void> {
  if (cluster && ns) await cluster.request('DELETE', `/api/v1/namespaces/${ns}`);
  cluster?.release();
}
