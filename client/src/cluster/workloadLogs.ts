/**
 * The logs of every Pod a workload selects, interleaved, as `kubectl logs -f deployment/web
 * --prefix` would give them if it followed more than one Pod: the live object's Pod selector
 * (a Job's is the one the server generated; a CronJob's is its newest Job's), a watch on the Pods
 * it selects (watch.ts), and one resuming follower (logFollower.ts) per Pod, started when the Pod
 * is on a node and stopped when it goes. Pods that start while following join the stream.
 */
import { EventEmitter } from 'node:events';
import { ClusterError } from './errors';
import type { KubeClient } from './kubeClient';
import { type LogLine } from './logResume';
import { type FollowEnd, LogFollower } from './logFollower';
import { getObject, type KubeObject, type ObjectType } from './objectApi';
import { CollectionWatch } from './watch';

/** metav1.LabelSelector. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A selector in the API's `labelSelector` parameter syntax: `app=web,tier in (a,b),!canary`. */
export function selectorString(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = `(${(e.values ?? []).join(',')})`;
    if (e.operator === 'In') parts.push(`${e.key} in ${values}`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin ${values}`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** A live workload's Pod selector in the API's syntax (empty when it has none): a ReplicationController's is a plain map, the others' a LabelSelector. */
export function selectorOf(kind: string, live: KubeObject): string {
  const selector = live.spec?.selector as LabelSelector | Record<string, string> | undefined;
  return kind === 'ReplicationController'
    ? selectorString({ matchLabels: selector as Record<string, string> })
    : selectorString((selector ?? {}) as LabelSelector);
}

/** The workload has no Pods to follow (a PodTemplate; a CronJob that has not run; an empty selector). */
export class NothingToFollowError extends ClusterError {
  readonly kind = 'not-found';
}

const BATCH_JOB: ObjectType = { apiVersion: 'batch/v1', kind: 'Job' };

/** The label selector of the Pods the live workload owns, in the API's syntax. */
export async function podSelector(client: KubeClient, type: ObjectType, name: string, namespace: string, signal?: AbortSignal): Promise<string> {
  const got = await getObject(client, type, name, namespace, signal);
  if (!got.found) throw new NothingToFollowError(`${type.kind} "${name}" is not in namespace "${namespace}": apply it first.`, client.target);
  const live = got.object;
  if (type.kind === 'PodTemplate') throw new NothingToFollowError(`a PodTemplate makes no Pods of its own: there are no logs to follow.`, client.target);
  if (type.kind === 'CronJob') {
    const jobs = await client.call({ method: 'GET', path: `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`, signal });
    const owned = (JSON.parse(jobs.body) as { items: KubeObject[] }).items
      .filter((j) => (j.metadata.ownerReferences as { uid?: string }[] | undefined)?.some((o) => o.uid === live.metadata.uid))
      .sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)));
    if (owned.length === 0) throw new NothingToFollowError(`CronJob "${name}" has not started a Job yet: there are no logs to follow.`, client.target);
    return podSelector(client, BATCH_JOB, owned[0].metadata.name, namespace, signal);
  }
  const text = selectorOf(type.kind, live);
  if (!text) throw new NothingToFollowError(`${type.kind} "${name}" selects no Pods (its selector is empty).`, client.target);
  return text;
}

/** `kubectl.kubernetes.io/default-container`, else the first container: what `kubectl logs` reads. */
export function defaultContainer(pod: KubeObject): string | undefined {
  const wanted = (pod.metadata.annotations as Record<string, string> | undefined)?.['kubectl.kubernetes.io/default-container'];
  const names = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  return wanted && names.includes(wanted) ? wanted : names[0];
}

export interface WorkloadLogOptions {
  namespace: string;
  /** the container to read in each Pod; default each Pod's default container */
  container?: string;
  tailLines?: number;
  sinceSeconds?: number;
  /** include each line's timestamp in the text */
  timestamps?: boolean;
}

export interface PodLine extends LogLine {
  pod: string;
  container: string;
}

export interface WorkloadLogsEvents {
  /** the selector found; the watch is starting */
  selecting: [string];
  line: [PodLine];
  /** a Pod's log is being followed */
  joined: [{ pod: string; container: string }];
  /** a Pod's log ended: the Pod went, its container ended, or its stream failed */
  left: [{ pod: string; end: FollowEnd }];
  warning: [string];
  /** over: stopped, or the selector or the watch failed */
  end: [FollowEnd];
}

export class WorkloadLogs extends EventEmitter<WorkloadLogsEvents> {
  private readonly followers = new Map<string, LogFollower>();
  private readonly abort = new AbortController();
  private watch: CollectionWatch | undefined;
  private finished = false;
  /** resolves once, when it is over; never rejects */
  readonly done: Promise<FollowEnd>;
  private resolveDone!: (end: FollowEnd) => void;

  constructor(
    private readonly client: KubeClient,
    private readonly type: ObjectType,
    private readonly name: string,
    private readonly opts: WorkloadLogOptions,
  ) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** The Pods followed now. */
  get pods(): string[] {
    return [...this.followers.keys()];
  }

  start(): this {
    void this.run();
    return this;
  }

  stop(): void {
    this.finish({ reason: 'stopped' });
  }

  private async run(): Promise<void> {
    let selector: string;
    try {
      selector = await podSelector(this.client, this.type, this.name, this.opts.namespace, this.abort.signal);
    } catch (err) {
      if (!this.finished)
        this.finish({ reason: 'error', error: err instanceof ClusterError ? err : new NothingToFollowError(String(err), this.client.target) });
      return;
    }
    if (this.finished) return;
    this.emit('selecting', selector);
    const watch = new CollectionWatch(this.client, `/api/v1/namespaces/${encodeURIComponent(this.opts.namespace)}/pods`, { labelSelector: selector });
    this.watch = watch;
    watch.on('added', (p) => this.consider(p));
    watch.on('modified', (p) => this.consider(p));
    watch.on('deleted', (p) => this.gone(p.metadata.name));
    watch.on('error', (error) => this.finish({ reason: 'error', error }));
    watch.start();
  }

  /** Follows a Pod once it is on a node (before that it has no log). */
  private consider(pod: KubeObject): void {
    const name = pod.metadata.name;
    if (this.finished || this.followers.has(name) || !pod.spec?.nodeName || pod.metadata.deletionTimestamp) return;
    const container = this.opts.container ?? defaultContainer(pod);
    if (!container) return;
    const follower = new LogFollower(this.client, {
      namespace: this.opts.namespace,
      pod: name,
      container,
      tailLines: this.opts.tailLines,
      sinceSeconds: this.opts.sinceSeconds,
      timestamps: this.opts.timestamps,
    });
    this.followers.set(name, follower);
    follower.on('line', (line) => this.emit('line', { ...line, pod: name, container }));
    follower.on('warning', (w) => this.emit('warning', w));
    follower.on('end', (end) => {
      this.followers.delete(name);
      if (!this.finished) this.emit('left', { pod: name, end });
    });
    this.emit('joined', { pod: name, container });
    follower.start();
  }

  /** The Pod was deleted: its follower stops, and it leaves as deleted (its stream may not have ended yet). */
  private gone(name: string): void {
    const follower = this.followers.get(name);
    if (!follower) return;
    this.followers.delete(name);
    follower.removeAllListeners('end');
    follower.stop();
    this.emit('left', { pod: name, end: { reason: 'pod-deleted' } });
  }

  private finish(end: FollowEnd): void {
    if (this.finished) return;
    this.finished = true;
    this.abort.abort();
    this.watch?.stop();
    for (const f of this.followers.values()) f.stop();
    this.followers.clear();
    this.emit('end', end);
    this.resolveDone(end);
  }
}
