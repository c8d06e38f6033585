/**
 * Quick fixes: each diagnostic that knows its fix ("did you mean imagePullPolicy?") offers it,
 * and every diagnostic of ours can be silenced on its line or in its document, by the comment
 * suppress.ts reads (added to one that is there already).
 */
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { DiagnosticData, SOURCE } from './diagnostics';
import type { AnalysedFile } from './documents';
import { partAt } from './parts';
import { overlaps } from './ranges';
import { DISABLE, DISABLE_NEXT_LINE, parseDirective } from './suppress';
import { securityFixes } from './securityFixes';

export function codeActions(file: AnalysedFile, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const lines = file.text.split('\n');
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  for (const d of diagnostics) {
    if (d.source !== SOURCE || !overlaps(d.range, range)) continue;
    const data = d.data as DiagnosticData | undefined;
    if (data?.replacement !== undefined) {
      actions.push({
        title: `Change to ${data.replacement}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [file.uri]: [{ range: d.range, newText: data.replacement }] } },
      });
    }
    const code = d.code === undefined ? '' : String(d.code);
    if (!code) continue;
    const fixed = partAt(file, d.range.start);
    if (fixed) actions.push(...securityFixes(file, fixed, d));
    const line = d.range.start.line;
    actions.push({
      title: `Disable ${code} on this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [file.uri]: [directiveEdit(lines, eol, line - 1, line, DISABLE_NEXT_LINE, code)] } },
    });
    const part = partAt(file, d.range.start);
    if (!part) continue;
    // At the top of the document: after its `---` line and the comments that head it.
    let top = part.line;
    if (/^---(\s|$)/.test(lines[top] ?? '')) top++;
    let existing = -1;
    while (top < lines.length && /^\s*#/.test(lines[top])) {
      const directive = parseDirective(lines[top]);
      if (directive && !directive.nextLine) existing = top;
      top++;
    }
    actions.push({
      title: `Disable ${code} in this document`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: { changes: { [file.uri]: [directiveEdit(lines, eol, existing, top, DISABLE, code)] } },
    });
  }
  // A fix that answers several diagnostics (one container's four findings) is offered once.
  const seen = new Map<string, CodeAction>();
  return actions.filter((a) => {
    const key = `${a.title}\0${JSON.stringify(a.edit)}`;
    const first = seen.get(key);
    if (!first) return (seen.set(key, a), true);
    first.diagnostics = [...(first.diagnostics ?? []), ...(a.diagnostics ?? [])];
    return false;
  });
}

/** Adds `code` to the directive on line `existing` when it is one of `kind` naming codes, else inserts a new one before line `at`. */
function directiveEdit(lines: string[], eol: string, existing: number, at: number, kind: string, code: string): TextEdit {
  const current = existing >= 0 ? parseDirective(lines[existing] ?? '') : undefined;
  if (current && current.nextLine === (kind === DISABLE_NEXT_LINE) && current.codes !== 'all') {
    const text = lines[existing];
    const end = text.replace(/\s--\s.*$/, '').trimEnd().length;
    return { range: { start: { line: existing, character: end }, end: { line: existing, character: end } }, newText: ` ${code}` };
  }
  const indent = /^\s*/.exec(lines[at] ?? '')?.[0] ?? '';
  return { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `${indent}# ${kind} ${code}${eol}` };
}
