/**
 * Follows one container's log across dropped streams. kubectl and client-node end a follow
 * when the connection drops (an API server restart, a proxy's idle timeout, a laptop that
 * slept); here a stream that ends while the container still runs is reopened from the last
 * timestamp, with the repeats removed (logResume.ts), and a 'reconnected' event says so.
 * Timestamps are always requested, and shown only when the caller asked for them.
 */
import { EventEmitter } from 'node:events';
import { asClusterError, ClusterError, NetworkError, retryable } from './errors';
import type { ApiStream, KubeClient } from './kubeClient';
import { type LogLine, LogResume } from './logResume';
import { getPod } from './podApi';
import { type LogOptions, openPodLog } from './podLogs';

/** What to follow: one container's log, asked for as openPodLog asks (`follow` defaults to true). */
export interface FollowOptions extends Omit<LogOptions, 'limitBytes' | 'signal'> {
  namespace: string;
  pod: string;
  /** consecutive failed reconnects before giving up (default 10) */
  maxReconnects?: number;
  /** delay before reconnect attempt n (1-based); default 0, then 250 ms doubling up to 5 s */
  reconnectDelayMs?: (attempt: number) => number;
}

export type FollowEnd =
  | { reason: 'stopped' }
  /** the container finished (or, without follow, the log was read) */
  | { reason: 'completed' }
  | { reason: 'pod-deleted' }
  | { reason: 'error'; error: ClusterError };

export interface ReconnectingInfo {
  attempt: number;
  delayMs: number;
  /** why the previous stream ended */
  cause: string;
}

export interface ReconnectedInfo {
  attempt: number;
  /** the timestamp the new stream continues from */
  sinceTime?: string;
}

export interface LogFollowerEvents {
  line: [LogLine];
  reconnecting: [ReconnectingInfo];
  reconnected: [ReconnectedInfo];
  warning: [string];
  end: [FollowEnd];
}

/** A stream that stayed open this long counts as healthy: the next drop starts the retry count anew. */
const HEALTHY_MS = 10_000;

const defaultDelay = (attempt: number) => (attempt <= 1 ? 0 : Math.min(250 * 2 ** (attempt - 2), 5000));

export class LogFollower extends EventEmitter<LogFollowerEvents> {
  /** resolves once, when the follower is over; never rejects */
  readonly done: Promise<FollowEnd>;
  private resolveDone!: (end: FollowEnd) => void;
  private readonly resume = new LogResume();
  private readonly abort = new AbortController();
  private current: ApiStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private finished = false;
  private started = false;

  constructor(
    private readonly client: KubeClient,
    private readonly opts: FollowOptions,
  ) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  start(): this {
    if (!this.started) {
      this.started = true;
      void this.connect(0);
    }
    return this;
  }

  stop(): void {
    if (this.finished) return;
    this.finish({ reason: 'stopped' });
  }

  /** lines a resumed stream repeated and that were left out */
  get repeatsSkipped(): number {
    return this.resume.skipped;
  }

  private get following(): boolean {
    return this.opts.follow !== false && !this.opts.previous;
  }

  private async connect(attempt: number): Promise<void> {
    const o = this.opts;
    const since = attempt > 0 ? this.resume.sinceTime : undefined;
    let stream: ApiStream;
    try {
      stream = await openPodLog(this.client, o.pod, o.namespace, {
        container: o.container,
        follow: this.following,
        timestamps: true,
        // resuming: everything since the last line seen; the repeats are dropped by `resume`
        ...(since ? { sinceTime: since } : { tailLines: o.tailLines, sinceTime: o.sinceTime, sinceSeconds: o.sinceSeconds, previous: o.previous }),
        signal: this.abort.signal,
      });
    } catch (err) {
      if (this.finished) return;
      const error = asClusterError(err, this.client.target);
      if (attempt > 0 && error.kind === 'not-found') return this.finish({ reason: 'pod-deleted' });
      if (attempt > 0 && retryable(error)) return this.retry(attempt + 1, error.message);
      return this.finish({ reason: 'error', error });
    }
    if (this.finished) {
      stream.close();
      return;
    }
    this.current = stream;
    const openedAt = Date.now();
    for (const w of stream.warnings) this.emit('warning', w);
    if (attempt > 0) this.emit('reconnected', { attempt, sinceTime: since });

    let fresh = false;
    stream.body.on('data', (chunk: Buffer) => {
      if (this.finished) return;
      for (const line of this.resume.push(chunk)) {
        fresh = true;
        this.emitLine(line);
      }
    });
    const how = await stream.closed;
    this.current = undefined;
    if (this.finished) return;

    if (!this.following) {
      for (const line of this.resume.end()) this.emitLine(line);
      return this.finish({ reason: 'completed' });
    }
    // the stream ended while following: the container exited, the Pod went, or the connection dropped
    const state = await this.containerState();
    if (this.finished) return;
    if (state === 'deleted') return this.finish({ reason: 'pod-deleted' });
    if (state === 'terminated') {
      for (const line of this.resume.end()) this.emitLine(line);
      return this.finish({ reason: 'completed' });
    }
    this.resume.lost();
    const healthy = fresh || Date.now() - openedAt >= HEALTHY_MS;
    this.retry(healthy ? 1 : attempt + 1, how === 'aborted' ? 'the connection was lost' : 'the server ended the stream');
  }

  private retry(attempt: number, cause: string): void {
    const max = this.opts.maxReconnects ?? 10;
    if (attempt > max) {
      return this.finish({
        reason: 'error',
        error: new NetworkError(
          this.client.target,
          'RECONNECT',
          `the log stream of Pod "${this.opts.pod}" could not be reopened after ${max} attempts (${cause})`,
        ),
      });
    }
    const delayMs = (this.opts.reconnectDelayMs ?? defaultDelay)(attempt);
    this.emit('reconnecting', { attempt, delayMs, cause });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.finished) void this.connect(attempt);
    }, delayMs);
  }

  /** Whether the container this follower reads has finished, from the Pod's status. */
  private async containerState(): Promise<'deleted' | 'terminated' | 'unknown'> {
    try {
      const r = await getPod(this.client, this.opts.pod, this.opts.namespace, this.abort.signal);
      if (!r.found) return 'deleted';
      const pod = r.object;
      const name = this.opts.container ?? pod.spec?.containers?.[0]?.name;
      const statuses = [
        ...(pod.status?.containerStatuses ?? []),
        ...(pod.status?.initContainerStatuses ?? []),
        ...(pod.status?.ephemeralContainerStatuses ?? []),
      ] as { name: string; state?: { terminated?: unknown; running?: unknown } }[];
      const cs = statuses.find((s) => s.name === name);
      if (cs?.state?.terminated && !cs.state.running) return 'terminated';
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return 'terminated';
      return 'unknown';
    } catch {
      // cannot tell (the server may be the thing that went away): try the stream again
      return 'unknown';
    }
  }

  private emitLine(line: LogLine): void {
    const text = this.opts.timestamps && line.timestamp ? `${line.timestamp} ${line.text}` : line.text;
    this.emit('line', { timestamp: line.timestamp, text });
  }

  private finish(end: FollowEnd): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    this.current?.close();
    this.current = undefined;
    this.emit('end', end);
    this.resolveDone(end);
  }
}
