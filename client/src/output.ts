/**
 * The extension's output channel and its one way of telling the user that something failed:
 * a notification that says what happened and what to do, with the details in the channel.
 * Nothing here is given a credential: cluster errors are worded without them.
 */
import * as vscode from 'vscode';
import { ClusterError } from './cluster';

export class Output implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Pod Manifests Cluster');

  log(line: string): void {
    this.channel.appendLine(`[${new Date().toISOString()}] ${line}`);
  }

  /** One notification per failure; "Show Output" opens the details. */
  async fail(action: string, e: unknown): Promise<void> {
    const message = e instanceof Error ? e.message : String(e);
    this.log(`${action} failed: ${e instanceof ClusterError ? `[${e.kind}] ` : ''}${message}`);
    if (e instanceof Error && !(e instanceof ClusterError) && e.stack) this.log(e.stack);
    const choice = await vscode.window.showErrorMessage(`${action} failed: ${message}`, 'Show Output');
    if (choice) this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
