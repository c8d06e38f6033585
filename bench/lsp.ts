/**
 * A language server under measurement: spawned over stdio as an editor spawns it, through the
 * tests' LSP client (test/helpers/lspClient.ts), with the process's CPU time (utime + stime from
 * /proc/<pid>/stat, in clock ticks; or, finer, the on-CPU time of each of its threads from
 * /proc/<pid>/task/<tid>/schedstat, in nanoseconds) and peak RSS (VmHWM) at hand.
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { LspClient, ServerCommand } from '../test/helpers/lspClient';

let ticks: number | undefined;
/** Clock ticks per second of /proc/<pid>/stat's utime and stime (usually 100). */
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

export interface ServerSpec extends ServerCommand {
  /** Settings by section, pushed with workspace/didChangeConfiguration after `initialized`, if any. */
  settings?: Record<string, unknown>;
}

/**
 * Spawns the server, not yet initialized; a plain editor without workspace/configuration, the
 * server's stderr dropped; with `workspaceFolder`, initialize names that directory (rootUri and
 * workspaceFolders), as an editor with a folder open does.
 */
export function spawnServer(spec: ServerSpec, options: { workspaceFolder?: string } = {}): LspClient {
  return LspClient.spawn({ server: spec, settings: spec.settings, pull: false, push: true, stderr: 'ignore', ...options });
}

/** utime + stime of the process so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
}

/**
 * On-CPU time of the process so far, in nanoseconds: the first field of
 * /proc/<pid>/task/<tid>/schedstat (the scheduler's sum_exec_runtime), summed over the process's
 * live threads (main thread, V8's compiler and GC threads, libuv's pool). Exact to the
 * nanosecond, where utime + stime count 10 ms clock ticks; a thread that exited between two
 * readings takes its time with it (Node's threads live as long as the process).
 */
export function cpuNs(pid: number): number {
  let sum = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread exited since the listing.
    }
  }
  return sum;
}

/** Peak resident set size of the process so far (VmHWM), in MiB. */
export function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmHWM:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

/** How long a server under measurement may take to exit after shutdown before it is killed. */
export const STOP_GRACE_MS = 5_000;
