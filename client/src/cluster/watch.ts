/**
 * A collection kept in step with the cluster through the API's watch, not by polling: one list,
 * then a watch from the list's resourceVersion. The server ends watches on its own (every
 * --min-request-timeout, 30–60 min by default; a proxy sooner; a connection drops): the watch is
 * reopened from the last resourceVersion seen (bookmarks keep it fresh), so no event is lost or
 * repeated. Only when the server no longer has that version (410 Gone) is the collection listed
 * again, and the difference is reported as events.
 */
import { EventEmitter } from 'node:events';
import { ApiStatusError, asClusterError, type ClusterError, NetworkError, retryable } from './errors';
import type { ApiStream, KubeClient } from './kubeClient';
import type { KubeObject } from './objectApi';

export interface WatchOptions {
  /** `app=web,tier in (front)` */
  labelSelector?: string;
  /** `metadata.name=web` */
  fieldSelector?: string;
  /** asks the server to end each watch after this long (it does so anyway, later); tests use it to see a resume */
  timeoutSeconds?: number;
  /** consecutive failed reopenings before giving up (default 10) */
  maxReconnects?: number;
  /** delay before reopening attempt n (1-based); default 0, then 250 ms doubling up to 5 s */
  reconnectDelayMs?: (attempt: number) => number;
}

export interface CollectionWatchEvents<T> {
  added: [T];
  modified: [T];
  deleted: [T];
  /** the watch ended (why) and is being reopened */
  dropped: [string];
  /** reopened from this resourceVersion */
  resumed: [string];
  /** listed again after the server had compacted past our resourceVersion (410) */
  relisted: [];
  /** given up (after maxReconnects, or the first list failed); the watch is over */
  error: [ClusterError];
}

type Raw<T> = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: T } | { type: 'ERROR'; object: { code?: number; message?: string } };

const defaultDelay = (attempt: number) => (attempt <= 1 ? 0 : Math.min(250 * 2 ** (attempt - 2), 5000));
/** A watch that stayed open this long counts as healthy: the next drop starts the retry count anew. */
const HEALTHY_MS = 10_000;

export class CollectionWatch<T extends KubeObject = KubeObject> extends EventEmitter<CollectionWatchEvents<T>> {
  private readonly known = new Map<string, T>();
  private readonly abort = new AbortController();
  private resourceVersion = '';
  private current: ApiStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** resolves once the first list is in (the objects are known and their `added` events emitted) */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;

  /** `path`: the collection, e.g. `/api/v1/namespaces/default/pods`. */
  constructor(
    private readonly client: KubeClient,
    private readonly path: string,
    private readonly opts: WatchOptions = {},
  ) {
    super();
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
  }

  /** The objects as last seen, by name. */
  get objects(): ReadonlyMap<string, T> {
    return this.known;
  }

  start(): this {
    void this.listThenWatch(true);
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
    this.current?.close();
    if (this.timer) clearTimeout(this.timer);
  }

  private query(extra: Record<string, string | number | boolean | undefined>) {
    return { labelSelector: this.opts.labelSelector, fieldSelector: this.opts.fieldSelector, ...extra };
  }

  private async listThenWatch(first: boolean): Promise<void> {
    if (await this.list(first)) await this.open(0);
  }

  /** Lists the collection; after the first time, reports what changed meanwhile as events. */
  private async list(first: boolean): Promise<boolean> {
    try {
      const res = await this.client.call({ method: 'GET', path: this.path, query: this.query({}), signal: this.abort.signal });
      if (this.stopped) return false;
      const body = JSON.parse(res.body) as { metadata?: { resourceVersion?: string }; items?: T[] };
      this.resourceVersion = body.metadata?.resourceVersion ?? '';
      const now = new Map((body.items ?? []).map((o) => [o.metadata.name, o]));
      for (const [name, old] of this.known) if (!now.has(name)) this.remove(old);
      for (const [name, o] of now) {
        const old = this.known.get(name);
        this.known.set(name, o);
        if (!old) this.emit('added', o);
        else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) this.emit('modified', o);
      }
      if (!first) this.emit('relisted');
      this.resolveReady();
      return true;
    } catch (err) {
      if (this.stopped) return false;
      const error = asClusterError(err, this.client.target);
      this.resolveReady();
      if (first || !retryable(error)) this.fail(error);
      else this.retry(1, error.message);
      return false;
    }
  }

  private remove(o: T) {
    this.known.delete(o.metadata.name);
    this.emit('deleted', o);
  }

  private async open(attempt: number): Promise<void> {
    let stream: ApiStream;
    const from = this.resourceVersion;
    try {
      stream = await this.client.stream({
        method: 'GET',
        path: this.path,
        query: this.query({ watch: true, resourceVersion: from, allowWatchBookmarks: true, timeoutSeconds: this.opts.timeoutSeconds }),
        signal: this.abort.signal,
      });
    } catch (err) {
      if (this.stopped) return;
      const error = asClusterError(err, this.client.target);
      if (error instanceof ApiStatusError && error.statusCode === 410) return this.listThenWatch(false);
      if (!retryable(error)) return this.fail(error);
      return this.retry(attempt + 1, error.message);
    }
    if (this.stopped) return stream.close();
    this.current = stream;
    if (attempt > 0) this.emit('resumed', from);
    const openedAt = Date.now();
    let gone = false;
    let pending = '';
    stream.body.setEncoding('utf8');
    stream.body.on('data', (chunk: string) => {
      pending += chunk;
      let nl: number;
      while (!gone && (nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (line.trim()) gone = this.event(JSON.parse(line) as Raw<T>);
      }
      if (gone) stream.close();
    });
    const how = await stream.closed;
    this.current = undefined;
    if (this.stopped) return;
    if (gone) return this.listThenWatch(false);
    const healthy = Date.now() - openedAt >= HEALTHY_MS;
    const cause = how === 'aborted' ? 'the connection was lost' : 'the server ended the watch';
    this.emit('dropped', cause);
    this.retry(healthy ? 1 : attempt + 1, cause);
  }

  /** Takes one event; true when the server no longer has our resourceVersion (410): list again. */
  private event(e: Raw<T>): boolean {
    if (e.type === 'ERROR') {
      if (e.object.code === 410) return true;
      this.emit('dropped', e.object.message ?? `watch error ${e.object.code}`);
      return false;
    }
    const o = e.object;
    if (o.metadata?.resourceVersion) this.resourceVersion = o.metadata.resourceVersion;
    if (e.type === 'BOOKMARK') return false;
    if (e.type === 'DELETED') this.remove(o);
    else {
      const had = this.known.has(o.metadata.name);
      this.known.set(o.metadata.name, o);
      this.emit(had ? 'modified' : 'added', o);
    }
    return false;
  }

  private retry(attempt: number, cause: string): void {
    const max = this.opts.maxReconnects ?? 10;
    if (attempt > max) {
      return this.fail(new NetworkError(this.client.target, 'RECONNECT', `the watch of ${this.path} could not be reopened after ${max} attempts (${cause})`));
    }
    const delayMs = (this.opts.reconnectDelayMs ?? defaultDelay)(attempt);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.stopped) void this.open(attempt);
    }, delayMs);
  }

  private fail(error: ClusterError): void {
    this.stopped = true;
    this.emit('error', error);
  }
}
