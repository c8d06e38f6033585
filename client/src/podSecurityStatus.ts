/**
 * Pod Security in the status bar: which policy the active file's Pods and workloads are checked
 * against, and where it comes from (the language server says: PodSecurityRequest). It also owns
 * reading the cluster's namespace labels, for the namespaces the server knows no policy of: each
 * is read once per cluster configuration, again after an apply there, and sent to the server
 * (NamespaceLabelsNotification); so is where documents without a namespace go.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DefaultNamespaceNotification, NamespaceLabelsNotification, type PodSecurityInForce, PodSecurityRequest } from '../../protocol/messages';
import { namespaceLabels } from './cluster';
import type { ClusterSession } from './clusterSession';
import type { Output } from './output';

export class PodSecurityStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('podManifests.podSecurity', vscode.StatusBarAlignment.Right, 100);
  /** Namespaces asked of the cluster since its configuration last changed: name → the read in flight or done. */
  private readonly asked = new Map<string, Promise<void>>();
  private readonly subscriptions: vscode.Disposable[];
  private pending: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly session: ClusterSession,
    private readonly output: Output,
  ) {
    this.item.name = 'Pod Manifests: Pod Security';
    this.item.command = { title: 'Pod Security setting', command: 'workbench.action.openSettings', arguments: ['podManifests.podSecurity'] };
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      // The server's diagnostics follow every change of policy: the status bar with them.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.refresh();
      }),
      session.onDidChange(() => void this.clusterChanged()),
    ];
  }

  /** Soon (once per burst of events): asks the server about the active file. */
  refresh(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.show().catch((e) => this.output.log(`Pod Security status: ${e instanceof Error ? e.message : String(e)}`));
    }, 50);
  }

  /** The cluster configuration changed: the namespaces are read again from the new one. */
  async clusterChanged(): Promise<void> {
    this.asked.clear();
    let namespace = 'default';
    try {
      if (vscode.workspace.isTrusted) namespace = (await this.session.endpoint()).namespace;
    } catch {
      // no cluster configured: documents without a namespace go to "default"
    }
    await this.client.sendNotification(DefaultNamespaceNotification, { namespace });
    this.refresh();
  }

  /** After an apply to `namespace`: its labels may have changed since they were read. */
  namespaceApplied(namespace: string): void {
    this.asked.delete(namespace);
    this.refresh();
  }

  private async show(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !this.client.isRunning()) return this.item.hide();
    const found = await this.client.sendRequest(PodSecurityRequest, { uri: editor.document.uri.toString() });
    if (editor !== vscode.window.activeTextEditor) return;
    if (found.length === 0) return this.item.hide();
    for (const f of found) if (!f.policy && f.source === undefined) this.askCluster(f.namespace);
    this.render(found);
  }

  private render(found: PodSecurityInForce[]): void {
    if (found.some((f) => f.source === 'off')) {
      this.item.text = '$(shield) PSS off';
      this.item.tooltip = 'Pod Security: not checked (podManifests.podSecurity is "off"). Click to change.';
      return this.item.show();
    }
    const byNamespace = new Map(found.map((f) => [f.namespace, f]));
    const policies = new Set(found.map((f) => f.policy ?? ''));
    const line = (f: PodSecurityInForce) =>
      f.policy ? `namespace "${f.namespace}": ${f.policy}, from ${f.source}` : `namespace "${f.namespace}": no policy known`;
    const [first] = byNamespace.values();
    if (policies.size === 1 && first.policy) this.item.text = `$(shield) ${first.policy.replace(/^enforce /, '')}`;
    else if (policies.size === 1) this.item.text = '$(shield) PSS: none';
    else this.item.text = `$(shield) PSS: ${policies.size} policies`;
    const none = [...byNamespace.values()].some((f) => !f.policy)
      ? '\n\nNo policy known: no Namespace document with pod-security.kubernetes.io labels in this file or the workspace, and none read from the cluster. podManifests.podSecurity can name one.'
      : '';
    this.item.tooltip = `Pod Security Standards\n${[...byNamespace.values()].map(line).join('\n')}${none}\n\nClick to change the setting.`;
    this.item.show();
  }

  /** Reads a namespace's labels from the cluster, once; tells the server what it found. */
  private askCluster(namespace: string): void {
    if (!vscode.workspace.isTrusted || this.asked.has(namespace)) return;
    const read = (async () => {
      let lease;
      try {
        lease = await this.session.lease();
      } catch {
        return; // no cluster configured
      }
      try {
        const labels = await namespaceLabels(lease.client, namespace);
        const source = `the cluster's namespace (${lease.client.endpoint.label})`;
        await this.client.sendNotification(NamespaceLabelsNotification, { namespace, labels, source });
      } catch (e) {
        this.output.log(`Reading namespace "${namespace}" for its Pod Security labels failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        lease.release();
      }
    })();
    this.asked.set(namespace, read);
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
