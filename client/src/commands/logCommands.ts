/**
 * Tail Pod Logs (with or without options) and Stop Tailing Logs: which Pod and container, then a
 * terminal that follows the log (logTerminals.ts).
 */
import * as vscode from 'vscode';
import type { ManifestDocument } from '../../../protocol/messages';
import type { LogTarget } from '../logTerminals';
import { currentSettings } from '../settings';
import type { CommandContext, ManifestsRun } from './factory';

export async function logs(run: ManifestsRun, options?: Partial<LogTarget>): Promise<void> {
  const pod = run.manifests.length === 1 ? run.manifests[0] : await pickPod(run.manifests);
  if (!pod) return;
  const container = await pickContainer(pod);
  if (!container) return;
  const settings = currentSettings().logs;
  run.logs.open(run.lease.share(), {
    pod: pod.name,
    namespace: pod.namespace ?? run.kube.endpoint.namespace,
    container,
    tailLines: settings.tailLines,
    timestamps: settings.timestamps,
    ...options,
  });
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

async function pickPod(pods: ManifestDocument[]): Promise<ManifestDocument | undefined> {
  const pick = await vscode.window.showQuickPick(
    pods.map((p) => ({ label: p.name, description: `line ${p.range.start.line + 1}`, pod: p })),
    { title: 'Logs: which Pod?' },
  );
  return pick?.pod;
}

/** The `kubectl.kubernetes.io/default-container` annotation's, the only one, or the user's choice. */
async function pickContainer(pod: ManifestDocument): Promise<string | undefined> {
  const containers = containerChoices(pod);
  const annotations = ((pod.manifest.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {}) as Record<string, string>;
  const preferred = annotations['kubectl.kubernetes.io/default-container'];
  if (preferred && containers.some((c) => c.label === preferred)) return preferred;
  if (containers.length > 1 && !preferred)
    return (await vscode.window.showQuickPick(containers, { title: `Logs of Pod "${pod.name}": which container?` }))?.label;
  return containers[0]?.label;
}

function containerChoices(pod: ManifestDocument): vscode.QuickPickItem[] {
  const spec = (pod.manifest.spec ?? {}) as Record<string, { name?: string }[] | undefined>;
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
