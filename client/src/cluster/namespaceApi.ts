/**
 * A namespace's labels as the cluster has them: what its Pod Security Admission reads
 * (`pod-security.kubernetes.io/enforce` …) to judge the Pods and workloads sent there.
 */
import type { KubeClient } from './kubeClient';

/** The labels of namespace `name`; null when the cluster has no such namespace (404 is an answer here). */
export async function namespaceLabels(client: KubeClient, name: string, signal?: AbortSignal): Promise<Record<string, string> | null> {
  const res = await client.request({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(name)}`, signal });
  if (res.statusCode === 404) return null;
  if (res.statusCode >= 400) throw client.statusError(res.statusCode, res.body, res.warnings);
  const labels = (JSON.parse(res.body) as { metadata?: { labels?: Record<string, unknown> } }).metadata?.labels ?? {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
