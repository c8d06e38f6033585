/**
 * The live objects being watched (after an apply, or on demand), one ObjectWatch each, keyed by
 * document and object. Each new state goes to the language server (ClusterStatusNotification),
 * which puts the findings on the YAML lines, and to the CodeLens, which shows the summary. A
 * watch ends when its document closes, when the same object is watched again (the next apply),
 * on Stop Watching, or on dispose; each holds a lease on its client.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClusterStatusNotification, type ManifestDocument } from '../../protocol/messages';
import { type ClientLease, type KubeObject, type LiveState, ObjectWatch } from './cluster';
import type { Output } from './output';

interface Watched {
  uri: string;
  doc: ManifestDocument;
  namespace: string;
  watch: ObjectWatch;
  lease: ClientLease;
  state?: LiveState;
  /** why the watch stopped, when it failed */
  failed?: string;
}

/** A document's object, by what the document says (its namespace may be the context's, which can change). */
const keyOf = (uri: string, doc: ManifestDocument) => `${uri}#${doc.kind}/${doc.namespace ?? ''}/${doc.name}`;

export class LiveStatuses implements vscode.Disposable {
  private readonly watched = new Map<string, Watched>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** A summary changed: the CodeLens asks again. */
  readonly onDidChange = this.changed.event;
  private readonly closed = vscode.workspace.onDidCloseTextDocument((d) => this.stopDocument(d.uri.toString()));

  constructor(
    private readonly client: LanguageClient,
    private readonly output: Output,
  ) {}

  /** Watches the object of `doc` (replacing an earlier watch of it); the lease is released when the watch ends. */
  watch(uri: string, doc: ManifestDocument, namespace: string, lease: ClientLease): void {
    const key = keyOf(uri, doc);
    this.stop(key);
    const watch = new ObjectWatch(lease.client, { ...doc, namespace, manifest: doc.manifest as unknown as KubeObject });
    const entry: Watched = { uri, doc, namespace, watch, lease };
    this.watched.set(key, entry);
    watch.on('state', (state) => {
      const before = entry.state;
      entry.state = state;
      this.report(entry, state.findings);
      if (before?.summary !== state.summary) this.output.log(`${doc.kind} ${namespace}/${doc.name}: ${state.summary}`);
      this.changed.fire();
    });
    watch.on('error', (error) => {
      entry.failed = error.message;
      this.output.log(`Watching ${doc.kind} ${namespace}/${doc.name} stopped: ${error.message}`);
      watch.stop();
      this.changed.fire();
    });
    watch.start();
    this.changed.fire();
  }

  /** The live state of a document's object, for its CodeLens; undefined when it is not watched. */
  stateOf(uri: string, doc: ManifestDocument): { summary: string; failed?: string } | undefined {
    const entry = this.watched.get(keyOf(uri, doc));
    if (!entry) return undefined;
    return { summary: entry.state?.summary ?? 'watching…', failed: entry.failed };
  }

  /** The running watch of a document's object, if any. */
  watchOf(uri: string, doc: ManifestDocument): ObjectWatch | undefined {
    const entry = this.watched.get(keyOf(uri, doc));
    return entry && !entry.failed ? entry.watch : undefined;
  }

  /** Stops watching the objects of a document (and clears what they showed). */
  stopDocument(uri: string): boolean {
    let any = false;
    for (const [key, entry] of this.watched) if (entry.uri === uri) any = this.stop(key) || any;
    return any;
  }

  private stop(key: string): boolean {
    const entry = this.watched.get(key);
    if (!entry) return false;
    this.watched.delete(key);
    entry.watch.stop();
    entry.lease.release();
    this.report(entry, []);
    this.changed.fire();
    return true;
  }

  /** To the language server; when it is not running (stopping with the window), there is nothing to show anyway. */
  private report(entry: Watched, findings: LiveState['findings']): void {
    const { uri, doc, namespace } = entry;
    this.client.sendNotification(ClusterStatusNotification, { uri, kind: doc.kind, name: doc.name, namespace, findings }).catch(() => undefined);
  }

  dispose(): void {
    for (const key of [...this.watched.keys()]) this.stop(key);
    this.closed.dispose();
    this.changed.dispose();
  }
}
