/** Quick fixes: each diagnostic that knows its fix ("did you mean imagePullPolicy?") offers it. */
import { CodeAction, CodeActionKind, Diagnostic, Range } from 'vscode-languageserver-types';
import { DiagnosticData, SOURCE } from './diagnostics';
import { overlaps } from './ranges';

export function codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    if (d.source !== SOURCE || data?.replacement === undefined || !overlaps(d.range, range)) continue;
    actions.push({
      title: `Change to ${data.replacement}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: d.range, newText: data.replacement }] } },
    });
  }
  return actions;
}
