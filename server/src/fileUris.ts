/** The path on this machine of a document's URI: only `file:` URIs are on disk. */
import { fileURLToPath } from 'node:url';

export function pathOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    // a file: URI of another machine (a host name)
    return undefined;
  }
}
