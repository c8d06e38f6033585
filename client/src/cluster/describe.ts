/**
 * A live object's conditions and events as `kubectl describe` ends: two tables, the events
 * newest first, each with its age, the component that reported it and, when it is about one of
 * the object's ReplicaSets, Jobs or Pods rather than the object itself, which one. Pure.
 */
import type { KubeEvent } from './liveState';
import type { KubeObject } from './objectApi';

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** `5s`, `3m`, `2h`, `4d`: kubectl's short ages. */
export function age(from: string | undefined, now: Date): string {
  if (!from) return '<unknown>';
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('   ')}`.trimEnd());
}

export function describeText(kind: string, object: KubeObject | undefined, events: KubeEvent[], now = new Date()): string {
  if (!object) return `${kind}: not in the cluster.\n`;
  const { name, namespace } = object.metadata;
  const lines = [`${kind} ${namespace}/${name}`, ''];
  const conditions = ((object.status?.conditions ?? []) as Condition[]).slice();
  lines.push('Conditions:');
  if (conditions.length === 0) lines.push('  <none>');
  else lines.push(...table([['Type', 'Status', 'Reason', 'Message'], ...conditions.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? ''])]));
  lines.push('', 'Events (newest first):');
  const when = (e: KubeEvent) => e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp;
  const sorted = events.slice().sort((a, b) => String(when(b) ?? '').localeCompare(String(when(a) ?? '')));
  if (sorted.length === 0) lines.push('  <none>');
  else
    lines.push(
      ...table([
        ['Type', 'Reason', 'Age', 'From', 'Object', 'Message'],
        ...sorted.map((e) => [
          e.type ?? '',
          e.reason ?? '',
          `${age(when(e) as string | undefined, now)}${e.count && e.count > 1 ? ` (x${e.count})` : ''}`,
          (e as { source?: { component?: string } }).source?.component ?? (e as { reportingComponent?: string }).reportingComponent ?? '',
          e.involvedObject.kind === kind && e.involvedObject.name === name ? '' : `${e.involvedObject.kind}/${e.involvedObject.name}`,
          (e.message ?? '').replace(/\s+/g, ' ').trim(),
        ]),
      ]),
    );
  return `${lines.join('\n')}\n`;
}
