// The one fake in the local cluster: a kubelet that only serves container logs.
//
// The real kube-apiserver proxies GET /api/v1/namespaces/NS/pods/NAME/log to the kubelet of
// the Pod's node: https://<node InternalIP>:<kubeletEndpoint port>/containerLogs/NS/NAME/CONTAINER
// with follow, tailLines, timestamps, sinceTime, sinceSeconds, limitBytes, previous in the query.
// There is no real kubelet (nor container runtime) here, so this server plays that part, behind
// the real API server: HTTPS with our CA's serving certificate, and it only accepts clients that
// present a certificate signed by our CA (the API server's --kubelet-client-certificate).
//
// Tests script what the "containers" write through a plain-HTTP control port on 127.0.0.1:
//   POST /control/emit      {namespace,pod,container, lines:[..], previous?:bool}  append lines
//   POST /control/generate  {namespace,pod,container, prefix?, intervalMs?, count?} append
//                           "<prefix> <n>" every intervalMs, count times (default 10, max 10000)
//   POST /control/pause     {namespace,pod,container}  hold: nothing more reaches open streams,
//                           new log requests get no response, the generator stops ticking
//   POST /control/resume    {namespace,pod,container}  flush what was held, answer held requests
//   POST /control/drop      {namespace,pod,container, afterLines?:n}  destroy the TCP connection
//                           of every open stream (now, or after n more lines each)
//   POST /control/end       {namespace,pod,container}  end open follow streams cleanly
//   GET  /control/streams?namespace=&pod=&container=   {open: n}  open follow streams
//        …&wait=n: answers once exactly n follow streams are open (tests await it, no polling)
//   GET  /control/requests  the kubelet requests seen so far (path, query, client cert CN)
//   POST /control/reset     forget everything
//   GET  /healthz
// Every body and answer is JSON. namespace defaults to "default".
//
// Usage: node kubelet-logs.mjs --cert F --key F --ca F [--port N] [--control-port N]
//          [--ports-file F]   (writes {"port":..,"controlPort":..} once both listen)
import https from 'node:https';
import http from 'node:http';
import fs from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    cert: { type: 'string' },
    key: { type: 'string' },
    ca: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'control-port': { type: 'string', default: '0' },
    'ports-file': { type: 'string' },
  },
});
for (const k of ['cert', 'key', 'ca']) {
  if (!opt[k]) {
    console.error(`kubelet-logs: --${k} is required`);
    process.exit(2);
  }
}

/** @typedef {{ts: Date, text: string}} Line */
/**
 * @typedef {{
 *   lines: Line[], previous: Line[], paused: boolean,
 *   streams: Set<Stream>, held: Array<() => void>, timer: NodeJS.Timeout | null,
 *   genLeft: number, genNext: number, genPrefix: string, genInterval: number
 * }} Container
 * @typedef {{ res: http.ServerResponse, timestamps: boolean, bytesLeft: number,
 *   pending: Line[], dropAfter: number | null, dropping?: boolean }} Stream
 */
/** @type {Map<string, Container>} */
const containers = new Map();
/** @type {Array<{time: string, path: string, query: Record<string,string>, clientCN: string | null}>} */
const requests = [];

const keyOf = (ns, pod, c) => `${ns}/${pod}/${c}`;

/** Control requests waiting for a number of open streams: key → {n, answer}. */
const streamWaiters = new Set();
function streamsChanged(key) {
  const open = containers.get(key)?.streams.size ?? 0;
  for (const w of [...streamWaiters]) {
    if (w.key === key && w.n === open) {
      streamWaiters.delete(w);
      w.answer(open);
    }
  }
}
function get(ns, pod, c) {
  const k = keyOf(ns, pod, c);
  let e = containers.get(k);
  if (!e) {
    e = {
      lines: [],
      previous: [],
      paused: false,
      streams: new Set(),
      held: [],
      timer: null,
      genLeft: 0,
      genNext: 1,
      genPrefix: 'line',
      genInterval: 100,
    };
    containers.set(k, e);
  }
  return e;
}

let lastTs = 0;
function now() {
  // strictly increasing, so sinceTime and ordering are well defined
  const t = Math.max(Date.now(), lastTs + 1);
  lastTs = t;
  return new Date(t);
}

// RFC3339Nano, as the kubelet writes it with timestamps=true
const fmtTs = (d) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
const fmt = (line, timestamps) => (timestamps ? `${fmtTs(line.ts)} ${line.text}\n` : `${line.text}\n`);

