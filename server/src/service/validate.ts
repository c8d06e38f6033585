/** Diagnostics of a file: the problems of each `---` document (check.ts), as the editor shows them. */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalysedFile } from './documents';
import { ModelFor, problemsOf } from './check';
import { SOURCE, toDiagnostic } from './diagnostics';

export function validateFile(file: AnalysedFile, models: ModelFor): Diagnostic[] {
  return file.parts.flatMap((part) => problemsOf(part, models).map((p) => toDiagnostic(part, p, SOURCE)));
}
