/**
 * A minimal LSP client, shared by the protocol tests and the bench (bench/lsp.ts): spawns a
 * language server over stdio the way any editor would (by default ours, `node dist/server.js
 * --stdio`), speaks JSON-RPC over its stdio, answers the server's requests as a plain editor does,
 * and lets the caller await what the server publishes.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER = resolve(__dirname, '..', '..', 'dist', 'server.js');

/** How to start a language server over stdio. */
export interface ServerCommand {
  name: string;
  command: string;
  args: string[];
}

/** Ours, as built by `npm run build`. */
export const POD_MANIFESTS: ServerCommand = { name: 'pod-manifests', command: process.execPath, args: [SERVER, '--stdio'] };

export interface ClientOptions {
  /** The server to spawn (default: ours). */
  server?: ServerCommand;
  snippets?: boolean;
  /** The client's settings by section (`{podManifests: {kubernetesVersion: '1.30'}}`), answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Whether the client has workspace/configuration (default: when it has settings). */
  pull?: boolean;
  /** Push the settings with workspace/didChangeConfiguration after `initialized`, as clients without workspace/configuration do. */
  push?: boolean;
  initializationOptions?: Record<string, unknown>;
  /** The workspace folder (a directory), if any. */
  workspaceFolder?: string;
  /** The server's stderr: shown (default) or dropped. */
  stderr?: 'inherit' | 'ignore';
}

export class LspClient {
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: { uri: string; version?: number; resolve: (d: Diagnostic[]) => void }[] = [];
  private readonly exit: Promise<number | null>;
  private exited = false;
  /** performance.now() right after the spawn. */
  readonly spawnedAt: number;
  /** The server's error messages (window/logMessage of type Error): a feature that threw, say. */
  readonly loggedErrors: string[] = [];
  initializeResult!: InitializeResult;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private readonly options: ClientOptions,
  ) {
    this.spawnedAt = performance.now();
    this.exit = new Promise((resolve) =>
      process.once('exit', (code) => {
        this.exited = true;
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Spawns the server and listens, without initializing it. */
  static spawn(options: ClientOptions = {}): LspClient {
    const server = options.server ?? POD_MANIFESTS;
    if (server === POD_MANIFESTS && !existsSync(SERVER)) throw new Error(`no ${SERVER}: run npm run build first`);
    const child = spawn(server.command, server.args, { stdio: ['pipe', 'pipe', options.stderr ?? 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection, { ...options });
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => client.onDiagnostics(p));
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((item) => (item.section ? (client.options.settings?.[item.section] ?? null) : null)),
    );
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
      connection.onRequest(method, () => null);
    }
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      if (p.type === 1) client.loggedErrors.push(p.message);
    });
    for (const method of ['window/showMessage', 'telemetry/event', '$/progress']) connection.onNotification(method, () => undefined);
    connection.listen();
    return client;
  }

  /** Spawns and initializes the server. */
  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const client = LspClient.spawn(options);
    await client.initialize();
    return client;
  }

  /** initialize → initialized (→ settings pushed); resolves with the wall time from the spawn to initialize's answer. */
  async initialize(): Promise<number> {
    const pull = this.options.pull ?? this.options.settings !== undefined;
    this.initializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.options.workspaceFolder ? pathToFileURL(this.options.workspaceFolder).href : null,
      workspaceFolders: this.options.workspaceFolder ? [{ uri: pathToFileURL(this.options.workspaceFolder).href, name: 'workspace' }] : null,
      initializationOptions: this.options.initializationOptions,
      capabilities: {
        workspace: { configuration: pull, didChangeConfiguration: { dynamicRegistration: pull } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          completion: { completionItem: { snippetSupport: this.options.snippets ?? true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { versionSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    const at = performance.now() - this.spawnedAt;
    await this.connection.sendNotification('initialized', {});
    if (this.options.push && this.options.settings)
      await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.options.settings });
    return at;
  }

  private onDiagnostics(p: PublishDiagnosticsParams) {
    this.published.set(p.uri, p);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      // A server that does not version its publications (yaml-language-server): the next one after the change is the answer.
      if (w.uri === p.uri && (w.version === undefined || p.version === undefined || p.version === null || p.version === w.version)) {
        this.waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  }

  /** The diagnostics of `uri` at `version`: already published, or the next publication of them. */
  nextDiagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    const already = this.published.get(uri);
    if (already && already.version === version) return Promise.resolve(already.diagnostics);
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  /** The next diagnostics the server publishes for `uri`, whatever their version. */
  nextPublication(uri: string): Promise<Diagnostic[]> {
    return new Promise((resolve) => this.waiters.push({ uri, resolve }));
  }

  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return published;
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const published = this.nextDiagnostics(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return published;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** New settings by section, pushed with workspace/didChangeConfiguration, or (push false) only announced, for the server to pull. */
  async setSettings(settings: Record<string, unknown>, push: boolean): Promise<void> {
    this.options.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: push ? settings : null });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /**
   * shutdown → exit; resolves with the exit code. With `killAfterMs`, a server that has not
   * exited by then is killed (null): for servers under measurement, not under test.
   */
  async stop(killAfterMs?: number): Promise<number | null> {
    if (this.exited) return this.exit;
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => this.process.kill('SIGKILL'), killAfterMs);
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), this.exit]);
      if (!this.exited) await this.connection.sendNotification('exit');
    } catch (e) {
      if (killAfterMs === undefined) throw e;
      this.process.kill('SIGKILL');
    }
    const code = await this.exit;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
