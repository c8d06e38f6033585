/**
 * "Apply · Dry run · Logs" over each Pod and workload document, from the language server's list
 * (no Logs over a PodTemplate: it makes no Pods of its own).
 */
import * as vscode from 'vscode';
import { type LanguageClient, State } from 'vscode-languageclient/node';
import { ManifestsRequest } from '../../protocol/messages';
import { described } from './commands/targets';
import type { LiveStatuses } from './liveStatuses';

export class PodCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  private readonly liveChanged: vscode.Disposable;

  constructor(
    private readonly client: LanguageClient,
    private readonly live: LiveStatuses,
  ) {
    this.liveChanged = live.onDidChange(() => this.refresh());
  }

  /** Trust or the server's state changed: VS Code asks again. */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || this.client.state !== State.Running) return [];
    const manifests = await this.client.sendRequest(ManifestsRequest, { uri: doc.uri.toString() }, token);
    return manifests.flatMap((m) => {
      const line = new vscode.Range(m.range.start.line, 0, m.range.start.line, 0);
      const target = { uri: doc.uri.toString(), index: m.index };
      const lenses = [
        new vscode.CodeLens(line, { title: 'Apply', command: 'podManifests.apply', arguments: [target], tooltip: `Server-side apply of ${described(m)}` }),
        new vscode.CodeLens(line, {
          title: 'Dry run',
          command: 'podManifests.dryRun',
          arguments: [target],
          tooltip: 'What the server would store, as a diff; nothing changes',
        }),
      ];
      if (m.kind !== 'PodTemplate')
        lenses.push(
          new vscode.CodeLens(line, {
            title: 'Logs',
            command: 'podManifests.logs',
            arguments: [target],
            tooltip: m.kind === 'Pod' ? `Follow the logs of ${described(m)}` : `Follow the logs of the Pods of ${described(m)}`,
          }),
        );
      // The live state once watched (after Apply, or Watch Live Status); a click shows the events and conditions.
      const state = this.live.stateOf(doc.uri.toString(), m);
      if (state)
        lenses.push(
          new vscode.CodeLens(line, {
            title: `${state.failed ? '$(debug-disconnect)' : '$(pulse)'} ${state.summary}`,
            command: 'podManifests.showEvents',
            arguments: [target],
            tooltip: state.failed ? `Watching stopped: ${state.failed}` : 'Live, from the cluster: click for its events and conditions',
          }),
        );
      return lenses;
    });
  }

  dispose(): void {
    this.liveChanged.dispose();
    this.changed.dispose();
  }
}
