/**
 * `podManifests.kubernetesVersion: "cluster"`: checks Pods against the connected cluster's own
 * schema. Reads the server's OpenAPI (`/openapi/v3/api/v1`, or `/openapi/v2` before 1.23), has the
 * language server convert it like the bundled ones, and caches the result per server version;
 * offline, the bundled schema stays in use. The status bar says which schema is active.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClusterSchemaRequest } from '../../server/src/protocol';
import type { PodSchema } from '../../server/src/schema/types';
import type { ClusterSession } from './clusterSession';
import type { Output } from './output';

export class ClusterSchemaSync implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('podManifests.schema', vscode.StatusBarAlignment.Right, 100);

  constructor(
    private readonly client: LanguageClient,
    private readonly session: ClusterSession,
    private readonly output: Output,
    private readonly cacheDir: string,
  ) {
    this.item.name = 'Pod Manifests: schema';
    this.item.command = { title: 'Choose', command: 'workbench.action.openSettings', arguments: ['podManifests.kubernetesVersion'] };
  }

  private get setting(): string {
    return vscode.workspace.getConfiguration('podManifests').get<string>('kubernetesVersion') ?? '';
  }

  /** Applies the setting: the cluster's schema when asked for (and reachable), else the bundled one. */
  async sync(): Promise<void> {
    const setting = this.setting;
    if (setting !== 'cluster') {
      this.show(`$(symbol-structure) Pods: ${setting || 'newest'}`, `Pods are checked against the bundled Kubernetes ${setting} schema.`);
      return;
    }
    if (!vscode.workspace.isTrusted) {
      this.show('$(symbol-structure) Pods: bundled', 'kubernetesVersion "cluster" needs a trusted workspace: the bundled newest schema is in use.');
      return;
    }
    try {
      const kube = await this.session.kubeClient();
      const version = JSON.parse((await kube.call({ method: 'GET', path: '/version' })).body) as { gitVersion: string; minor: string };
      const cacheFile = join(this.cacheDir, `pod-schema-${version.gitVersion.replace(/[^\w.+-]/g, '_')}.json`);
      let cached: PodSchema | undefined;
      try {
        cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as PodSchema;
      } catch {
        cached = undefined;
      }
      let result;
      if (cached) result = await this.client.sendRequest(ClusterSchemaRequest, { gitVersion: version.gitVersion, schema: cached });
      else {
        const minor = parseInt(version.minor, 10);
        const path = minor >= 23 ? '/openapi/v3/api/v1' : '/openapi/v2';
        const openapi = JSON.parse((await kube.call({ method: 'GET', path, timeoutMs: 60_000 })).body) as unknown;
        result = await this.client.sendRequest(ClusterSchemaRequest, { gitVersion: version.gitVersion, openapi });
        if (result) {
          mkdirSync(this.cacheDir, { recursive: true });
          writeFileSync(cacheFile, JSON.stringify(result.schema));
        }
      }
      this.show(`$(symbol-structure) Pods: cluster ${version.gitVersion}`, `Pods are checked against the schema of ${kube.endpoint.label} (Kubernetes ${version.gitVersion}, rules of ${result?.version}).`);
      this.output.log(`Using the Pod schema of ${kube.endpoint.label}: Kubernetes ${version.gitVersion}${cached ? ' (cached)' : ''}`);
    } catch (e) {
      await this.client.sendRequest(ClusterSchemaRequest, null).catch(() => undefined);
      const why = e instanceof Error ? e.message : String(e);
      this.show('$(warning) Pods: bundled', `kubernetesVersion is "cluster", but its schema could not be read: ${why}\nThe bundled newest schema is in use.`);
      this.output.log(`Cluster schema unavailable, using the bundled one: ${why}`);
    }
  }

  private show(text: string, tooltip: string) {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
