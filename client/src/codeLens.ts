/** "Apply · Dry run · Logs" over each Pod document, from the language server's list of Pods. */
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { PodsRequest } from '../../protocol/messages';

export class PodCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  /** Trust or the server's state changed: VS Code asks again. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || this.client.state !== State.Running) return [];
    const pods = await this.client.sendRequest(PodsRequest, { uri: doc.uri.toString() }, token);
    return pods.flatMap((pod) => {
      const line = new vscode.Range(pod.range.start.line, 0, pod.range.start.line, 0);
      const target = { uri: doc.uri.toString(), index: pod.index };
      return [
        new vscode.CodeLens(line, { title: 'Apply', command: 'podManifests.apply', arguments: [target], tooltip: `Server-side apply of Pod "${pod.name}"` }),
        new vscode.CodeLens(line, {
          title: 'Dry run',
          command: 'podManifests.dryRun',
          arguments: [target],
          tooltip: 'What the server would store, as a diff; nothing changes',
        }),
        new vscode.CodeLens(line, { title: 'Logs', command: 'podManifests.logs', arguments: [target], tooltip: `Follow the logs of Pod "${pod.name}"` }),
      ];
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
