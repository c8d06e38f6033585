/**
 * Tail Logs (with or without options) and Stop Tailing Logs: which Pod and container, or for a
 * workload all its Pods or one of them, then a terminal that follows the log (logTerminals.ts).
 */
import * as vscode from 'vscode';
import type { ManifestDocument } from '../../../protocol/messages';
import { type KubeObject, podSelector, podTemplateOf } from '../cluster';
import type { LogTarget } from '../logTerminals';
import { currentSettings } from '../settings';
import type { CommandContext, ManifestsRun } from './factory';
import { described } from './targets';

export async function logs(run: ManifestsRun, options?: Partial<LogTarget>): Promise<void> {
  const chosen = run.manifests.length === 1 ? run.manifests[0] : await pickDocument(run.manifests);
  if (!chosen) return;
  if (chosen.kind !== 'Pod') return workloadLogs(run, chosen, options);
  const container = await pickContainer(chosen, templateSpecOf(chosen));
  if (!container) return;
  const settings = currentSettings().logs;
  run.logs.open(run.lease.share(), {
    pod: chosen.name,
    namespace: chosen.namespace ?? run.kube.endpoint.namespace,
    container,
    tailLines: settings.tailLines,
    timestamps: settings.timestamps,
    ...options,
  });
}

/**
 * A workload's logs: all the Pods it selects, interleaved with a prefix per Pod (Pods that start
 * meanwhile join), or one of them; as `kubectl logs deployment/web`, from the live object.
 */
async function workloadLogs(run: ManifestsRun, workload: ManifestDocument, options?: Partial<LogTarget>): Promise<void> {
  const namespace = workload.namespace ?? run.kube.endpoint.namespace;
  const pods = await run.progress(
    async (signal) => {
      const selector = await podSelector(run.kube, workload, workload.name, namespace, signal);
      const res = await run.kube.call({
        method: 'GET',
        path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
        query: { labelSelector: selector },
        signal,
      });
      return (JSON.parse(res.body) as { items: KubeObject[] }).items.map((p) => p.metadata.name);
    },
    `Pods of ${described(workload)}`,
  );
  const ALL = `All Pods of ${described(workload)}`;
  const pick = await vscode.window.showQuickPick(
    [
      { label: ALL, description: `${pods.length} now; Pods that start while following join`, detail: 'each line prefixed with its Pod' },
      ...pods.map((p) => ({ label: p })),
    ],
    { title: `Logs of ${described(workload)}: which Pods?` },
  );
  if (!pick) return;
  const container = await pickContainer(workload, templateSpecOf(workload));
  if (!container) return;
  const settings = currentSettings().logs;
  const common = { namespace, container, tailLines: settings.tailLines, timestamps: settings.timestamps, ...options };
  if (pick.label !== ALL) return void run.logs.open(run.lease.share(), { ...common, pod: pick.label });
  if (options?.previous) {
    void vscode.window.showInformationMessage(`Logs: the previous instance is read one Pod at a time; pick one of ${described(workload)}'s Pods.`);
    return;
  }
  run.logs.openWorkload(run.lease.share(), { ...common, type: workload, name: workload.name });
}

/** Logs with options: how many lines, since when, the previous instance, timestamps. */
export async function logsWithOptions(run: ManifestsRun): Promise<void> {
  const settings = currentSettings().logs;
  const tail = await vscode.window.showInputBox({
    title: 'Logs: how many earlier lines?',
    value: String(settings.tailLines),
    validateInput: (v) => (/^\d+$/.test(v) ? undefined : 'a number'),
  });
  if (tail === undefined) return;
  const since = await vscode.window.showInputBox({
    title: 'Logs: only newer than (e.g. 90s, 10m, 2h; empty for all)',
    value: '',
    validateInput: (v) => (v === '' || /^\d+[smh]$/.test(v) ? undefined : 'like 90s, 10m or 2h'),
  });
  if (since === undefined) return;
  const flags = await vscode.window.showQuickPick(
    [
      { label: 'Timestamps', picked: settings.timestamps },
      { label: 'Previous instance', description: 'the container as it was before its last restart' },
    ],
    { title: 'Logs: options', canPickMany: true },
  );
  if (!flags) return;
  const seconds = since ? Number(since.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[since.slice(-1) as 's' | 'm' | 'h'] : undefined;
  await logs(run, {
    tailLines: Number(tail),
    sinceSeconds: seconds,
    timestamps: flags.some((f) => f.label === 'Timestamps'),
    previous: flags.some((f) => f.label === 'Previous instance'),
  });
}

export function stopLogs(ctx: CommandContext): void {
  if (!ctx.logs.stopActive()) void vscode.window.showInformationMessage('Pod Manifests: no log stream to stop.');
}

async function pickDocument(manifests: ManifestDocument[]): Promise<ManifestDocument | undefined> {
  const pick = await vscode.window.showQuickPick(
    manifests.map((m) => ({ label: m.name, description: `${m.kind}, line ${m.range.start.line + 1}`, m })),
    { title: 'Logs: of which?' },
  );
  return pick?.m;
}

type PodSpecLike = Record<string, { name?: string }[] | undefined>;
type Meta = { annotations?: Record<string, string> };

/** A Pod's, or a workload's Pod template's, spec and metadata, where the language server says it is (ManifestDocument.templatePath; empty for a Pod). */
function templateSpecOf(workload: ManifestDocument): { spec: PodSpecLike; metadata: Meta } {
  const template = podTemplateOf(workload.manifest, workload.templatePath);
  return { spec: (template?.spec ?? {}) as PodSpecLike, metadata: (template?.metadata ?? {}) as Meta };
}

/** The `kubectl.kubernetes.io/default-container` annotation's, the only one, or the user's choice. */
async function pickContainer(doc: ManifestDocument, pod: { spec: PodSpecLike; metadata: Meta }): Promise<string | undefined> {
  const containers = containerChoices(pod.spec);
  const preferred = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (preferred && containers.some((c) => c.label === preferred)) return preferred;
  if (containers.length > 1 && !preferred)
    return (await vscode.window.showQuickPick(containers, { title: `Logs of ${described(doc)}: which container?` }))?.label;
  return containers[0]?.label;
}

function containerChoices(spec: PodSpecLike): vscode.QuickPickItem[] {
  const items: vscode.QuickPickItem[] = [];
  for (const [list, kind] of [
    ['containers', ''],
    ['initContainers', 'init container'],
    ['ephemeralContainers', 'ephemeral container'],
  ] as const) {
    for (const c of spec[list] ?? []) if (c?.name) items.push({ label: c.name, description: kind });
  }
  return items;
}
