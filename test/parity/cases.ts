/**
 * The parity corpus: test/parity/cases/*.yaml, one object per `---` document (a Pod, or a
 * workload: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController,
 * PodTemplate), each saying what the v1.20.2 API server answers in a comment line:
 * `# expect: accept` or `# expect: reject <field path> [<field path> ...]`. Each is sent to its
 * kind's collection (from its `apiVersion` and `kind`; a document without them is a Pod).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitDocuments } from '../../server/src/yaml/split';
import { collectionPath } from './server';

export const CASES_DIR = join(__dirname, 'cases');

export interface ParityCase {
  /** `file.yaml#n`: where the case is written. */
  id: string;
  name: string;
  text: string;
  apiVersion: string;
  kind: string;
  /** where it is POSTed, e.g. /apis/apps/v1/namespaces/default/deployments */
  collection: string;
  /** Pods on their own, the workload kinds together (the parity thresholds hold for each group) */
  group: 'pod' | 'workload';
  expect: { verdict: 'accept' | 'reject'; paths: string[] };
}

/** A top-level scalar of the document (`apiVersion: apps/v1`), quotes removed. */
function topLevel(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*(["']?)([^"'\\s#]+)\\1[ \\t]*(?:#.*)?$`, 'm').exec(text);
  return m?.[2];
}

export function parityCases(): ParityCase[] {
  const out: ParityCase[] = [];
  for (const file of readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const parts = splitDocuments(readFileSync(join(CASES_DIR, file), 'utf8'));
    parts.forEach((part, i) => {
      const m = /^# expect: (accept|reject)\b(.*)$/m.exec(part.text);
      if (!m) return;
      const name = /^ {2}name: *(\S+)/m.exec(part.text)?.[1] ?? `${file}-${i}`;
      const apiVersion = topLevel(part.text, 'apiVersion') ?? 'v1';
      const kind = topLevel(part.text, 'kind') ?? 'Pod';
      out.push({
        id: `${file}#${i} (line ${part.line + 1})`,
        name,
        text: part.text,
        apiVersion,
        kind,
        collection: collectionPath(apiVersion, kind),
        group: kind === 'Pod' ? 'pod' : 'workload',
        expect: { verdict: m[1] as 'accept' | 'reject', paths: m[2].trim().split(/\s+/).filter(Boolean) },
      });
    });
  }
  return out;
}
