/**
 * What the real API server answers for one parity case: the case's manifest is POSTed with
 * `?dryRun=All` (nothing is stored) to its kind's collection in namespace `default`.
 */
import type { Cluster } from '../cluster/helper';

export interface Verdict {
  verdict: 'accept' | 'reject';
  paths: string[];
  messages: string[];
}

/** The collection a kind's objects are created in: `/api/v1/…` for the core group, `/apis/<group>/<version>/…` otherwise. */
export function collectionPath(apiVersion: string, kind: string, namespace = 'default'): string {
  const root = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  // every kind the corpus holds has the regular plural: lower case + "s"
  return `${root}/namespaces/${namespace}/${kind.toLowerCase()}s`;
}

export async function serverVerdict(cluster: Cluster, where: string, collection: string, text: string): Promise<Verdict> {
  const reply = await cluster.request('POST', collection, {
    body: text,
    contentType: 'application/yaml',
    query: { dryRun: 'All' },
  });
  if (reply.status === 201) return { verdict: 'accept', paths: [], messages: [] };
  if (reply.status === 422 || reply.status === 400) {
    const status = reply.json<{ message?: string; details?: { causes?: { field?: string; message?: string }[] } }>();
    const causes = status.details?.causes ?? [];
    return {
      verdict: 'reject',
      paths: [...new Set(causes.map((x) => x.field ?? '').filter(Boolean))],
      messages: causes.length ? causes.map((x) => `${x.field}: ${x.message}`) : [status.message ?? ''],
    };
  }
  throw new Error(`${where}: the server answered ${reply.status} to POST ${collection}: ${reply.body.slice(0, 300)}`);
}
