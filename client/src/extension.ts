/**
 * The extension's entry point: starts the Pod language server, adds the cluster commands, and
 * owns everything it creates (context.subscriptions). Activation errors are shown to the user.
 */
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { ClusterSchemaSync } from './clusterSchema';
import { ClusterSession } from './clusterSession';
import { PodCodeLens } from './codeLens';
import { apply, CommandContext, dryRun, logs, logsWithOptions, PodTarget } from './commands/podCommands';
import { clearToken, setToken, stopLogs, switchContext, switchNamespace } from './commands/sessionCommands';
import { DiffDocuments } from './diffDocuments';
import { LogTerminals } from './logTerminals';
import { Output } from './output';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every YAML and JSON file: the server finds the Pod documents in them by their content.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'untitled', language: 'json' },
    ],
    synchronize: { configurationSection: 'podManifests' },
    outputChannelName: 'Pod Manifests',
  };
  client = new LanguageClient('podManifests', 'Pod Manifests', serverOptions, clientOptions);
  const output = new Output();
  const session = new ClusterSession(context.secrets);
  const diffs = new DiffDocuments();
  const logTerminals = new LogTerminals();
  const codeLens = new PodCodeLens(client);
  const schema = new ClusterSchemaSync(client, session, output, context.globalStorageUri.fsPath);
  const ctx: CommandContext = { client, session, output, diffs, logs: logTerminals };
  const command = (id: string, run: (target?: PodTarget) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    client,
    output,
    session,
    diffs,
    logTerminals,
    schema,
    session.onDidChange(() => void schema.sync()),
    command('podManifests.apply', (t) => apply(ctx, t)),
    command('podManifests.dryRun', (t) => dryRun(ctx, t)),
    command('podManifests.logs', (t) => logs(ctx, t)),
    command('podManifests.logsWithOptions', (t) => logsWithOptions(ctx, t)),
    command('podManifests.stopLogs', () => stopLogs(ctx)),
    command('podManifests.setApiToken', () => setToken(ctx)),
    command('podManifests.clearApiToken', () => clearToken(ctx)),
    command('podManifests.switchContext', () => switchContext(ctx)),
    command('podManifests.switchNamespace', () => switchNamespace(ctx)),
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }, { language: 'json' }], codeLens),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      session.reset();
      codeLens.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('podManifests.api')) session.reset();
      else if (e.affectsConfiguration('podManifests.kubernetesVersion')) void schema.sync();
    }),
  );
  void session.refreshStatusBar();
  try {
    await client.start();
    codeLens.refresh();
    await schema.sync();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Pod Manifests: the language server did not start: ${message}`, 'Show Output').then((choice) => {
      if (choice) client?.outputChannel.show();
    });
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
