/**
 * The Pod calls the extension makes besides apply (objectApi.ts): read one, and the server's
 * version. A Pod is one kind of object; these are objectApi.ts's calls with the type fixed.
 */
import type { KubeClient } from './kubeClient';
import { type ApplyOptions, type ApplyResult, applyObject, getObject, type GetResult, type KubeObject, objectPath, type ObjectType } from './objectApi';

/** A Pod as the server returns it. */
export type Pod = KubeObject;

const POD: ObjectType = { apiVersion: 'v1', kind: 'Pod' };

/** Server-side apply of one Pod (objectApi.ts's applyObject). */
export function applyPod(client: KubeClient, pod: Pod | string, opts: ApplyOptions = {}): Promise<ApplyResult<Pod>> {
  return applyObject(client, POD, pod, opts);
}

/** The live Pod, or `found: false` (404 is an answer here, not an error). */
export function getPod(client: KubeClient, name: string, namespace = client.endpoint.namespace, signal?: AbortSignal): Promise<GetResult<Pod>> {
  return getObject(client, POD, name, namespace, signal);
}

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit?: string;
  platform?: string;
  [k: string]: unknown;
}

/** GET /version: the cheapest "is it there and do my credentials work" call. */
export async function getVersion(client: KubeClient, signal?: AbortSignal): Promise<{ version: VersionInfo; warnings: string[] }> {
  const res = await client.call({ method: 'GET', path: '/version', signal });
  return { version: JSON.parse(res.body) as VersionInfo, warnings: res.warnings };
}

export function podPath(namespace: string, name: string, sub = ''): string {
  return objectPath(POD, namespace, name, sub);
}
