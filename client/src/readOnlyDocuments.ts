/**
 * Read-only virtual documents the commands open: Dry run's diff (the live object, or nothing when
 * it is new, against the server's dry-run result, side by side in VS Code's diff editor) and a
 * live object's events and conditions. Nothing is written to disk or to the user's files.
 */
import * as vscode from 'vscode';

export const READ_ONLY_SCHEME = 'pod-manifests-view';

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(READ_ONLY_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** `kind`: `Deployment`; `name`: `default/web`. */
  async diff(kind: string, name: string, live: string, dryRun: string, liveLabel: 'live' | 'new'): Promise<void> {
    const left = this.put(`/${kind.toLowerCase()}/${name}.${liveLabel}.yaml`, live);
    const right = this.put(`/${kind.toLowerCase()}/${name}.dry-run.yaml`, dryRun);
    const title = liveLabel === 'new' ? `${name}: new ${kind} ↔ dry run` : `${kind} ${name}: live ↔ dry run`;
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
  }

  /** A text in an editor of its own (`path` names it: `/deployment/default/web.events`). */
  async show(path: string, text: string): Promise<void> {
    const uri = this.put(path, text);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }

  private put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, path });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