/** writes what the stream is allowed to, honouring limitBytes and drop-after */
function write(stream, line) {
  if (stream.res.destroyed || stream.res.writableEnded || stream.dropping) return;
  let chunk = fmt(line, stream.timestamps);
  if (stream.bytesLeft <= 0) return;
  if (Buffer.byteLength(chunk) > stream.bytesLeft) chunk = Buffer.from(chunk).subarray(0, stream.bytesLeft).toString();
  stream.bytesLeft -= Buffer.byteLength(chunk);
  if (stream.dropAfter !== null && --stream.dropAfter <= 0) {
    // drop once this last line has reached the socket (not before: it would be lost)
    stream.dropAfter = null;
    stream.dropping = true;
    stream.res.write(chunk, () => dropStream(stream));
    return;
  }
  stream.res.write(chunk);
  if (stream.bytesLeft <= 0) stream.res.end();
}

function dropStream(stream) {
  // abrupt: the connection goes away mid-response, as when a kubelet dies
  stream.res.socket?.destroy();
  stream.res.destroy();
}

function append(e, texts, previous) {
  for (const text of texts) {
    const line = { ts: now(), text: String(text) };
    if (previous) {
      e.previous.push(line);
      continue;
    }
    e.lines.push(line);
    for (const s of e.streams) {
      if (e.paused) s.pending.push(line);
      else write(s, line);
    }
  }
}

function tick(e) {
  e.timer = null;
  if (e.paused || e.genLeft <= 0) return;
  append(e, [`${e.genPrefix} ${e.genNext++}`], false);
  e.genLeft -= 1;
  if (e.genLeft > 0) e.timer = setTimeout(() => tick(e), e.genInterval);
}

function parseSince(q) {
  if (q.sinceTime) {
    const d = new Date(q.sinceTime);
    if (!Number.isNaN(d.getTime())) return d;
  }
  if (q.sinceSeconds) {
    const s = Number(q.sinceSeconds);
    if (Number.isFinite(s)) return new Date(Date.now() - s * 1000);
  }
  return null;
}

function serveLogs(req, res) {
  const url = new URL(req.url, 'https://kubelet');
  const q = Object.fromEntries(url.searchParams);
  const cert = req.socket.getPeerCertificate?.();
  requests.push({ time: new Date().toISOString(), path: url.pathname, query: q, clientCN: cert?.subject?.CN ?? null });
  if (requests.length > 1000) requests.shift();

  const m = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(url.pathname);
  if (req.method !== 'GET' || !m) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
    return;
  }
  const [ns, pod, container] = m.slice(1).map(decodeURIComponent);
  const e = get(ns, pod, container);
  const respond = () => {
    if (res.destroyed) return;
    const previous = q.previous === 'true' || q.previous === '1';
    if (previous && e.previous.length === 0) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`previous terminated container "${container}" in pod "${pod}" not found`);
      return;
    }
    let lines = previous ? e.previous : e.lines;
    const since = parseSince(q);
    if (since) lines = lines.filter((l) => l.ts >= since);
    if (q.tailLines !== undefined && q.tailLines !== '') {
      const n = Number(q.tailLines);
      if (Number.isInteger(n) && n >= 0) lines = n === 0 ? [] : lines.slice(-n);
    }
    const limit = q.limitBytes ? Number(q.limitBytes) : Infinity;
    /** @type {Stream} */
    const stream = {
      res,
      timestamps: q.timestamps === 'true' || q.timestamps === '1',
      bytesLeft: limit > 0 ? limit : Infinity,
      pending: [],
      dropAfter: null,
    };
    res.writeHead(200, { 'content-type': 'text/plain' });
    for (const l of lines) write(stream, l);
    const follow = (q.follow === 'true' || q.follow === '1') && !previous;
    if (!follow || res.writableEnded || res.destroyed) {
      if (!res.writableEnded && !res.destroyed) res.end();
      return;
    }
    res.flushHeaders();
    e.streams.add(stream);
    streamsChanged(keyOf(ns, pod, container));
    const gone = () => {
      if (e.streams.delete(stream)) streamsChanged(keyOf(ns, pod, container));
    };
    res.on('close', gone);
    req.on('close', gone);
  };
  if (e.paused) e.held.push(respond);
  else respond();
}

async function readJson(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? JSON.parse(body) : {};
}

function json(res, code, obj) {
  res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(obj) + '\n');
}

