/**
 * The namespaces' labels the server knows from outside the file being checked, for their Pod
 * Security policy: the Namespace documents of the workspace (the workspace index's: read in the
 * background at start, kept current from the open documents and the client's file events) and
 * what the client read from the cluster. A Namespace document of the workspace is preferred to the
 * cluster's: it is what the user is about to apply.
 */
import type { Labels } from './service/namespaces';
import { pathOfUri } from './fileUris';

export interface KnownLabels {
  labels: Labels;
  source: string;
}

/** A Namespace document of the workspace, as the workspace index has it. */
export interface WorkspaceNamespace {
  uri: string;
  labels?: Labels;
}

export class NamespaceLabels {
  private readonly cluster = new Map<string, KnownLabels>();

  constructor(
    /** The workspace's Namespace documents of a name (workspaceIndex.ts), the first preferred. */
    private readonly workspace: (namespace: string) => readonly WorkspaceNamespace[],
  ) {}

  get(namespace: string): KnownLabels | undefined {
    const ns = this.workspace(namespace)[0];
    if (ns) return { labels: ns.labels ?? {}, source: `Namespace "${namespace}" in ${pathOfUri(ns.uri) ?? ns.uri}` };
    return this.cluster.get(namespace);
  }

  /** The cluster's labels of a namespace (null: it has none, or it cannot be read); true when that changes what is known. */
  setCluster(namespace: string, labels: Labels | null, source: string): boolean {
    const before = JSON.stringify(this.cluster.get(namespace) ?? null);
    if (labels) this.cluster.set(namespace, { labels, source });
    else this.cluster.delete(namespace);
    return JSON.stringify(this.cluster.get(namespace) ?? null) !== before;
  }
}
