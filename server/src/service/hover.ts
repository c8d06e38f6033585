/**
 * Hover on a key or value of a Pod or workload: what describe.ts says of the field there.
 */
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { kindOf, ModelFor } from './check';
import { locate } from '../yaml/locate';
import { describe } from './describe';
import type { AnalysedFile } from './documents';
import { partAt } from './parts';
import { spanToRange } from './ranges';

export function hover(file: AnalysedFile, position: Position, models: ModelFor): Hover | null {
  const part = partAt(file, position);
  if (!part || part.class.kind !== 'object') return null;
  const model = models(kindOf(part));
  const offset = part.parsed.lines.offsetAt({ line: position.line - part.line, character: position.character });
  const loc = locate(part.parsed.ast, offset);
  if (loc.segments.length === 0) return null;
  const resolved = model.resolve(loc.segments);
  if (!resolved) return null;
  const node = loc.node;
  const valueText = loc.role === 'value' && node && 'source' in node && typeof node.source === 'string' ? node.source : undefined;
  const range = node?.range ? spanToRange(part, { start: node.range[0], end: node.range[1] }) : undefined;
  return {
    contents: { kind: MarkupKind.Markdown, value: describe(resolved, loc.segments, model, valueText) },
    ...(range ? { range } : {}),
  };
}
