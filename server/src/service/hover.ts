/**
 * Hover on a key or value of a Pod: path, Kubernetes type, required, default, allowed values,
 * the version that added it, and the description exactly as the schema has it; for a Quantity
 * value, what it amounts to.
 */
import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import type { ResolvedField, SchemaModel } from '../schema/model';
import { explainQuantity } from '../schema/quantity';
import { locate, Segment } from '../yaml/locate';
import type { AnalysedFile } from './documents';
import { partAt } from './parts';
import { spanToRange } from './validate';

export function hover(file: AnalysedFile, position: Position, model: SchemaModel): Hover | null {
  const part = partAt(file, position);
  if (!part || part.class.kind !== 'pod') return null;
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

export function describe(resolved: ResolvedField, segments: Segment[], model: SchemaModel, valueText?: string): string {
  const { field } = resolved;
  const name = typeof segments[segments.length - 1] === 'number' ? model.fieldPath(segments) : String(segments[segments.length - 1]);
  const facts: string[] = [`\`${model.typeName(field)}\``];
  if (resolved.required) facts.push('required');
  if (field.default !== undefined) facts.push(`default \`${JSON.stringify(field.default)}\``);
  if (field.since) facts.push(`since Kubernetes ${field.since}`);
  const lines = [`**${name}** · ${facts.join(' · ')}`, '', `\`${model.fieldPath(segments)}\``];
  const allowed = field.enum ?? (field.kind === 'array' ? field.items?.enum : undefined);
  if (allowed) lines.push('', `Allowed values: ${allowed.map((v) => `\`${v}\``).join(', ')}`);
  if (valueText !== undefined && field.kind === 'quantity') {
    const resource = [...segments].reverse().find((s): s is string => typeof s === 'string');
    const meaning = explainQuantity(valueText.replace(/^["']|["']$/g, ''), resource === 'sizeLimit' ? 'storage' : resource);
    if (meaning) lines.push('', meaning);
  }
  const description = field.description ?? (field.kind === 'object' && field.ref ? model.type(field.ref)?.description : undefined);
  // `<` escaped as the API reference pages do, or Markdown would take `<hostname>` for HTML.
  if (description) lines.push('', '---', '', description.replace(/</g, '\\<'));
  return lines.join('\n');
}
