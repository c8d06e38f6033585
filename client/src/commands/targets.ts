/**
 * Which Pods a command acts on: the CodeLens's, else the one at the cursor, else all of the file.
 * The language server finds them (the client never parses YAML).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type PodDocument, PodsRequest } from '../../../protocol/messages';

/** Where a command was asked from: a CodeLens names the document; the palette means the cursor. */
export interface PodTarget {
  uri?: string;
  index?: number;
}

/** The Pods, or undefined after telling the user why there are none to act on. */
export async function targetPods(
  client: LanguageClient,
  action: string,
  target?: PodTarget,
): Promise<{ doc: vscode.TextDocument; pods: PodDocument[] } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = target?.uri ?? editor?.document.uri.toString();
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
  if (!doc) {
    void vscode.window.showInformationMessage(`${action}: open a YAML file with a Pod first.`);
    return undefined;
  }
  const all = await client.sendRequest(PodsRequest, { uri: doc.uri.toString() });
  let pods = all;
  if (target?.index !== undefined) pods = all.filter((p) => p.index === target.index);
  else if (editor && editor.document === doc) {
    const atCursor = await client.sendRequest(PodsRequest, { uri: doc.uri.toString(), position: editor.selection.active });
    if (atCursor.length) pods = atCursor;
  }
  if (pods.length === 0) {
    void vscode.window.showInformationMessage(`${action}: no Pod (apiVersion: v1, kind: Pod) in ${vscode.workspace.asRelativePath(doc.uri)}.`);
    return undefined;
  }
  const unnamed = pods.find((p) => !p.name);
  if (unnamed) {
    void vscode.window.showWarningMessage(`${action}: the Pod at line ${unnamed.range.start.line + 1} has no metadata.name; server-side apply needs one.`);
    return undefined;
  }
  return { doc, pods };
}
