/**
 * A language server under measurement: spawned over stdio as an editor spawns it, with the
 * process's CPU time (utime + stime from /proc/<pid>/stat) and peak RSS (VmHWM) at hand.
 */
import { ChildProcess, execSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  Diagnostic,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

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

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  /** Settings pushed with workspace/didChangeConfiguration after `initialized`, if any. */
  settings?: Record<string, unknown>;
}

export class BenchServer {
  private readonly waiters: { uri: string; version: number; resolve: (d: Diagnostic[]) => void }[] = [];
  private exited = false;
  /** performance.now() at spawn. */
  readonly spawnedAt: number;

  private constructor(
    readonly spec: ServerSpec,
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.spawnedAt = performance.now();
    process.once('exit', () => (this.exited = true));
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Spawns the server and answers its requests to the client the way a plain editor would. */
  static spawn(spec: ServerSpec): BenchServer {
    const child = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'ignore'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new BenchServer(spec, child, connection);
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => server.onDiagnostics(p));
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((i) => (i.section && spec.settings ? (spec.settings[i.section] ?? null) : null)),
    );
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
      connection.onRequest(method, () => null);
    }
    for (const method of ['window/logMessage', 'window/showMessage', 'telemetry/event', '$/progress']) connection.onNotification(method, () => undefined);
    connection.listen();
    return server;
  }

  /** initialize → initialized (→ settings pushed); resolves with the wall time to initialize's answer. */
  async initialize(): Promise<number> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: false, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    const at = performance.now() - this.spawnedAt;
    await this.connection.sendNotification('initialized', {});
    if (this.spec.settings) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.spec.settings });
    return at;
  }

  private onDiagnostics(p: PublishDiagnosticsParams) {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      // yaml-language-server does not send the version: any publication after the change is the answer.
      if (w.uri === p.uri && (p.version === undefined || p.version === null || p.version === w.version)) {
        this.waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  }

  private diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri: string, text: string, version = 1): Promise<Diagnostic[]> {
    const d = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    return d;
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const d = this.diagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return d;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** utime + stime of the server process so far, in milliseconds. */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  }

  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill('SIGKILL');
    }
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
