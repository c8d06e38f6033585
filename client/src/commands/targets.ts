/**
 * Which documents a command acts on: the CodeLens's, else the one at the cursor, else all of the
 * file. The language server finds them (the client never parses YAML).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { type ManifestDocument, ManifestsRequest } from '../../../protocol/messages';

/** Where a command was asked from: a CodeLens names the document; the palette means the cursor. */
export interface ManifestTarget {
  uri?: string;
  index?: number;
}

/** `Deployment "web"`: how messages name a document. */
export const described = (m: ManifestDocument): string => `${m.kind} "${m.name}"`;

/** The documents, or undefined after telling the user why there are none to act on. */
export async function targetManifests(
  client: LanguageClient,
  action: string,
  target?: ManifestTarget,
): Promise<{ doc: vscode.TextDocument; manifests: ManifestDocument[] } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = target?.uri ?? editor?.document.uri.toString();
  const doc = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : undefined;
  if (!doc) {
    void vscode.window.showInformationMessage(`${action}: open a YAML file with a Pod or a workload first.`);
    return undefined;
  }
  const all = await client.sendRequest(ManifestsRequest, { uri: doc.uri.toString() });
  let chosen = all;
  if (target?.index !== undefined) chosen = all.filter((p) => p.index === target.index);
  else if (editor && editor.document === doc) {
    const atCursor = await client.sendRequest(ManifestsRequest, { uri: doc.uri.toString(), position: editor.selection.active });
    if (atCursor.length) chosen = atCursor;
  }
  if (chosen.length === 0) {
    void vscode.window.showInformationMessage(
      `${action}: no Pod and no workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController, PodTemplate) in ${vscode.workspace.asRelativePath(doc.uri)}.`,
    );
    return undefined;
  }
  const unnamed = chosen.find((p) => !p.name);
  if (unnamed) {
    void vscode.window.showWarningMessage(
      `${action}: the ${unnamed.kind} at line ${unnamed.range.start.line + 1} has no metadata.name; server-side apply needs one.`,
    );
    return undefined;
  }
  return { doc, manifests: chosen };
}
