/**
 * A Helm chart's files as the adapters (CLI, LSP server) read them from the disk (the core never
 * does): its values files (`values.yaml`, `values-prod.yaml`, … beside its `Chart.yaml`) are the
 * chart's settings, not manifests, even where they say `kind: Deployment` (a chart's choice of
 * workload), and are left out; a template's `values.yaml` is what `.Values` completes from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export function isChartValuesFile(path: string): boolean {
  if (!/^values([-.][\w.-]*)?\.ya?ml$/i.test(basename(path))) return false;
  return existsSync(join(dirname(path), 'Chart.yaml')) || existsSync(join(dirname(path), 'Chart.yml'));
}

/** The same for a document's URI (only `file:` URIs are on disk). */
export function isChartValuesUri(uri: string): boolean {
  if (!uri.startsWith('file:')) return false;
  try {
    return isChartValuesFile(fileURLToPath(uri));
  } catch {
    return false;
  }
}

/** The values file of the chart whose `templates/` holds the file at `uri` (`Chart.yaml` up to five folders above). */
export function chartValuesFor(uri: string): { uri: string; text: string } | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(uri);
    let dir = dirname(path);
    for (let level = 0; level < 5; level++) {
      if (existsSync(join(dir, 'Chart.yaml')) && path.startsWith(join(dir, 'templates') + sep)) {
        const values = join(dir, 'values.yaml');
        return existsSync(values) ? { uri: pathToFileURL(values).href, text: readFileSync(values, 'utf8') } : undefined;
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  } catch {
    // not a path on this machine
  }
  return undefined;
}
