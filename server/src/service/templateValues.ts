/**
 * `.Values` in a Helm template's actions, from the chart's values file (the adapters find it:
 * chartFiles.ts): completion of the keys after `.Values.` (and `$.Values.`), hover with a value's
 * default and its comment, go to definition to its line in the values file.
 */
import { CompletionItemKind, type CompletionList, type Hover, type Location, type Position } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { boundedCache } from '../caches';
import { LineMap } from '../yaml/lines';
import type { AnalysedFile } from './documents';

/** A chart's values file: where it is and what it says. */
export interface ChartValues {
  uri: string;
  text: string;
}

/** Each chart's values file, parsed once per text (a few charts are open at a time). */
const parsed = boundedCache<string, { text: string; doc: Document; lines: LineMap }>('chart values files', 16);
function valuesDocument(values: ChartValues) {
  const hit = parsed.get(values.uri);
  if (hit?.text === values.text) return hit;
  return parsed.set(values.uri, { text: values.text, doc: parseDocument(values.text, { prettyErrors: false }), lines: new LineMap(values.text) });
}

/** The offset of `position` in the file, when it is inside an action, with that action. */
function actionAt(file: AnalysedFile, position: Position): { offset: number; start: number; end: number } | undefined {
  if (!file.template) return undefined;
  const lines = file.source.split('\n');
  if (position.line >= lines.length) return undefined;
  let offset = position.character;
  for (let l = 0; l < position.line; l++) offset += lines[l].length + 1;
  const hit = file.template.actions.find(([s, e]) => s < offset && offset <= e);
  if (hit) return { offset, start: hit[0], end: hit[1] };
  // An action being typed, not closed yet: from its `{{` on this line to the cursor.
  const line = lines[position.line].slice(0, position.character);
  const open = line.lastIndexOf('{{');
  if (open < 0 || line.indexOf('}}', open) >= 0) return undefined;
  return { offset, start: offset - (line.length - open), end: offset };
}

/** The `.Values.a.b` path written around `offset` in an action, up to the segment under it. */
function pathAt(file: AnalysedFile, at: { offset: number; start: number; end: number }): { keys: string[]; from: number; to: number } | undefined {
  const text = file.source.slice(at.start, at.end);
  const re = /\.Values((?:\.[A-Za-z0-9_-]+)+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const from = at.start + m.index + '.Values'.length;
    const to = at.start + m.index + m[0].length;
    if (at.offset <= from || at.offset > to) continue;
    const keys: string[] = [];
    let end = from;
    for (const key of m[1].slice(1).split('.')) {
      keys.push(key);
      end += key.length + 1;
      if (end >= at.offset) return { keys, from, to: end };
    }
  }
  return undefined;
}

function nodeAt(doc: Document, keys: string[]): { key?: Node; value: unknown } | undefined {
  let value: unknown = doc.contents;
  let key: Node | undefined;
  for (const k of keys) {
    if (!isMap(value)) return undefined;
    const pair = value.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
    if (!pair) return undefined;
    key = pair.key as Node;
    value = pair.value;
  }
  return { key, value };
}

function describe(value: unknown): string {
  if (isMap(value)) return '{…}';
  if (isSeq(value)) return value.items.length ? '[…]' : '[]';
  if (isScalar(value)) return JSON.stringify(value.value);
  return 'null';
}

export function valuesCompletion(file: AnalysedFile, position: Position, valuesOf: () => ChartValues | undefined): CompletionList | undefined {
  const at = actionAt(file, position);
  const values = at && valuesOf();
  if (!at || !values) return undefined;
  const before = file.source.slice(at.start, at.offset);
  const m = /\.Values((?:\.[A-Za-z0-9_-]+)*)\.([A-Za-z0-9_-]*)$/.exec(before);
  if (!m) return undefined;
  const keys = m[1] ? m[1].slice(1).split('.') : [];
  const node = nodeAt(valuesDocument(values).doc, keys);
  if (!node || !isMap(node.value)) return { isIncomplete: false, items: [] };
  return {
    isIncomplete: false,
    items: node.value.items
      .filter((p) => isScalar(p.key) && String(p.key.value).startsWith(m[2]))
      .map((p, i) => ({
        label: String((p.key as { value: unknown }).value),
        kind: isMap(p.value) ? CompletionItemKind.Module : CompletionItemKind.Value,
        detail: describe(p.value),
        sortText: String(i).padStart(5, '0'),
        ...((p.key as Node).commentBefore ? { documentation: (p.key as Node).commentBefore!.trim() } : {}),
      })),
  };
}

export function valuesHover(file: AnalysedFile, position: Position, valuesOf: () => ChartValues | undefined): Hover | null {
  const at = actionAt(file, position);
  const path = at ? pathAt(file, at) : undefined;
  const values = path && valuesOf();
  if (!path || !values) return null;
  const node = nodeAt(valuesDocument(values).doc, path.keys);
  if (!node) return null;
  const comment = node.key?.commentBefore?.trim();
  const shown = isMap(node.value) || isSeq(node.value) ? `\n\`\`\`yaml\n${String(node.value)}\`\`\`` : ` = \`${describe(node.value)}\``;
  return { contents: { kind: 'markdown', value: `\`.Values.${path.keys.join('.')}\`${shown}${comment ? `\n\n${comment}` : ''}\n\n(the chart's values.yaml)` } };
}

export function valuesDefinition(file: AnalysedFile, position: Position, valuesOf: () => ChartValues | undefined): Location | null {
  const at = actionAt(file, position);
  const path = at ? pathAt(file, at) : undefined;
  const values = path && valuesOf();
  if (!path || !values) return null;
  const { doc, lines } = valuesDocument(values);
  const node = nodeAt(doc, path.keys);
  const range = node?.key?.range;
  if (!range) return null;
  return { uri: values.uri, range: { start: lines.positionAt(range[0]), end: lines.positionAt(range[1]) } };
}
