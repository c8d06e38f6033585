/**
 * A Helm chart's values files (`values.yaml`, `values-prod.yaml`, … beside its `Chart.yaml`) are
 * the chart's settings, not manifests, even where they say `kind: Deployment` (a chart's choice
 * of workload): the adapters (CLI, LSP server) leave them out. The core never reads the disk.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
