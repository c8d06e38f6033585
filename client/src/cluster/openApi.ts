/**
 * The cluster's own OpenAPI document for the core group (where Pod is), for
 * `kubernetesVersion: "cluster"`: `/openapi/v3/api/v1` from 1.23 on (that group alone), else
 * `/openapi/v2` (every group). The language server converts it as it converts the bundled ones.
 */
import type { KubeClient } from './kubeClient';
import type { VersionInfo } from './podApi';

export async function getCoreOpenApi(client: KubeClient, version: VersionInfo, signal?: AbortSignal): Promise<unknown> {
  // "27+" on some providers: parseInt reads the number
  const path = parseInt(version.minor, 10) >= 23 ? '/openapi/v3/api/v1' : '/openapi/v2';
  const res = await client.call({ method: 'GET', path, timeoutMs: 60_000, signal });
  return JSON.parse(res.body) as unknown;
}