async function control(req, res) {
  const url = new URL(req.url, 'http://control');
  try {
    if (url.pathname === '/healthz') return json(res, 200, { ok: true });
    if (url.pathname === '/control/requests') return json(res, 200, { requests });
    if (url.pathname === '/control/streams') {
      const p = Object.fromEntries(url.searchParams);
      const key = keyOf(p.namespace || 'default', p.pod, p.container);
      const e = containers.get(key);
      const open = e ? e.streams.size : 0;
      if (p.wait === undefined || Number(p.wait) === open) return json(res, 200, { open, held: e ? e.held.length : 0 });
      const waiter = { key, n: Number(p.wait), answer: (n) => json(res, 200, { open: n, held: containers.get(key)?.held.length ?? 0 }) };
      streamWaiters.add(waiter);
      req.on('close', () => streamWaiters.delete(waiter));
      return;
    }
    if (req.method !== 'POST') return json(res, 404, { error: `no ${req.method} ${url.pathname}` });
    const b = await readJson(req);
    if (url.pathname === '/control/reset') {
      for (const e of containers.values()) {
        if (e.timer) clearTimeout(e.timer);
        for (const s of e.streams) s.res.end();
        for (const h of e.held) h();
      }
      containers.clear();
      requests.length = 0;
      return json(res, 200, { ok: true });
    }
    if (!b.pod || !b.container) return json(res, 400, { error: 'pod and container are required' });
    const e = get(b.namespace || 'default', b.pod, b.container);
    switch (url.pathname) {
      case '/control/emit':
        if (!Array.isArray(b.lines)) return json(res, 400, { error: 'lines must be an array' });
        append(e, b.lines, !!b.previous);
        return json(res, 200, { ok: true, lines: e.lines.length, open: e.streams.size });
      case '/control/generate': {
        e.genPrefix = b.prefix ?? 'line';
        e.genInterval = Math.max(1, Number(b.intervalMs ?? 100));
        e.genLeft = Math.min(10000, Math.max(0, Number(b.count ?? 10)));
        if (e.timer) clearTimeout(e.timer);
        e.timer = setTimeout(() => tick(e), e.genInterval);
        return json(res, 200, { ok: true });
      }
      case '/control/pause':
        e.paused = true;
        if (e.timer) clearTimeout(e.timer);
        e.timer = null;
        return json(res, 200, { ok: true, open: e.streams.size });
      case '/control/resume': {
        e.paused = false;
        for (const s of e.streams) {
          const p = s.pending;
          s.pending = [];
          for (const l of p) write(s, l);
        }
        const held = e.held;
        e.held = [];
        for (const h of held) h();
        if (e.genLeft > 0 && !e.timer) e.timer = setTimeout(() => tick(e), e.genInterval);
        return json(res, 200, { ok: true, open: e.streams.size });
      }
      case '/control/drop': {
        const n = e.streams.size;
        for (const s of [...e.streams]) {
          if (b.afterLines && b.afterLines > 0) s.dropAfter = Number(b.afterLines);
          else dropStream(s);
        }
        return json(res, 200, { ok: true, dropped: n });
      }
      case '/control/end': {
        const n = e.streams.size;
        for (const s of [...e.streams]) s.res.end();
        return json(res, 200, { ok: true, ended: n });
      }
      default:
        return json(res, 404, { error: `no POST ${url.pathname}` });
    }
  } catch (err) {
    return json(res, 400, { error: String(err?.message ?? err) });
  }
}

const kubelet = https.createServer(
  {
    cert: fs.readFileSync(opt.cert),
    key: fs.readFileSync(opt.key),
    ca: fs.readFileSync(opt.ca),
    requestCert: true,
    rejectUnauthorized: true,
  },
  serveLogs,
);
kubelet.keepAliveTimeout = 60_000;
const ctl = http.createServer((req, res) => void control(req, res));

const listen = (srv, port) =>
  new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(Number(port), opt.host, () => resolve(srv.address().port));
  });

const port = await listen(kubelet, opt.port);
const controlPort = await listen(ctl, opt['control-port']);
if (opt['ports-file']) {
  const tmp = `${opt['ports-file']}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ port, controlPort }) + '\n');
  fs.renameSync(tmp, opt['ports-file']);
}
console.log(`kubelet-logs: https://${opt.host}:${port} (containerLogs), control http://${opt.host}:${controlPort}`);

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    for (const e of containers.values()) if (e.timer) clearTimeout(e.timer);
    kubelet.closeAllConnections?.();
    ctl.closeAllConnections?.();
    kubelet.close();
    ctl.close();
    process.exit(0);
  });
}
