/**
 * Which Kubernetes API the cluster commands talk to: the kubeconfig exactly as kubectl reads it
 * (KUBECONFIG, else ~/.kube/config), or the `podManifests.api.server` setting with a token kept
 * in SecretStorage. Owns the chosen context and namespace, shows them in the status bar, and owns
 * the HTTP client made for them (cluster/sharedClient.ts): a new choice retires it, dispose closes it.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  type ClientLease,
  type ClusterEndpoint,
  endpointForServer,
  KubeClient,
  KubeconfigError,
  listContexts,
  loadKubeconfig,
  resolveContext,
  SharedClient,
  withNamespace,
} from './cluster';
import { currentSettings } from './settings';

const TOKEN_KEY = 'podManifests.api.token';

export class ClusterSession implements vscode.Disposable {
  private readonly statusBar = vscode.window.createStatusBarItem('podManifests.cluster', vscode.StatusBarAlignment.Left, 10);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private contextName: string | undefined;
  private namespace: string | undefined;
  private readonly shared = new SharedClient(async () => new KubeClient(await this.endpoint(), { userAgent: 'pod-manifests-vscode' }));

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.statusBar.name = 'Pod Manifests: cluster';
    this.statusBar.command = 'podManifests.switchContext';
  }

  /** The endpoint in use; throws a KubeconfigError that says what to configure. */
  async endpoint(): Promise<ClusterEndpoint> {
    const api = currentSettings().api;
    let ep: ClusterEndpoint;
    if (api.server) {
      ep = endpointForServer({
        server: api.server,
        token: await this.secrets.get(TOKEN_KEY),
        ca: api.certificateAuthorityFile ? readFileSync(api.certificateAuthorityFile) : undefined,
        insecureSkipTlsVerify: api.insecureSkipTlsVerify,
      });
    } else {
      const config = await loadKubeconfig({ env: process.env });
      if (config.contexts.size === 0) {
        throw new KubeconfigError(
          'No Kubernetes API configured: no kubeconfig context found (KUBECONFIG or ~/.kube/config). ' +
            'Set one up, or set podManifests.api.server and run "Pod Manifests: Set API Token".',
        );
      }
      ep = await resolveContext(config, this.contextName);
    }
    return this.namespace ? withNamespace(ep, this.namespace) : ep;
  }

  /**
   * A lease on the client for the endpoint in use (made once per configuration); release it when
   * done. Throws what endpoint() throws.
   */
  lease(): Promise<ClientLease> {
    return this.shared.lease();
  }

  /** The kubeconfig's contexts; none when the podManifests.api.server setting is used instead. */
  async contexts(): Promise<{ name: string; detail: string; current: boolean }[]> {
    if (currentSettings().api.server) return [];
    const config = await loadKubeconfig({ env: process.env });
    return listContexts(config).map((c) => ({
      name: c.name,
      detail: `cluster ${c.cluster}, namespace ${c.namespace}`,
      current: this.contextName ? c.name === this.contextName : c.current,
    }));
  }

  useContext(name: string): void {
    this.contextName = name;
    this.namespace = undefined;
    this.reset();
  }

  useNamespace(namespace: string): void {
    this.namespace = namespace;
    this.reset();
  }

  async setToken(token: string | undefined): Promise<void> {
    if (token) await this.secrets.store(TOKEN_KEY, token);
    else await this.secrets.delete(TOKEN_KEY);
    this.reset();
  }

  /** Settings, trust or the choice of context changed: a new client for the next command, the status bar anew. */
  reset(): void {
    this.shared.retire();
    this.changed.fire();
    void this.refreshStatusBar();
  }

  async refreshStatusBar(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      this.statusBar.hide();
      return;
    }
    try {
      const ep = await this.endpoint();
      const name = ep.contextName ?? new URL(ep.server).host;
      this.statusBar.text = `${ep.insecureSkipTlsVerify ? '$(warning)' : '$(cloud)'} ${name} / ${ep.namespace}`;
      const insecure = ep.insecureSkipTlsVerify ? '\nTLS verification is OFF (insecure-skip-tls-verify)' : '';
      this.statusBar.tooltip = `Pod Manifests: ${ep.label} at ${ep.server}, namespace ${ep.namespace}${insecure}\nClick to switch context`;
      this.statusBar.backgroundColor = ep.insecureSkipTlsVerify ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } catch {
      this.statusBar.text = '$(cloud) no cluster';
      this.statusBar.tooltip = 'Pod Manifests: no Kubernetes API configured. Click to choose a kubeconfig context.';
      this.statusBar.backgroundColor = undefined;
    }
    this.statusBar.show();
  }

  dispose(): void {
    this.shared.dispose();
    this.statusBar.dispose();
    this.changed.dispose();
  }
}
