/**
 * The extension's entry point: wires the language client, the cluster session and the commands
 * together, and nothing else. context.subscriptions owns everything made here except the
 * language client, which deactivate() stops (VS Code waits for that, so the server exits
 * cleanly). A failure while activating is shown to the user, not only logged.
 */
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../protocol/settings';
import { ClusterSchemaSync } from './clusterSchema';
import { ClusterSession } from './clusterSession';
import { PodCodeLens } from './codeLens';
import { COMMANDS, registerCommands } from './commands';
import { ReadOnlyDocuments } from './readOnlyDocuments';
import { LiveStatuses } from './liveStatuses';
import { LogTerminals } from './logTerminals';
import { Output } from './output';
import { PodSecurityStatus } from './podSecurityStatus';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  let wired: { schema: ClusterSchemaSync; podSecurity: PodSecurityStatus };
  try {
    client = languageClient(context);
    wired = wire(context, client);
  } catch (e) {
    showFailure('Pod Manifests could not start', e);
    return;
  }
  try {
    await client.start();
    await wired.podSecurity.clusterChanged();
    await wired.schema.sync();
  } catch (e) {
    showFailure('Pod Manifests: the language server did not start', e);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Makes the cluster session, the commands and the CodeLens, and gives them all to context.subscriptions. */
function wire(context: vscode.ExtensionContext, client: LanguageClient): { schema: ClusterSchemaSync; podSecurity: PodSecurityStatus } {
  const output = new Output();
  const session = new ClusterSession(context.secrets);
  const live = new LiveStatuses(client, output);
  const codeLens = new PodCodeLens(client, live);
  const schema = new ClusterSchemaSync(client, session, output, context.globalStorageUri.fsPath);
  const podSecurity = new PodSecurityStatus(client, session, output);
  const commands = { client, session, output, views: new ReadOnlyDocuments(), logs: new LogTerminals(), live, podSecurity };
  context.subscriptions.push(
    output,
    session,
    commands.views,
    commands.logs,
    podSecurity,
    codeLens,
    // After the CodeLens: its last reports clear what the watches showed while the server still runs.
    live,
    schema,
    ...registerCommands(commands, COMMANDS),
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }, { language: 'json' }, { language: 'helm' }], codeLens),
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) codeLens.refresh();
    }),
    session.onDidChange(() => void schema.sync()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      session.reset();
      codeLens.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.api`)) session.reset();
      else if (e.affectsConfiguration(`${SETTINGS_SECTION}.kubernetesVersion`)) void schema.sync();
    }),
  );
  void session.refreshStatusBar();
  return { schema, podSecurity };
}

function languageClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}');
  context.subscriptions.push(watcher);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every YAML and JSON file: the server finds the Pod documents in them by their content. And
    // `helm`, the language the Kubernetes extension gives chart templates: they are ours too.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'helm' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'json' },
    ],
    // YAML and JSON files changed outside the editor: their Namespace documents (Pod Security).
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: watcher },
    outputChannelName: 'Pod Manifests',
  };
  return new LanguageClient('podManifests', 'Pod Manifests', serverOptions, clientOptions);
}

function showFailure(what: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  void vscode.window.showErrorMessage(`${what}: ${message}`, 'Show Output').then((choice) => {
    if (choice) client?.outputChannel.show();
  });
}
