/**
 * The names the user loaded from the cluster (ClusterObjectsNotification): a namespace's
 * ConfigMaps, Secrets (names and keys), claims and ServiceAccounts, as objects beside the
 * workspace's. They have no place in a file: completion and the key checks use them, go to
 * definition does not (their `uri` is empty).
 */
import type { ClusterObjectsParams } from '../../protocol/messages';
import type { IndexedKind, IndexedObject } from './service/workspaceObjects';

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export class ClusterObjects {
  private readonly byNamespace = new Map<string, IndexedObject[]>();

  /** A namespace's names, as loaded now (replacing the last load of that namespace). */
  set(params: ClusterObjectsParams): void {
    this.byNamespace.set(
      params.namespace,
      params.objects.map((o) => ({
        kind: o.kind,
        name: o.name,
        namespace: params.namespace,
        uri: '',
        nameRange: NOWHERE,
        keys: o.keys.map((key) => ({ key, range: NOWHERE })),
      })),
    );
  }

  of(kind: IndexedKind): IndexedObject[] {
    return [...this.byNamespace.values()].flatMap((objects) => objects.filter((o) => o.kind === kind));
  }
}
