/** Finding the `---` document that holds a position. */
import type { Position } from 'vscode-languageserver-types';
import { lastAtOrBefore } from '../bisect';
import type { AnalysedFile, AnalysedPart } from './documents';

export function partAt(file: AnalysedFile, position: Position): AnalysedPart | undefined {
  const found = lastAtOrBefore(file.parts, (part) => part.line, position.line);
  return found >= 0 ? file.parts[found] : undefined;
}
