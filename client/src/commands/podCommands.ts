/**
 * Apply, Dry run and Logs: thin commands over the cluster layer. The language server tells them
 * which Pods a file holds (the client never parses YAML) and shows the cluster's answers on the
 * YAML lines they are about.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClusterAnswerNotification, ClusterStatus, PodDocument, PodsRequest } from '../../../server/src/protocol';
import { ApiStatusError, applyPod, ConflictError, dryRunDiffTexts, getPod, type KubeClient, type Pod } from '../cluster';
import type { ClusterSession } from '../clusterSession';
import type { DiffDocuments } from '../diffDocuments';
import type { LogTarget, LogTerminals } from '../logTerminals';
import type { Output } from '../output';

export interface CommandContext {
  client: LanguageClient;
  session: ClusterSession;
  output: Output;
  diffs: DiffDocuments;
  logs: LogTerminals;
}

/** Where a command was asked from: a CodeLens names the document; the palette means the cursor. */
export interface PodTarget {
  uri?: string;
  index?: number;
}

/** Cluster commands are off in untrusted workspaces: a manifest there could name any server. */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`${action} is disabled in an untrusted workspace: trust this workspace to talk to a Kubernetes API from it.`, 'Manage Workspace Trust').then((c) => {
    if (c) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** The Pods a command acts on: the CodeLens's, else the one at the cursor, else all of the file. */
export async function targetPods(ctx: CommandContext, action: string, target?: PodTarget): Promise<{ doc: vscode.TextDocument; pods: PodDocument[] } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = target?.uri ?? editor?.document.uri.toString();
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
  if (!doc) {
    void vscode.window.showInformationMessage(`${action}: open a YAML file with a Pod first.`);
    return undefined;
  }
  if (ctx.client.state !== 2 /* Running */) {
    void vscode.window.showWarningMessage(`${action}: the Pod Manifests language server is not running; see the "Pod Manifests" output.`);
    return undefined;
  }
  const all = await ctx.client.sendRequest(PodsRequest, { uri: doc.uri.toString() });
  let pods = all;
  if (target?.index !== undefined) pods = all.filter((p) => p.index === target.index);
  else if (editor && editor.document === doc) {
    const atCursor = await ctx.client.sendRequest(PodsRequest, { uri: doc.uri.toString(), position: editor.selection.active });
    if (atCursor.length) pods = atCursor;
  }
  if (pods.length === 0) {
    void vscode.window.showInformationMessage(`${action}: no Pod (apiVersion: v1, kind: Pod) in ${vscode.workspace.asRelativePath(doc.uri)}.`);
    return undefined;
  }
  const unnamed = pods.find((p) => !p.name);
  if (unnamed) {
    void vscode.window.showWarningMessage(`${action}: the Pod at line ${unnamed.range.start.line + 1} has no metadata.name; server-side apply needs one.`);
    return undefined;
  }
  return { doc, pods };
}

function statusOf(e: ApiStatusError): ClusterStatus {
  return { code: e.statusCode, reason: e.status?.reason, message: e.status?.message ?? e.serverMessage, details: e.status?.details };
}

/** Puts the answer onto the YAML lines (or clears the last one, after a success). */
function report(ctx: CommandContext, doc: vscode.TextDocument, pod: PodDocument, version: number, action: string, status: ClusterStatus | null, warnings: string[]) {
  void ctx.client.sendNotification(ClusterAnswerNotification, { uri: doc.uri.toString(), index: pod.index, version, status, warnings, action });
}

async function withClient<T>(ctx: CommandContext, action: string, run: (client: KubeClient, token: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
  try {
    const client = await ctx.session.kubeClient();
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${action} (${client.endpoint.label})`, cancellable: true }, (_p, token) => run(client, token));
  } catch (e) {
    await ctx.output.fail(action, e);
    return undefined;
  }
}

const signalOf = (token: vscode.CancellationToken) => {
  const controller = new AbortController();
  token.onCancellationRequested(() => controller.abort());
  return controller.signal;
};

export async function apply(ctx: CommandContext, target?: PodTarget): Promise<void> {
  const action = 'Apply';
  if (!requireTrust(action)) return;
  const found = await targetPods(ctx, action, target);
  if (!found) return;
  const { doc, pods } = found;
  let ep;
  try {
    ep = await ctx.session.endpoint();
  } catch (e) {
    return ctx.output.fail(action, e);
  }
  const names = pods.map((p) => p.name).join(', ');
  const where = `${ep.contextName ? `context "${ep.contextName}"${ep.clusterName ? `, cluster "${ep.clusterName}"` : ''}` : ep.server}`;
  const errors = pods.reduce((n, p) => n + p.errors, 0);
  const confirm = await vscode.window.showWarningMessage(
    `Apply ${pods.length === 1 ? `Pod "${names}"` : `${pods.length} Pods (${names})`} to ${where}, namespace "${pods[0].namespace ?? ep.namespace}"?`,
    { modal: true, detail: errors ? `The manifest has ${errors} error(s) that the server will likely reject.` : 'Server-side apply, field manager "pod-manifests".' },
    'Apply',
  );
  if (confirm !== 'Apply') return;
  await applyPods(ctx, doc, pods, false);
}

async function applyPods(ctx: CommandContext, doc: vscode.TextDocument, pods: PodDocument[], force: boolean): Promise<void> {
  const action = force ? 'Force apply' : 'Apply';
  const version = doc.version;
  await withClient(ctx, action, async (client, token) => {
    for (const pod of pods) {
      try {
        const result = await applyPod(client, pod.manifest as unknown as Pod, { namespace: pod.namespace, force, signal: signalOf(token) });
        report(ctx, doc, pod, version, action, null, result.warnings);
        ctx.output.log(`${action}: Pod ${result.namespace}/${pod.name} ${result.created ? 'created' : 'configured'} (${client.endpoint.label})`);
        void watchPhase(ctx, client, pod.name, result.namespace);
      } catch (e) {
        if (e instanceof ApiStatusError) report(ctx, doc, pod, version, action, statusOf(e), e.warnings);
        if (e instanceof ConflictError && !force) {
          const choice = await vscode.window.showErrorMessage(`Apply: ${e.fields.length} field(s) of Pod "${pod.name}" belong to another manager: ${e.fields.join(', ')}.`, 'Force Apply', 'Show Output');
          if (choice === 'Force Apply') await applyPods(ctx, doc, [pod], true);
          else if (choice) ctx.output.channel.show(true);
          continue;
        }
        throw e;
      }
    }
  });
}

/** After an apply: the Pod's phase, until it runs or fails (with the reason), in the status bar. */
async function watchPhase(ctx: CommandContext, client: KubeClient, name: string, namespace: string): Promise<void> {
  const item = vscode.window.createStatusBarItem('podManifests.phase', vscode.StatusBarAlignment.Left, 9);
  item.name = 'Pod Manifests: Pod phase';
  try {
    for (let i = 0; i < 60; i++) {
      const got = await getPod(client, name, namespace);
      if (!got.found) return;
      const status = got.pod.status ?? {};
      const waiting = (status.containerStatuses ?? []).map((c: { state?: { waiting?: { reason?: string } } }) => c.state?.waiting?.reason).find(Boolean);
      const phase = status.phase ?? 'Pending';
      item.text = `$(sync~spin) ${name}: ${phase}${waiting ? ` (${waiting})` : ''}`;
      item.show();
      if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed' || /BackOff|Err|Invalid/.test(waiting ?? '')) {
        ctx.output.log(`Pod ${namespace}/${name}: ${phase}${waiting ? ` (${waiting})` : ''}`);
        const say = phase === 'Running' || phase === 'Succeeded' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
        void say(`Pod "${name}": ${phase}${waiting ? ` (${waiting})` : ''}`);
        return;
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
    ctx.output.log(`Pod ${namespace}/${name} is still Pending after 2 minutes (no node has started it).`);
  } catch (e) {
    ctx.output.log(`Watching Pod ${namespace}/${name}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    item.dispose();
  }
}

export async function dryRun(ctx: CommandContext, target?: PodTarget): Promise<void> {
  const action = 'Dry run';
  if (!requireTrust(action)) return;
  const found = await targetPods(ctx, action, target);
  if (!found) return;
  const { doc, pods } = found;
  const version = doc.version;
  await withClient(ctx, action, async (client, token) => {
    for (const pod of pods) {
      const signal = signalOf(token);
      try {
        const live = await getPod(client, pod.name, pod.namespace ?? client.endpoint.namespace, signal);
        const result = await applyPod(client, pod.manifest as unknown as Pod, { namespace: pod.namespace, dryRun: true, signal });
        report(ctx, doc, pod, version, action, null, result.warnings);
        const texts = dryRunDiffTexts(live.found ? live.pod : undefined, result.pod);
        await ctx.diffs.show(`${result.namespace}/${pod.name}`, texts.live, texts.dryRun, live.found ? 'live' : 'new');
      } catch (e) {
        if (e instanceof ApiStatusError) {
          report(ctx, doc, pod, version, action, statusOf(e), e.warnings);
          void vscode.window.showErrorMessage(`Dry run: the server rejects Pod "${pod.name}" (HTTP ${e.statusCode}); its reasons are on the YAML lines.`);
          continue;
        }
        throw e;
      }
    }
  });
}

/** Logs with options: how many lines, since when, the previous instance, timestamps. */
export async function logsWithOptions(ctx: CommandContext, target?: PodTarget): Promise<void> {
  const config = vscode.workspace.getConfiguration('podManifests.logs');
  const tail = await vscode.window.showInputBox({ title: 'Logs: how many earlier lines?', value: String(config.get<number>('tailLines') ?? 200), validateInput: (v) => (/^\d+$/.test(v) ? undefined : 'a number') });
  if (tail === undefined) return;
  const since = await vscode.window.showInputBox({ title: 'Logs: only newer than (e.g. 90s, 10m, 2h; empty for all)', value: '', validateInput: (v) => (v === '' || /^\d+[smh]$/.test(v) ? undefined : 'like 90s, 10m or 2h') });
  if (since === undefined) return;
  const flags = await vscode.window.showQuickPick(
    [
      { label: 'Timestamps', picked: config.get<boolean>('timestamps') ?? false },
      { label: 'Previous instance', description: 'the container as it was before its last restart' },
    ],
    { title: 'Logs: options', canPickMany: true },
  );
  if (!flags) return;
  const seconds = since ? Number(since.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[since.slice(-1) as 's' | 'm' | 'h'] : undefined;
  await logs(ctx, target, { tailLines: Number(tail), sinceSeconds: seconds, timestamps: flags.some((f) => f.label === 'Timestamps'), previous: flags.some((f) => f.label === 'Previous instance') });
}

export async function logs(ctx: CommandContext, target?: PodTarget, options?: Partial<LogTarget>): Promise<void> {
  const action = 'Logs';
  if (!requireTrust(action)) return;
  const found = await targetPods(ctx, action, target);
  if (!found) return;
  const pod = found.pods.length === 1 ? found.pods[0] : await pickPod(found.pods);
  if (!pod) return;
  const containers = containerChoices(pod);
  const annotations = ((pod.manifest.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {}) as Record<string, string>;
  const preferred = annotations['kubectl.kubernetes.io/default-container'];
  let container: string | undefined = preferred && containers.some((c) => c.label === preferred) ? preferred : containers[0]?.label;
  if (containers.length > 1 && !preferred) container = (await vscode.window.showQuickPick(containers, { title: `Logs of Pod "${pod.name}": which container?` }))?.label;
  if (!container) return;
  try {
    const client = await ctx.session.kubeClient();
    const config = vscode.workspace.getConfiguration('podManifests.logs');
    ctx.logs.open(client, {
      pod: pod.name,
      namespace: pod.namespace ?? client.endpoint.namespace,
      container,
      tailLines: config.get<number>('tailLines') ?? 200,
      timestamps: config.get<boolean>('timestamps') ?? false,
      ...options,
    });
  } catch (e) {
    await ctx.output.fail(action, e);
  }
}

async function pickPod(pods: PodDocument[]): Promise<PodDocument | undefined> {
  const pick = await vscode.window.showQuickPick(pods.map((p) => ({ label: p.name, description: `line ${p.range.start.line + 1}`, pod: p })), { title: 'Logs: which Pod?' });
  return pick?.pod;
}

function containerChoices(pod: PodDocument): vscode.QuickPickItem[] {
  const spec = (pod.manifest.spec ?? {}) as Record<string, { name?: string }[] | undefined>;
  const items: vscode.QuickPickItem[] = [];
  for (const [list, kind] of [['containers', ''], ['initContainers', 'init container'], ['ephemeralContainers', 'ephemeral container']] as const) {
    for (const c of spec[list] ?? []) if (c?.name) items.push({ label: c.name, description: kind });
  }
  return items;
}

