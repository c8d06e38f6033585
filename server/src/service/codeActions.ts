/** Quick fixes: each diagnostic that knows its fix ("did you mean imagePullPolicy?") offers it. */
import { CodeAction, CodeActionKind, Diagnostic, Range } from 'vscode-languageserver-types';
import type { DiagnosticData } from './validate';
import { SOURCE } from './validate';

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

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
