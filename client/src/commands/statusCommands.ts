/**
 * Live status on demand: Watch Live Status and Stop Watching (liveStatuses.ts owns the watches),
 * and Show Events and Conditions, the end of `kubectl describe` in a read-only editor.
 */
import * as vscode from 'vscode';
import { describeText, type KubeObject, ObjectWatch } from '../cluster';
import type { CommandContext, ManifestsRun } from './factory';
import type { ManifestTarget } from './targets';

/** Watch Live Status: the documents' objects as the cluster has them, until Stop Watching or the document closes. */
export function watchStatus(run: ManifestsRun): void {
  for (const m of run.manifests) run.live.watch(run.doc.uri.toString(), m, m.namespace ?? run.kube.endpoint.namespace, run.lease.share());
}

/** Stop Watching Live Status: of the active document (or the CodeLens's). */
export function stopWatching(ctx: CommandContext, target?: ManifestTarget): void {
  const uri = target?.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri || !ctx.live.stopDocument(uri)) void vscode.window.showInformationMessage('Pod Manifests: nothing in this file is being watched.');
}

/** Show Events and Conditions: of the object as it is now (the watch's, when it is watched; else read once). */
export async function showEvents(run: ManifestsRun): Promise<void> {
  for (const m of run.manifests) {
    const namespace = m.namespace ?? run.kube.endpoint.namespace;
    const watched = run.live.watchOf(run.doc.uri.toString(), m);
    const snapshot = watched
      ? watched.snapshot()
      : await run.progress(async () => {
          const once = new ObjectWatch(run.kube, { ...m, namespace, manifest: m.manifest as unknown as KubeObject }).start();
          try {
            await once.settled();
            return once.snapshot();
          } finally {
            once.stop();
          }
        }, `Events of ${m.kind} ${namespace}/${m.name}`);
    await run.views.show(`/${m.kind.toLowerCase()}/${namespace}/${m.name}.events`, describeText(m.kind, snapshot.object, snapshot.events));
  }
}
