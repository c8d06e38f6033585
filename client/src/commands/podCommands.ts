/**
 * Apply and Dry run: server-side apply of the Pods a command targets (targets.ts), for real or
 * with dryRun=All. The cluster's answer, success or Status, goes back to the language server,
 * which shows it on the YAML lines it is about.
 */
import * as vscode from 'vscode';
import type { Status } from '../../../protocol/status';
import { ClusterAnswerNotification, type PodDocument } from '../../../protocol/messages';
import { ApiStatusError, type ClientLease, ConflictError, applyPod, dryRunDiffTexts, getPod, type Pod } from '../cluster';
import type { Output } from '../output';
import type { PodsRun } from './factory';

export async function apply(run: PodsRun): Promise<void> {
  const { pods } = run;
  const ep = run.kube.endpoint;
  const names = pods.map((p) => p.name).join(', ');
  const where = `${ep.contextName ? `context "${ep.contextName}"${ep.clusterName ? `, cluster "${ep.clusterName}"` : ''}` : ep.server}`;
  const errors = pods.reduce((n, p) => n + p.errors, 0);
  const confirm = await vscode.window.showWarningMessage(
    `Apply ${pods.length === 1 ? `Pod "${names}"` : `${pods.length} Pods (${names})`} to ${where}, namespace "${pods[0].namespace ?? ep.namespace}"?`,
    {
      modal: true,
      detail: errors ? `The manifest has ${errors} error(s) that the server will likely reject.` : 'Server-side apply, field manager "pod-manifests".',
    },
    'Apply',
  );
  if (confirm !== 'Apply') return;
  await applyPods(run, pods, false);
}

async function applyPods(run: PodsRun, pods: PodDocument[], force: boolean): Promise<void> {
  const action = force ? 'Force apply' : 'Apply';
  const version = run.doc.version;
  await run.progress(async (signal) => {
    for (const pod of pods) {
      try {
        const result = await applyPod(run.kube, pod.manifest as unknown as Pod, { namespace: pod.namespace, force, signal });
        report(run, pod, version, action, null, result.warnings);
        run.output.log(`${action}: Pod ${result.namespace}/${pod.name} ${result.created ? 'created' : 'configured'} (${run.kube.endpoint.label})`);
        void watchPhase(run.output, run.lease.share(), pod.name, result.namespace);
      } catch (e) {
        if (e instanceof ApiStatusError) report(run, pod, version, action, e.status, e.warnings);
        if (!(e instanceof ConflictError) || force) throw e;
        const choice = await vscode.window.showErrorMessage(
          `Apply: ${e.fields.length} field(s) of Pod "${pod.name}" belong to another manager: ${e.fields.join(', ')}.`,
          'Force Apply',
          'Show Output',
        );
        if (choice === 'Force Apply') await applyPods(run, [pod], true).catch((err) => run.output.fail('Force apply', err));
        else if (choice) run.output.channel.show(true);
      }
    }
  }, action);
}

export async function dryRun(run: PodsRun): Promise<void> {
  const version = run.doc.version;
  await run.progress(async (signal) => {
    for (const pod of run.pods) {
      try {
        const live = await getPod(run.kube, pod.name, pod.namespace ?? run.kube.endpoint.namespace, signal);
        const result = await applyPod(run.kube, pod.manifest as unknown as Pod, { namespace: pod.namespace, dryRun: true, signal });
        report(run, pod, version, run.action, null, result.warnings);
        const texts = dryRunDiffTexts(live.found ? live.pod : undefined, result.pod);
        await run.diffs.show(`${result.namespace}/${pod.name}`, texts.live, texts.dryRun, live.found ? 'live' : 'new');
      } catch (e) {
        if (!(e instanceof ApiStatusError)) throw e;
        report(run, pod, version, run.action, e.status, e.warnings);
        void vscode.window.showErrorMessage(`Dry run: the server rejects Pod "${pod.name}" (HTTP ${e.statusCode}); its reasons are on the YAML lines.`);
      }
    }
  });
}

/** Puts the answer onto the YAML lines (or clears the last one, after a success). */
function report(run: PodsRun, pod: PodDocument, version: number, action: string, status: Status | null, warnings: string[]): void {
  void run.client.sendNotification(ClusterAnswerNotification, { uri: run.doc.uri.toString(), index: pod.index, version, status, warnings, action });
}

/** After an apply: the Pod's phase, until it runs or fails (with the reason), in the status bar. */
async function watchPhase(output: Output, lease: ClientLease, name: string, namespace: string): Promise<void> {
  const item = vscode.window.createStatusBarItem('podManifests.phase', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Pod Manifests: Pod phase';
  try {
    for (let i = 0; i < 60; i++) {
      const got = await getPod(lease.client, name, namespace);
      if (!got.found) return;
      const status = got.pod.status ?? {};
      const waiting = (status.containerStatuses ?? []).map((c: { state?: { waiting?: { reason?: string } } }) => c.state?.waiting?.reason).find(Boolean);
      const phase = status.phase ?? 'Pending';
      const shown = `${phase}${waiting ? ` (${waiting})` : ''}`;
      item.text = `$(sync~spin) ${name}: ${shown}`;
      item.show();
      if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed' || /BackOff|Err|Invalid/.test(waiting ?? '')) {
        output.log(`Pod ${namespace}/${name}: ${shown}`);
        const say = phase === 'Running' || phase === 'Succeeded' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
        void say(`Pod "${name}": ${shown}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    output.log(`Pod ${namespace}/${name} is still Pending after 2 minutes (no node has started it).`);
  } catch (e) {
    output.log(`Watching Pod ${namespace}/${name}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    item.dispose();
    lease.release();
  }
}
