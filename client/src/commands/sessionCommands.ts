/** Choosing the API: the token for podManifests.api.server, the kubeconfig context, the namespace; and what names the editor knows of it. */
import * as vscode from 'vscode';
import { ClusterObjectsNotification } from '../../../protocol/messages';
import { namedObjects } from '../cluster';
import { currentSettings } from '../settings';
import type { ClusterRun, CommandContext } from './factory';

export async function setToken(ctx: CommandContext): Promise<void> {
  const token = await vscode.window.showInputBox({
    title: 'Pod Manifests: bearer token for podManifests.api.server',
    prompt: "Kept in VS Code's SecretStorage (the OS keychain), never in settings or logs.",
    password: true,
    ignoreFocusOut: true,
  });
  if (token === undefined) return;
  await ctx.session.setToken(token.trim() || undefined);
  void vscode.window.showInformationMessage(token.trim() ? 'Pod Manifests: API token saved.' : 'Pod Manifests: API token removed.');
}

export async function clearToken(ctx: CommandContext): Promise<void> {
  await ctx.session.setToken(undefined);
  void vscode.window.showInformationMessage('Pod Manifests: API token removed.');
}

export async function switchContext(ctx: CommandContext): Promise<void> {
  const contexts = await ctx.session.contexts();
  if (contexts.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      currentSettings().api.server
        ? 'Pod Manifests uses the podManifests.api.server setting, not a kubeconfig context. Clear that setting to use your kubeconfig.'
        : 'No kubeconfig context found (KUBECONFIG or ~/.kube/config).',
      'Open Settings',
    );
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'podManifests.api');
    return;
  }
  const pick = await vscode.window.showQuickPick(
    contexts.map((c) => ({ label: c.name, description: c.current ? '(in use)' : '', detail: c.detail })),
    { title: 'Pod Manifests: Kubernetes context' },
  );
  if (pick) ctx.session.useContext(pick.label);
}

export async function switchNamespace(run: ClusterRun): Promise<void> {
  const ns = await vscode.window.showInputBox({
    title: 'Pod Manifests: namespace for Pods that name none',
    value: run.kube.endpoint.namespace,
    validateInput: (v) => (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) ? undefined : 'a lowercase RFC 1123 label'),
  });
  if (ns) run.session.useNamespace(ns);
}

/**
 * Load Names from the Cluster: the namespace's ConfigMaps, Secrets (names and keys only),
 * claims and ServiceAccounts, once, for completion and the key checks in the editor.
 */
export async function loadClusterNames(run: ClusterRun): Promise<void> {
  const namespace = run.kube.endpoint.namespace;
  const objects = await run.progress((signal) => namedObjects(run.kube, namespace, signal), `Reading the names in namespace "${namespace}"`);
  await run.client.sendNotification(ClusterObjectsNotification, { namespace, source: run.kube.endpoint.label, objects });
  const count = (kind: string) => objects.filter((o) => o.kind === kind).length;
  const text = `${count('ConfigMap')} ConfigMaps, ${count('Secret')} Secrets (names and keys only), ${count('PersistentVolumeClaim')} claims and ${count('ServiceAccount')} ServiceAccounts`;
  run.output.log(`Loaded ${text} of namespace "${namespace}" (${run.kube.endpoint.label})`);
  void vscode.window.showInformationMessage(`Pod Manifests: loaded ${text} of namespace "${namespace}".`);
}
