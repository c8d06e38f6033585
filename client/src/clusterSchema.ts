/**
 * `podManifests.kubernetesVersion: "cluster"`: checks Pods against the connected cluster's own
 * schema. Reads the server's OpenAPI (cluster/openApi.ts), has the language server convert it
 * like the bundled ones, and caches the result per server version; offline, the bundled schema
 * stays in use. The status bar says which schema is active.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClusterSchemaRequest, type ConvertedSchema } from '../../protocol/messages';
import { getCoreOpenApi, getVersion } from './cluster';
import type { ClusterSession } from './clusterSession';
import type { Output } from './output';
import { currentSettings } from './settings';

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

  /** Applies the setting: the cluster's schema when asked for (and reachable), else the bundled one. */
  async sync(): Promise<void> {
    const setting = currentSettings().kubernetesVersion;
    if (setting !== 'cluster') {
      this.show(`$(symbol-structure) Pods: ${setting}`, `Pods are checked against the bundled Kubernetes ${setting} schema.`);
      return;
    }
    if (!vscode.workspace.isTrusted) {
      this.show('$(symbol-structure) Pods: bundled', 'kubernetesVersion "cluster" needs a trusted workspace: the bundled newest schema is in use.');
      return;
    }
    let lease;
    try {
      lease = await this.session.lease();
      const kube = lease.client;
      const { version } = await getVersion(kube);
      const cacheFile = join(this.cacheDir, `pod-schema-${version.gitVersion.replace(/[^\w.+-]/g, '_')}.json`);
      const cached = readCache(cacheFile);
      const result = await this.client.sendRequest(ClusterSchemaRequest, {
        gitVersion: version.gitVersion,
        ...(cached ? { schema: cached } : { openapi: await getCoreOpenApi(kube, version) }),
      });
      if (result && !cached) writeCache(cacheFile, result.schema);
      this.show(
        `$(symbol-structure) Pods: cluster ${version.gitVersion}`,
        `Pods are checked against the schema of ${kube.endpoint.label} (Kubernetes ${version.gitVersion}, rules of ${result?.version}).`,
      );
      this.output.log(`Using the Pod schema of ${kube.endpoint.label}: Kubernetes ${version.gitVersion}${cached ? ' (cached)' : ''}`);
    } catch (e) {
      await this.client.sendRequest(ClusterSchemaRequest, null).catch(() => undefined);
      const why = e instanceof Error ? e.message : String(e);
      this.show('$(warning) Pods: bundled', `kubernetesVersion is "cluster", but its schema could not be read: ${why}\nThe bundled newest schema is in use.`);
      this.output.log(`Cluster schema unavailable, using the bundled one: ${why}`);
    } finally {
      lease?.release();
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

/** A schema converted earlier for this server version; none when the file is missing or unreadable. */
function readCache(file: string): ConvertedSchema | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ConvertedSchema;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, schema: ConvertedSchema): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(schema));
}
