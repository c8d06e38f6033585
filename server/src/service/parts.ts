/** Finding the `---` document that holds a position. */
import type { Position } from 'vscode-languageserver-types';
import type { AnalysedFile, AnalysedPart } from './documents';

export function partAt(file: AnalysedFile, position: Position): AnalysedPart | undefined {
  const parts = file.parts;
  let lo = 0;
  let hi = parts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (parts[mid].line <= position.line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? parts[found] : undefined;
}
