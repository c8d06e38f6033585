/**
 * Diagnostics of a file: the problems of each `---` document (check.ts), as the editor shows them,
 * less those a Helm template leaves open (templateScope.ts) and those its comments silence
 * (suppress.ts).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysedFile } from './documents';
import { ModelFor, problemsOf } from './check';
import { SOURCE, toDiagnostic } from './diagnostics';
import { suppressing, suppressionsOf } from './suppress';
import { kindUnknown, openPointers, templated } from './templateScope';

/** @param silenced receives the diagnostics the comments silence, each with the comment's line (the CLI lists them) */
export function validateFile(file: AnalysedFile, models: ModelFor, silenced?: { diagnostic: Diagnostic; commentLine: number }[]): Diagnostic[] {
  return file.parts.flatMap((part) => {
    let problems = problemsOf(part, models);
    // A Helm template: what rendering could change is not said (templateScope.ts).
    const template = file.template;
    if (template) {
      if (kindUnknown(part, template)) return [];
      const open = openPointers(part, template);
      problems = problems.filter((p) => !templated(p, part, template, open));
    }
    const all = problems.map((p) => toDiagnostic(part, p, SOURCE));
    const suppressions = suppressionsOf(part);
    if (suppressions.lines.size === 0 && !suppressions.document) return all;
    return all.filter((d) => {
      const by = suppressing(d, suppressions);
      if (by) silenced?.push({ diagnostic: d, commentLine: by.line });
      return !by;
    });
  });
}
