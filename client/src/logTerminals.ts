/**
 * Logs streamed into a terminal (a Pseudoterminal: colours kept, survives tab switches): one
 * container's, or a workload's Pods' interleaved with a prefix per Pod. The follower reconnects
 * when the stream drops and resumes from the last timestamp; the terminal says so. Closing the
 * terminal, or the Stop command, ends the stream. Each stream holds a lease on its client, so
 * switching the namespace meanwhile does not cut it.
 */
import * as vscode from 'vscode';
import { type ClientLease, ClusterError, type FollowEnd, LogFollower, type ObjectType, WorkloadLogs } from './cluster';

export interface LogTarget {
  pod: string;
  namespace: string;
  container: string;
  tailLines: number;
  timestamps: boolean;
  /** Only lines newer than this many seconds. */
  sinceSeconds?: number;
  /** The previous (crashed) instance of the container: read, not followed. */
  previous?: boolean;
}

/** A workload's Pods together: each line prefixed with its Pod. */
export interface WorkloadLogTarget extends Omit<LogTarget, 'pod' | 'previous'> {
  type: ObjectType;
  name: string;
}

const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
/** Prefix colours, one per Pod in turn (as `stern` does): cyan, green, magenta, blue, yellow. */
const PREFIX_COLOURS = [36, 32, 35, 34, 33];
const yellow = (s: string) => `\x1b[33m${s}\x1b[0m`;
const red = (s: string) => `\x1b[31m${s}\x1b[0m`;

export class LogTerminals implements vscode.Disposable {
  private readonly following = new Map<vscode.Terminal, { stop(): void }>();
  private readonly closed = vscode.window.onDidCloseTerminal((t) => this.stop(t));

  /** Follows the log in a new terminal; the lease is released when the stream ends. */
  open(lease: ClientLease, target: LogTarget): vscode.Terminal {
    const client = lease.client;
    const write = new vscode.EventEmitter<string>();
    const follower = new LogFollower(client, {
      namespace: target.namespace,
      pod: target.pod,
      container: target.container,
      tailLines: target.tailLines,
      timestamps: target.timestamps,
      sinceSeconds: target.sinceSeconds,
      previous: target.previous,
      follow: !target.previous,
    });
    const say = (text: string) => write.fire(text.replace(/\r?\n/g, '\r\n'));
    follower.on('line', (line) => say(`${target.timestamps && line.timestamp ? dim(line.timestamp + ' ') : ''}${line.text}\n`));
    follower.on('reconnecting', (r) => say(yellow(`[stream dropped (${r.cause}); reconnecting, attempt ${r.attempt}]\n`)));
    follower.on('reconnected', (r) => say(yellow(`[reconnected${r.sinceTime ? `, resuming after ${r.sinceTime}` : ''}]\n`)));
    follower.on('warning', (w) => say(yellow(`[Warning: ${w}]\n`)));
    follower.on('end', (end) => {
      lease.release();
      say(endText(end));
    });
    const what = [
      `last ${target.tailLines} lines`,
      target.sinceSeconds ? `of the last ${target.sinceSeconds} s` : '',
      target.previous ? 'of the previous instance' : 'following…',
    ]
      .filter(Boolean)
      .join(' ');
    return this.show(
      `Logs: ${target.pod}/${target.container}`,
      write,
      dim(`Logs of ${target.namespace}/${target.pod}, container ${target.container} (${client.endpoint.label}), ${what}\n`),
      follower,
    );
  }

  /** Follows every Pod the workload selects in a new terminal, a prefix per Pod; the lease is released when it ends. */
  openWorkload(lease: ClientLease, target: WorkloadLogTarget): vscode.Terminal {
    const client = lease.client;
    const write = new vscode.EventEmitter<string>();
    const logs = new WorkloadLogs(client, target.type, target.name, {
      namespace: target.namespace,
      container: target.container,
      tailLines: target.tailLines,
      sinceSeconds: target.sinceSeconds,
      timestamps: target.timestamps,
    });
    const say = (text: string) => write.fire(text.replace(/\r?\n/g, '\r\n'));
    const colours = new Map<string, number>();
    const prefix = (pod: string) => {
      if (!colours.has(pod)) colours.set(pod, PREFIX_COLOURS[colours.size % PREFIX_COLOURS.length]);
      return `\x1b[${colours.get(pod)}m[${pod}]\x1b[0m `;
    };
    logs.on('selecting', (selector) => say(dim(`[Pods with ${selector}]\n`)));
    logs.on('joined', (j) => say(`${prefix(j.pod)}${dim(`following container ${j.container}`)}\n`));
    logs.on('line', (line) => say(`${prefix(line.pod)}${target.timestamps && line.timestamp ? dim(line.timestamp + ' ') : ''}${line.text}\n`));
    logs.on('left', (l) => say(`${prefix(l.pod)}${endText(l.end)}`));
    logs.on('warning', (w) => say(yellow(`[Warning: ${w}]\n`)));
    logs.on('end', (end) => {
      lease.release();
      say(endText(end));
    });
    const what = `last ${target.tailLines} lines of each${target.sinceSeconds ? ` of the last ${target.sinceSeconds} s` : ''}, following…`;
    return this.show(
      `Logs: ${target.type.kind.toLowerCase()}/${target.name}`,
      write,
      dim(
        `Logs of the Pods of ${target.type.kind} ${target.namespace}/${target.name}${target.container ? `, container ${target.container}` : ''} (${client.endpoint.label}), ${what}\n`,
      ),
      logs,
    );
  }

  private show(name: string, write: vscode.EventEmitter<string>, header: string, stream: { start(): unknown; stop(): void }): vscode.Terminal {
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      open: () => {
        write.fire(header.replace(/\r?\n/g, '\r\n'));
        stream.start();
      },
      close: () => {
        stream.stop();
        write.dispose();
      },
    };
    const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('output') });
    this.following.set(terminal, stream);
    terminal.show();
    return terminal;
  }

  /** Stops the active log terminal's stream (or the only one). */
  stopActive(): boolean {
    const active = vscode.window.activeTerminal;
    const target = active && this.following.has(active) ? active : this.following.size === 1 ? [...this.following.keys()][0] : undefined;
    if (!target) return false;
    this.stop(target);
    return true;
  }

  private stop(t: vscode.Terminal): void {
    this.following.get(t)?.stop();
    this.following.delete(t);
  }

  dispose(): void {
    for (const f of this.following.values()) f.stop();
    this.following.clear();
    this.closed.dispose();
  }
}

function endText(end: FollowEnd): string {
  if (end.reason === 'error') return red(`[${end.error instanceof ClusterError ? end.error.message : String(end.error)}]\n`);
  if (end.reason === 'completed') return dim('[the container has ended: end of log]\n');
  if (end.reason === 'pod-deleted') return dim('[the Pod was deleted]\n');
  return dim('[stopped]\n');
}
