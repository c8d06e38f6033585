/** Diagnostics of a file: the problems of each `---` document (check.ts), as the editor shows them. */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { SchemaModel } from '../schema/model';
import type { AnalysedFile } from './documents';
import { problemsOf } from './check';
import { SOURCE, toDiagnostic } from './diagnostics';

export function validateFile(file: AnalysedFile, model: SchemaModel): Diagnostic[] {
  return file.parts.flatMap((part) => problemsOf(part, model).map((p) => toDiagnostic(part, p, SOURCE)));
}
