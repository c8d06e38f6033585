/**
 * The names of a namespace's ConfigMaps, Secrets, PersistentVolumeClaims and ServiceAccounts, and
 * the keys of the ConfigMaps' and Secrets' data: what a Pod may name. A Secret's values come with
 * the list (the API has no keys-only view); only their keys are kept, read off as each item is
 * seen, and nothing else of them leaves this function.
 */
import type { KubeClient } from './kubeClient';

export interface NamedObject {
  kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';
  name: string;
  keys: string[];
}

const COLLECTIONS: { kind: NamedObject['kind']; resource: string; data: string[] }[] = [
  { kind: 'ConfigMap', resource: 'configmaps', data: ['data', 'binaryData'] },
  { kind: 'Secret', resource: 'secrets', data: ['data', 'stringData'] },
  { kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims', data: [] },
  { kind: 'ServiceAccount', resource: 'serviceaccounts', data: [] },
];

export async function namedObjects(client: KubeClient, namespace: string, signal?: AbortSignal): Promise<NamedObject[]> {
  const out: NamedObject[] = [];
  for (const c of COLLECTIONS) {
    const res = await client.call({ method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/${c.resource}`, signal });
    const items = (JSON.parse(res.body) as { items?: Record<string, unknown>[] }).items ?? [];
    for (const item of items) {
      const name = (item.metadata as { name?: unknown } | undefined)?.name;
      if (typeof name !== 'string') continue;
      const keys = c.data.flatMap((field) => Object.keys((item[field] as Record<string, unknown> | undefined) ?? {}));
      out.push({ kind: c.kind, name, keys });
    }
  }
  return out;
}
