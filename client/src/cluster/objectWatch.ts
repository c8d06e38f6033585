/**
 * One live object followed through the API's watch (watch.ts), never polled: the object itself,
 * the Pods it selects (a Pod: itself), what stands between (a Deployment's ReplicaSets, a
 * CronJob's Jobs: their FailedCreate events are about them) and the namespace's events about any
 * of these. Each change recomputes the live state (liveState.ts), once per burst.
 */
import { EventEmitter } from 'node:events';
import type { ClusterError } from './errors';
import type { KubeClient } from './kubeClient';
import { type KubeEvent, type LiveState, liveState } from './liveState';
import { type KubeObject, objectPath, type ObjectType } from './objectApi';
import { CollectionWatch } from './watch';
import { selectorOf } from './workloadLogs';

export interface WatchedObject extends ObjectType {
  name: string;
  namespace: string;
  /** where its Pod template is (ManifestDocument.templatePath) */
  templatePath: string;
  /** the object as applied (the document's decoded manifest) */
  manifest: KubeObject;
}

export interface ObjectWatchEvents {
  state: [LiveState];
  /** a watch failed for good (403, …): the state stops changing */
  error: [ClusterError];
}

/** Where the objects between a workload and its Pods are, and which of them are its own. */
const INTERMEDIATE: Record<string, ObjectType | undefined> = {
  Deployment: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  CronJob: { apiVersion: 'batch/v1', kind: 'Job' },
};

export class ObjectWatch extends EventEmitter<ObjectWatchEvents> {
  private readonly watches: CollectionWatch[] = [];
  private objectWatch: CollectionWatch | undefined;
  private podWatch: CollectionWatch | undefined;
  private between: CollectionWatch | undefined;
  private eventWatch: CollectionWatch<KubeEvent> | undefined;
  private scheduled = false;
  private stopped = false;
  /** The last state computed. */
  state: LiveState | undefined;

  constructor(
    private readonly client: KubeClient,
    readonly target: WatchedObject,
  ) {
    super();
  }

  start(): this {
    const ns = encodeURIComponent(this.target.namespace);
    const collection = objectPath(this.target, this.target.namespace, '').replace(/\/$/, '');
    this.objectWatch = this.watch(new CollectionWatch(this.client, collection, { fieldSelector: `metadata.name=${this.target.name}` }));
    this.objectWatch.on('added', (o) => this.follow(o));
    this.objectWatch.on('modified', (o) => this.follow(o));
    const middle = INTERMEDIATE[this.target.kind];
    if (middle) this.between = this.watch(new CollectionWatch(this.client, objectPath(middle, this.target.namespace, '').replace(/\/$/, '')));
    this.eventWatch = this.watch(new CollectionWatch<KubeEvent>(this.client, `/api/v1/namespaces/${ns}/events`));
    return this;
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.watches) w.stop();
  }

  private watch<T extends KubeObject>(w: CollectionWatch<T>): CollectionWatch<T> {
    this.watches.push(w as unknown as CollectionWatch);
    for (const e of ['added', 'modified', 'deleted', 'relisted'] as const) w.on(e, () => this.schedule());
    w.on('error', (err) => this.emit('error', err));
    w.start();
    return w;
  }

  /** Once the object is there: the Pods its selector selects (started once; a selector does not change). */
  private follow(o: KubeObject): void {
    if (this.podWatch || this.target.kind === 'Pod' || this.target.kind === 'PodTemplate' || this.stopped) return;
    const text = selectorOf(this.target.kind, o);
    // A CronJob has no selector of its own: its Jobs' Pods carry `job-name`, found below through the Jobs.
    if (!text && this.target.kind !== 'CronJob') return;
    this.podWatch = this.watch(
      new CollectionWatch(this.client, `/api/v1/namespaces/${encodeURIComponent(this.target.namespace)}/pods`, text ? { labelSelector: text } : {}),
    );
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.stopped) return;
      this.state = this.compute();
      this.emit('state', this.state);
    });
  }

  /** Resolves once every watch has its first list (the Pods' too, once the object is known). */
  async settled(): Promise<void> {
    await Promise.all(this.watches.map((w) => w.ready));
    // The Pods' watch starts when the object's list brings it: by now it is in `watches` too.
    await Promise.all(this.watches.map((w) => w.ready));
  }

  /** The object, its Pods and the events about it, its intermediates and its Pods, as last seen. */
  snapshot(): { object: KubeObject | undefined; pods: KubeObject[]; events: KubeEvent[] } {
    const object = this.objectWatch?.objects.get(this.target.name);
    const uid = object?.metadata.uid;
    const own = (o: KubeObject, owners: Set<string | undefined>) => ((o.metadata.ownerReferences ?? []) as { uid?: string }[]).some((r) => owners.has(r.uid));
    const middle = [...(this.between?.objects.values() ?? [])].filter((m) => own(m, new Set([uid])));
    const owners = new Set([uid, ...middle.map((m) => m.metadata.uid)]);
    const pods = this.target.kind === 'Pod' ? (object ? [object] : []) : [...(this.podWatch?.objects.values() ?? [])].filter((p) => !uid || own(p, owners));
    const about = new Set([uid, ...middle.map((m) => m.metadata.uid), ...pods.map((p) => p.metadata.uid)].filter(Boolean));
    const events = [...(this.eventWatch?.objects.values() ?? [])].filter((e) => about.has(e.involvedObject.uid));
    return { object, pods, events };
  }

  private compute(): LiveState {
    const { object, pods, events } = this.snapshot();
    return liveState(this.target.kind, this.target.templatePath, object, this.target.manifest, pods, events);
  }
}
