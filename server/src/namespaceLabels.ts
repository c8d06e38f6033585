/**
 * The namespaces' labels the server knows from outside the file being checked, for their Pod
 * Security policy: the Namespace documents of the workspace (found once at start, kept current from
 * the open documents and the client's file events) and what the client read from the cluster.
 * A Namespace document of the workspace is preferred to the cluster's: it is what the user is
 * about to apply.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Labels } from './service/namespaces';
import { pathOfUri } from './fileUris';

export interface KnownLabels {
  labels: Labels;
  source: string;
}

/** What a workspace scan reads at most: a big monorepo is not read whole at start-up. */
const MAX_FILES = 5000;
const MAX_FILE_BYTES = 1 << 20;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', 'vendor', 'target']);
const SAYS_NAMESPACE = /\bkind:\s*["']?Namespace\b|"kind"\s*:\s*"Namespace"/;

export class NamespaceLabels {
  /** uri → the Namespace documents of that file. */
  private readonly files = new Map<string, { name: string; labels: Labels }[]>();
  private readonly cluster = new Map<string, KnownLabels>();

  constructor(
    /** The Namespace documents of a text (the service reads them). */
    private readonly namespacesIn: (uri: string, text: string) => { name: string; labels: Labels }[],
  ) {}

  get(namespace: string): KnownLabels | undefined {
    for (const [uri, namespaces] of this.files) {
      const ns = namespaces.find((n) => n.name === namespace);
      if (ns) return { labels: ns.labels, source: `Namespace "${namespace}" in ${pathOfUri(uri) ?? uri}` };
    }
    return this.cluster.get(namespace);
  }

  /**
   * A file's Namespace documents, as its text now says; true when that changes what is known.
   * `read`: how an open document's are read (from its analysis, already made).
   */
  setFile(uri: string, text: string | undefined, read = () => this.namespacesIn(uri, text ?? '')): boolean {
    const before = JSON.stringify(this.files.get(uri) ?? []);
    const found = text !== undefined && SAYS_NAMESPACE.test(text) ? read() : [];
    if (found.length > 0) this.files.set(uri, found);
    else this.files.delete(uri);
    return JSON.stringify(found) !== before;
  }

  /** The cluster's labels of a namespace (null: it has none, or it cannot be read); true when that changes what is known. */
  setCluster(namespace: string, labels: Labels | null, source: string): boolean {
    const before = JSON.stringify(this.cluster.get(namespace) ?? null);
    if (labels) this.cluster.set(namespace, { labels, source });
    else this.cluster.delete(namespace);
    return JSON.stringify(this.cluster.get(namespace) ?? null) !== before;
  }

  /** Reads the YAML and JSON files under `roots` (bounded) for Namespace documents. */
  scan(roots: string[]): void {
    let budget = MAX_FILES;
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (budget <= 0) return;
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(e.name) && !e.name.startsWith('.')) walk(path);
        } else if (/\.(ya?ml|json)$/i.test(e.name)) {
          budget--;
          this.readFile(path);
        }
      }
    };
    for (const root of roots) walk(root);
  }

  /** A file on disk (a scan, a file event): read again, or forgotten when gone. */
  readFile(path: string): boolean {
    const uri = pathToFileURL(path).href;
    let text: string | undefined;
    try {
      if (statSync(path).size <= MAX_FILE_BYTES) text = readFileSync(path, 'utf8');
    } catch {
      text = undefined;
    }
    return this.setFile(uri, text);
  }
}
