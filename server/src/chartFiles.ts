/**
 * A Helm chart's files as the adapters (CLI, LSP server) read them from the disk (the core never
 * does): its values files (`values.yaml`, `values-prod.yaml`, … beside its `Chart.yaml`) are the
 * chart's settings, not manifests, even where they say `kind: Deployment` (a chart's choice of
 * workload), and are left out; a template's `values.yaml` is what `.Values` completes from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pathOfUri } from './fileUris';

export function isChartValuesFile(path: string): boolean {
  if (!/^values([-.][\w.-]*)?\.ya?ml$/i.test(basename(path))) return false;
  return existsSync(join(dirname(path), 'Chart.yaml')) || existsSync(join(dirname(path), 'Chart.yml'));
}

/** The same for a document's URI. */
export function isChartValuesUri(uri: string): boolean {
  const path = pathOfUri(uri);
  return path !== undefined && isChartValuesFile(path);
}

/** The values file of the chart whose `templates/` holds the file at `uri` (`Chart.yaml` up to five folders above). */
export function chartValuesFor(uri: string): { uri: string; text: string } | undefined {
  const path = pathOfUri(uri);
  if (!path) return undefined;
  try {
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
    // unreadable: no values to offer
  }
  return undefined;
}
