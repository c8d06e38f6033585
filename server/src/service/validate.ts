/**
 * Diagnostics of a file: the problems of each `---` document (check.ts), as the editor shows them,
 * less those its comments silence (suppress.ts).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysedFile } from './documents';
import { ModelFor, problemsOf } from './check';
import { SOURCE, toDiagnostic } from './diagnostics';
import { suppressing, suppressionsOf } from './suppress';

/** @param silenced receives the diagnostics the comments silence, each with the comment's line (the CLI lists them) */
export function validateFile(file: AnalysedFile, models: ModelFor, silenced?: { diagnostic: Diagnostic; commentLine: number }[]): Diagnostic[] {
  return file.parts.flatMap((part) => {
    const all = problemsOf(part, models).map((p) => toDiagnostic(part, p, SOURCE));
    const suppressions = suppressionsOf(part);
    if (suppressions.lines.size === 0 && !suppressions.document) return all;
    return all.filter((d) => {
      const by = suppressing(d, suppressions);
      if (by) silenced?.push({ diagnostic: d, commentLine: by.line });
      return !by;
    });
  });
}
