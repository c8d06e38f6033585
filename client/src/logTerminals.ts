/**
 * Logs streamed into a terminal (a Pseudoterminal: colours kept, survives tab switches). The
 * follower reconnects when the stream drops and resumes from the last timestamp; the terminal
 * says so. Closing the terminal, or the Stop command, ends the stream. Each stream holds a lease
 * on its client, so switching the namespace meanwhile does not cut it.
 */
import * as vscode from 'vscode';
import { type ClientLease, ClusterError, LogFollower } from './cluster';

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

const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[33m${s}\x1b[0m`;
const red = (s: string) => `\x1b[31m${s}\x1b[0m`;

export class LogTerminals implements vscode.Disposable {
  private readonly following = new Map<vscode.Terminal, LogFollower>();
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
      if (end.reason === 'error') say(red(`[${end.error instanceof ClusterError ? end.error.message : String(end.error)}]\n`));
      else if (end.reason === 'completed') say(dim('[the container has ended: end of log]\n'));
      else if (end.reason === 'pod-deleted') say(dim('[the Pod was deleted]\n'));
      else say(dim('[stopped]\n'));
    });
    const pty: vscode.Pseudoterminal = {
      onDidWrite: write.event,
      open: () => {
        const what = [
          `last ${target.tailLines} lines`,
          target.sinceSeconds ? `of the last ${target.sinceSeconds} s` : '',
          target.previous ? 'of the previous instance' : 'following…',
        ]
          .filter(Boolean)
          .join(' ');
        say(dim(`Logs of ${target.namespace}/${target.pod}, container ${target.container} (${client.endpoint.label}), ${what}\n`));
        follower.start();
      },
      close: () => {
        follower.stop();
        write.dispose();
      },
    };
    const terminal = vscode.window.createTerminal({ name: `Logs: ${target.pod}/${target.container}`, pty, iconPath: new vscode.ThemeIcon('output') });
    this.following.set(terminal, follower);
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
