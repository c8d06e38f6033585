/**
 * Which Kubernetes API the cluster commands talk to: the kubeconfig exactly as kubectl reads it
 * (KUBECONFIG, else ~/.kube/config), or the `podManifests.api.server` setting with a token kept
 * in SecretStorage. Owns the chosen context and namespace and shows them in the status bar.
 */
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { ClusterEndpoint, endpointForServer, KubeClient, Kubeconfig, KubeconfigError, listContexts, loadKubeconfig, resolveContext, withNamespace } from './cluster';

const TOKEN_KEY = 'podManifests.api.token';

export class ClusterSession implements vscode.Disposable {
  private readonly statusBar = vscode.window.createStatusBarItem('podManifests.cluster', vscode.StatusBarAlignment.Left, 10);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private contextName: string | undefined;
  private namespace: string | undefined;
  private client: KubeClient | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.statusBar.name = 'Pod Manifests: cluster';
    this.statusBar.command = 'podManifests.switchContext';
  }

  private get settings() {
    return vscode.workspace.getConfiguration('podManifests.api');
  }

  /** The server URL setting, when the user chose it over the kubeconfig. */
  private get serverSetting(): string {
    return (this.settings.get<string>('server') ?? '').trim();
  }

  async loadKubeconfig(): Promise<Kubeconfig> {
    return loadKubeconfig({ env: process.env });
  }

  /** The endpoint in use; throws a KubeconfigError that says what to configure. */
  async endpoint(): Promise<ClusterEndpoint> {
    let ep: ClusterEndpoint;
    if (this.serverSetting) {
      const caFile = (this.settings.get<string>('certificateAuthorityFile') ?? '').trim();
      ep = endpointForServer({
        server: this.serverSetting,
        token: await this.secrets.get(TOKEN_KEY),
        ca: caFile ? readFileSync(caFile) : undefined,
        insecureSkipTlsVerify: this.settings.get<boolean>('insecureSkipTlsVerify') ?? false,
      });
    } else {
      const config = await this.loadKubeconfig();
      if (config.contexts.size === 0) {
        throw new KubeconfigError('No Kubernetes API configured: no kubeconfig context found (KUBECONFIG or ~/.kube/config). Set one up, or set podManifests.api.server and run "Pod Manifests: Set API Token".');
      }
      ep = await resolveContext(config, this.contextName);
    }
    return this.namespace ? withNamespace(ep, this.namespace) : ep;
  }

  /** A client for the endpoint in use, made once per configuration. */
  async kubeClient(): Promise<KubeClient> {
    if (!this.client) this.client = new KubeClient(await this.endpoint(), { userAgent: 'pod-manifests-vscode' });
    return this.client;
  }

  async contexts(): Promise<{ name: string; detail: string; current: boolean }[]> {
    if (this.serverSetting) return [];
    const config = await this.loadKubeconfig();
    return listContexts(config).map((c) => ({ name: c.name, detail: `cluster ${c.cluster}, namespace ${c.namespace}`, current: this.contextName ? c.name === this.contextName : c.current }));
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

  /** Settings or kubeconfig changed: forget the client, refresh the status bar. */
  reset(): void {
    this.client = undefined;
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
      this.statusBar.tooltip = `Pod Manifests: ${ep.label} at ${ep.server}, namespace ${ep.namespace}${ep.insecureSkipTlsVerify ? '\nTLS verification is OFF (insecure-skip-tls-verify)' : ''}\nClick to switch context`;
      this.statusBar.backgroundColor = ep.insecureSkipTlsVerify ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } catch {
      this.statusBar.text = '$(cloud) no cluster';
      this.statusBar.tooltip = 'Pod Manifests: no Kubernetes API configured. Click to choose a kubeconfig context.';
      this.statusBar.backgroundColor = undefined;
    }
    this.statusBar.show();
  }

  dispose(): void {
    this.statusBar.dispose();
    this.changed.dispose();
  }
}
