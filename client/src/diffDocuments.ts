/**
 * Dry run's diff: two read-only virtual documents (the live object, or nothing when it is new, and
 * the server's dry-run result) opened side by side in VS Code's diff editor.
 */
import * as vscode from 'vscode';

export const DIFF_SCHEME = 'pod-manifests-diff';

export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** `kind`: `Deployment`; `name`: `default/web`. */
  async show(kind: string, name: string, live: string, dryRun: string, liveLabel: 'live' | 'new'): Promise<void> {
    const left = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${kind.toLowerCase()}/${name}.${liveLabel}.yaml` });
    const right = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/${kind.toLowerCase()}/${name}.dry-run.yaml` });
    this.texts.set(left.toString(), live);
    this.texts.set(right.toString(), dryRun);
    this.changed.fire(left);
    this.changed.fire(right);
    const title = liveLabel === 'new' ? `${name}: new ${kind} ↔ dry run` : `${kind} ${name}: live ↔ dry run`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
