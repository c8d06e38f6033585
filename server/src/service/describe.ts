/**
 * What the docs say of a field, as Markdown, for hover and for completion items: path,
 * Kubernetes type, required, default, allowed values, the version that added it, and the
 * description exactly as the schema has it; for a Quantity value, what it amounts to.
 */
import type { Segment } from '../path/segments';
import type { ResolvedField, SchemaModel } from '../schema/model';
import { explainQuantity } from '../schema/quantity';

export function describe(resolved: ResolvedField, segments: Segment[], model: SchemaModel, valueText?: string): string {
  const { field } = resolved;
  const name = typeof segments[segments.length - 1] === 'number' ? model.fieldPath(segments) : String(segments[segments.length - 1]);
  const facts: string[] = [`\`${model.typeName(field)}\``];
  if (resolved.required) facts.push('required');
  if (field.default !== undefined) facts.push(`default \`${JSON.stringify(field.default)}\``);
  if (field.since) facts.push(`since Kubernetes ${field.since}`);
  const lines = [`**${name}** · ${facts.join(' · ')}`, '', `\`${model.fieldPath(segments)}\``];
  const item = field.kind === 'array' ? field.items : undefined;
  const allowed = field.enum ?? field.suggest ?? item?.enum ?? item?.suggest;
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
