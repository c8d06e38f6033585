/// <reference types="mocha" />
// Runs inside VS Code's extension host (code-server or desktop VS Code): the real extension
// API, the real language client and server. The workspace is test/vscode/workspace.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'pod-manifests.pod-manifests';

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Resolves with the diagnostics of uri once pred accepts them (bounded). */
function diagnosticsFor(uri: vscode.Uri, pred: (d: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const now = vscode.languages.getDiagnostics(uri);
      if (pred(now)) {
        done();
        resolve(now);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `no matching diagnostics for ${uri} within ${timeoutMs} ms; have: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`,
        ),
      );
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('Pod Manifests in the extension host', () => {
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await ext.activate();
  });

  it('activates', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.equal(ext.isActive, true);
    assert.equal(ext.packageJSON.name, 'pod-manifests');
  });

  it('registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.includes('podManifests.apply') && contributed.includes('podManifests.dryRun') && contributed.includes('podManifests.logs'));
    const all = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((c) => !all.has(c)),
      [],
    );
  });

  it('reports a misspelt key through vscode.languages.getDiagnostics', async () => {
    const uri = fileUri('pod.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await diagnosticsFor(uri, (d) => d.some((x) => x.message.includes('imagePullPolcy')));
    const typo = diags.find((x) => x.message.includes('imagePullPolcy'))!;
    assert.match(typo.message, /^strict decoding error: unknown field "spec\.containers\[0\]\.imagePullPolcy"/);
    assert.equal(typo.source, 'pod-manifests');
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(typo.range.start.line, 9);
    assert.equal(typo.range.start.character, 4);
  });

  it('completes container keys in the documented order (executeCompletionItemProvider)', async () => {
    const uri = fileUri('complete.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // the server has the document once its first diagnostics are there
    await diagnosticsFor(uri, (d) => d.length > 0);
    const line = doc.lineAt(7);
    assert.equal(line.text, '  - ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(7, 4));
    const keys = list.items
      .filter((i) => i.kind === vscode.CompletionItemKind.Property)
      .sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)))
      .map(labelOf);
    assert.deepEqual(keys.slice(0, 3), ['name', 'image', 'imagePullPolicy'], keys.join(', '));
    assert.ok(keys.indexOf('command') > 2 && keys.indexOf('args') > keys.indexOf('command'), keys.join(', '));
  });

  it('describes restartPolicy on hover (executeHoverProvider)', async () => {
    const uri = fileUri('pod.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc.lineAt(5);
    const col = line.text.indexOf('restartPolicy');
    assert.ok(col >= 0);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(5, col + 3));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /Restart policy for all containers within the pod/);
    assert.match(text, /spec\.restartPolicy/);
  });
});
