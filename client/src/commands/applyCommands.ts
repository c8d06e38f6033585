/**
 * Apply and Dry run: server-side apply of the Pods and workloads a command targets (targets.ts),
 * each to its own collection, for real or with dryRun=All. The cluster's answer, success or Status, goes back to the language server,
 * which shows it on the YAML lines it is about.
 */
import * as vscode from 'vscode';
import type { Status } from '../../../protocol/status';
import { ClusterAnswerNotification, type ManifestDocument } from '../../../protocol/messages';
import { ApiStatusError, ConflictError, applyObject, dryRunDiffTexts, getObject, type KubeObject } from '../cluster';
import type { ManifestsRun } from './factory';
import { described } from './targets';

export async function apply(run: ManifestsRun): Promise<void> {
  const { manifests } = run;
  const ep = run.kube.endpoint;
  const where = `${ep.contextName ? `context "${ep.contextName}"${ep.clusterName ? `, cluster "${ep.clusterName}"` : ''}` : ep.server}`;
  const errors = manifests.reduce((n, p) => n + p.errors, 0);
  const confirm = await vscode.window.showWarningMessage(
    `Apply ${manifests.length === 1 ? described(manifests[0]) : `${manifests.length} objects (${manifests.map(described).join(', ')})`} to ${where}, namespace "${manifests[0].namespace ?? ep.namespace}"?`,
    {
      modal: true,
      detail: errors ? `The manifest has ${errors} error(s) that the server will likely reject.` : 'Server-side apply, field manager "pod-manifests".',
    },
    'Apply',
  );
  if (confirm !== 'Apply') return;
  await applyAll(run, manifests, false);
}

async function applyAll(run: ManifestsRun, manifests: ManifestDocument[], force: boolean): Promise<void> {
  const action = force ? 'Force apply' : 'Apply';
  const version = run.doc.version;
  await run.progress(async (signal) => {
    for (const m of manifests) {
      try {
        const result = await applyObject(run.kube, m, m.manifest as unknown as KubeObject, { namespace: m.namespace, force, signal });
        report(run, m, version, action, null, result.warnings);
        run.output.log(`${action}: ${m.kind} ${result.namespace}/${m.name} ${result.created ? 'created' : 'configured'} (${run.kube.endpoint.label})`);
        // What the cluster does with it next: the Pods, the rollout, the events, on the CodeLens and the lines.
        run.live.watch(run.doc.uri.toString(), m, result.namespace, run.lease.share());
        // Its namespace's Pod Security labels are read again: they may have changed since.
        run.podSecurity.namespaceApplied(result.namespace);
      } catch (e) {
        if (e instanceof ApiStatusError) report(run, m, version, action, e.status, e.warnings);
        if (!(e instanceof ConflictError) || force) throw e;
        const choice = await vscode.window.showErrorMessage(
          `Apply: ${e.fields.length} field(s) of ${described(m)} belong to another manager: ${e.fields.join(', ')}.`,
          'Force Apply',
          'Show Output',
        );
        if (choice === 'Force Apply') await applyAll(run, [m], true).catch((err) => run.output.fail('Force apply', err));
        else if (choice) run.output.channel.show(true);
      }
    }
  }, action);
}

export async function dryRun(run: ManifestsRun): Promise<void> {
  const version = run.doc.version;
  await run.progress(async (signal) => {
    for (const m of run.manifests) {
      try {
        const live = await getObject(run.kube, m, m.name, m.namespace ?? run.kube.endpoint.namespace, signal);
        const result = await applyObject(run.kube, m, m.manifest as unknown as KubeObject, { namespace: m.namespace, dryRun: true, signal });
        report(run, m, version, run.action, null, result.warnings);
        const texts = dryRunDiffTexts(live.found ? live.object : undefined, result.object);
        await run.views.diff(m.kind, `${result.namespace}/${m.name}`, texts.live, texts.dryRun, live.found ? 'live' : 'new');
      } catch (e) {
        if (!(e instanceof ApiStatusError)) throw e;
        report(run, m, version, run.action, e.status, e.warnings);
        void vscode.window.showErrorMessage(`Dry run: the server rejects ${described(m)} (HTTP ${e.statusCode}); its reasons are on the YAML lines.`);
      }
    }
  });
}

/** Puts the answer onto the YAML lines (or clears the last one, after a success). */
function report(run: ManifestsRun, m: ManifestDocument, version: number, action: string, status: Status | null, warnings: string[]): void {
  void run.client.sendNotification(ClusterAnswerNotification, { uri: run.doc.uri.toString(), index: m.index, version, status, warnings, action });
}
