/**
 * Completion in half-typed YAML. The cursor's place is found from the cached parse: a block key's
 * parent is the nearest line above with a smaller key column (lines are checked against the parse,
 * so block-scalar text never passes for a key). Only flow collections (`{…}`) are parsed again,
 * with a placeholder at the cursor.
 */
import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, InsertTextMode, MarkupKind, Position } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, parseDocument, YAMLMap } from 'yaml';
import type { SchemaModel } from '../schema/model';
import { KINDS, knownApiVersions, servedApiVersions } from '../schema/kinds';
import { kindOf, ModelFor } from './check';
import { SKELETONS } from './skeletons';
import type { Field } from '../schema/types';
import type { JsonValue } from '../yaml/decode';
import type { Segment } from '../path/segments';
import { keyAt, keyName, locate } from '../yaml/locate';
import type { AnalysedFile, AnalysedPart } from './documents';
import { describe } from './describe';
import { KEY_ORDER, NEW_ITEM_KEYS, RESOURCE_NAMES } from './keyOrder';
import { partAt } from './parts';
import { labelKeys, valueNames } from './nameCompletion';
import { ObjectNames, objectValueNames } from './objectReferences';

export interface CompletionOptions {
  /** Whether the client takes snippets (`${1:name}`); plain text otherwise. Default true. */
  snippets?: boolean;
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const WORD = /[A-Za-z0-9_./-]/;
const PLACEHOLDER = 'x__pod_manifests_cursor__x';

interface Context {
  part: AnalysedPart;
  model: SchemaModel;
  snippets: boolean;
  /** Line and columns of the word the completion replaces. */
  line: number;
  wordStart: number;
  wordEnd: number;
  word: string;
  /** The whole word around the cursor, which the completion replaces. */
  fullWord: string;
  /** Whether the text after the word already has `:` (renaming a key: insert the name only). */
  keyFollows: boolean;
  /** Column that keys at the cursor's level start at. */
  keyColumn: number;
  flow: boolean;
  /** Inside "…" (JSON): keys and string values are inserted with their quotes. */
  quoted: boolean;
  objects?: ObjectNames;
}

/** @param objects the workspace's ConfigMaps, Secrets, claims and ServiceAccounts, for the names that point at them */
export function complete(file: AnalysedFile, position: Position, models: ModelFor, options: CompletionOptions = {}, objects?: ObjectNames): CompletionList {
  const part = partAt(file, position);
  if (!part || !looksLikeOurs(part)) return EMPTY;
  const model = models(kindOf(part));
  const lines = part.parsed.lines;
  const localLine = position.line - part.line;
  const lineText = lines.lineText(localLine);
  const char = Math.min(position.character, lineText.length);
  if (inComment(lineText, char)) return EMPTY;
  let wordStart = char;
  while (wordStart > 0 && WORD.test(lineText[wordStart - 1])) wordStart--;
  let wordEnd = char;
  while (wordEnd < lineText.length && WORD.test(lineText[wordEnd])) wordEnd++;
  const word = lineText.slice(wordStart, char);
  const prefix = lineText.slice(0, wordStart);
  const after = lineText.slice(wordEnd);
  const ctx: Context = {
    part,
    model,
    snippets: options.snippets !== false,
    line: position.line,
    wordStart,
    wordEnd,
    word,
    fullWord: lineText.slice(wordStart, wordEnd),
    keyFollows: /^\s*:/.test(after),
    keyColumn: wordStart,
    flow: false,
    quoted: false,
    objects,
  };
  const lineOffset = lines.lineStart(localLine);

  const blockKey = /^(\s*)((?:-[ \t]+)*)$/.exec(prefix);
  if (blockKey && !word.startsWith('-')) {
    if (isEmptyDocument(part, localLine)) return list([...skeletons(ctx), ...keyItems(ctx, [], new Set())]);
    const target = blockKeyParent(part, localLine, wordStart, blockKey[2].length > 0);
    if (!target) return EMPTY;
    const listItems = target.openList ? itemsForParent(ctx, target.openList, new Set()).filter((i) => i.kind === CompletionItemKind.Snippet) : [];
    return list([...listItems, ...itemsForParent(ctx, target.segments, target.siblings)]);
  }
  const blockValue = /^(\s*)((?:-[ \t]+)*)([^\s#{[][^#]*?)[ \t]*:[ \t]+$/.exec(prefix);
  if (blockValue) {
    const key = keyAt(part.parsed.ast, lineOffset + blockValue[1].length + blockValue[2].length);
    if (key) return list(valueItems(ctx, key.segments));
  }
  if (/[{,:[][ \t]*$/.test(prefix)) return list(flowItems(ctx, lineOffset));
  // JSON, or a quoted key or value: the cursor inside "…" that follows `{`, `,` or `:`.
  if (prefix.endsWith('"') && /[{,:]/.test(previousNonSpace(part.parsed.text, lineOffset + wordStart - 1))) {
    ctx.quoted = true;
    ctx.wordStart = wordStart - 1;
    ctx.wordEnd = lineText[wordEnd] === '"' ? wordEnd + 1 : wordEnd;
    ctx.keyFollows = /^\s*:/.test(lineText.slice(ctx.wordEnd));
    return list(flowItems(ctx, lineOffset));
  }
  return EMPTY;
}

/** The character before `offset` that is not white space (across lines), or ''. */
function previousNonSpace(text: string, offset: number): string {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i >= 0 ? text[i] : '';
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

/** A Pod or workload, or a document on its way to becoming one (empty, or only top-level keys so far). */
function looksLikeOurs(part: AnalysedPart): boolean {
  if (part.class.kind !== 'other') return true;
  const value = part.parsed.decoded?.value;
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return /^[\w-]*$/.test(value);
  if (typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as { [k: string]: JsonValue };
  if (v.kind !== undefined && v.kind !== null) return false;
  if (v.apiVersion !== undefined && v.apiVersion !== null && !KINDS.some((k) => knownApiVersions(k).includes(String(v.apiVersion)))) return false;
  const podKeys = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  return Object.entries(v).every(([k, val]) => podKeys.has(k) || val === null);
}

function isEmptyDocument(part: AnalysedPart, cursorLine: number): boolean {
  const lines = part.parsed.lines;
  for (let i = 0; i < lines.lineCount; i++) {
    if (i === cursorLine) continue;
    const t = lines.lineText(i).trim();
    if (t && !t.startsWith('#') && !/^(---|\.\.\.)$/.test(t) && !t.startsWith('%')) return false;
  }
  return true;
}

function inComment(line: string, char: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < char; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return true;
  }
  return false;
}

interface Parent {
  segments: Segment[];
  siblings: Set<string>;
  /** An empty key just above at the same column, which a new list item could also belong to. */
  openList?: Segment[];
}

function previousContentLine(part: AnalysedPart, line: number): number {
  for (let l = line - 1; l >= 0; l--) if (!lineShape(part.parsed.lines.lineText(l)).blank) return l;
  return -1;
}

/** Splits a line into its indentation, `- ` markers and the column its content starts at. */
function lineShape(text: string): { lead: number; dashes: number; keyColumn: number; blank: boolean } {
  const lead = /^ */.exec(text)![0].length;
  const dashes = /^((?:-[ \t]+)*)/.exec(text.slice(lead))![1].length;
  const rest = text.slice(lead + dashes);
  return { lead, dashes, keyColumn: lead + dashes, blank: rest.trim() === '' || rest.trimStart().startsWith('#') };
}

/**
 * The mapping a key typed at (line, column) belongs to, by YAML's indentation rules, checked
 * against the parse: a line counts only where the parse has a key at its content column.
 */
function blockKeyParent(part: AnalysedPart, line: number, column: number, hasDash: boolean): Parent | undefined {
  const { lines, ast } = part.parsed;
  const current = lineShape(lines.lineText(line));
  const dashColumn = hasDash ? current.lead + current.dashes - 2 : -1;
  // Items of an indentless list (`- name: a` at this very column) seen on the way up.
  let listItemsAtColumn = false;
  for (let l = line - 1; l >= 0; l--) {
    const text = lines.lineText(l);
    const shape = lineShape(text);
    if (shape.blank) continue;
    if (!hasDash && shape.dashes > 0 && shape.lead === column) listItemsAtColumn = true;
    const key = keyAt(ast, lines.lineStart(l) + shape.keyColumn);
    if (hasDash) {
      if (!key) continue;
      // A new item: an earlier item at the same dash column is a sibling (its path ends in
      // [index, key]); a key at or left of the dash owns the list (`containers:` + `- `).
      if (shape.dashes > 0 && shape.lead === dashColumn) return { segments: key.segments.slice(0, -1), siblings: siblingsAt(part, line, column) };
      if (shape.keyColumn < dashColumn || (shape.keyColumn === dashColumn && shape.dashes === 0)) {
        return { segments: [...key.segments, 0], siblings: siblingsAt(part, line, column) };
      }
      continue;
    }
    if (!key) continue;
    if (shape.keyColumn === column) {
      // Right under `containers:`, or after its last indentless item, a new `- ` item fits too.
      const emptyKeyJustAbove = l === previousContentLine(part, line) && isEmptyValue(key.pair.value);
      const openList = emptyKeyJustAbove || (listItemsAtColumn && isSeq(key.pair.value)) ? key.segments : undefined;
      return { segments: key.segments.slice(0, -1), siblings: keysOf(key.map), openList };
    }
    if (shape.keyColumn < column) {
      const value = key.pair.value;
      return { segments: key.segments, siblings: isMap(value) ? keysOf(value) : new Set() };
    }
    // Deeper content of an earlier sibling, or a list at this column: keep looking up.
  }
  if (hasDash) return undefined;
  return { segments: [], siblings: isMap(ast.contents) ? keysOf(ast.contents as YAMLMap) : new Set() };
}

/** Keys already in the list item the cursor's line starts (`- |` with keys below it). */
function siblingsAt(part: AnalysedPart, line: number, column: number): Set<string> {
  const offset = part.parsed.lines.lineStart(line) + column;
  const loc = locate(part.parsed.ast, offset);
  return loc.map ? keysOf(loc.map) : new Set();
}

function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && !node.source && (node.value === null || node.value === ''));
}

function keysOf(map: YAMLMap, except?: Segment): Set<string> {
  const keys = new Set<string>();
  for (const p of map.items) {
    const k = keyName(p.key);
    if (k !== undefined && k !== except) keys.add(k);
  }
  return keys;
}

function itemsForParent(ctx: Context, segments: Segment[], siblings: Set<string>): CompletionItem[] {
  const resolved = ctx.model.resolve(segments);
  if (!resolved) return [];
  siblings.delete(ctx.fullWord);
  const field = resolved.field;
  if (field.kind === 'object') return keyItems(ctx, segments, siblings);
  if (field.kind === 'array' && field.items) return newItemCompletions(ctx, field.items);
  const labels = field.kind === 'map' ? labelKeys(ctx.part, segments) : undefined;
  if (labels) {
    return labels
      .filter(([k]) => !siblings.has(k))
      .map(([k, v], i) => ({
        label: `${k}: ${v}`,
        filterText: ctx.quoted ? `"${k}"` : k,
        kind: CompletionItemKind.Property,
        sortText: String(i).padStart(4, '0'),
        ...edit(ctx, ctx.quoted ? `${JSON.stringify(k)}: ${JSON.stringify(v)}` : `${k}: ${v}`, false),
      }));
  }
  if (field.kind === 'map' && (segments[segments.length - 1] === 'limits' || segments[segments.length - 1] === 'requests')) {
    return RESOURCE_NAMES.filter((r) => !siblings.has(r)).map((r, i) => ({
      label: r,
      kind: CompletionItemKind.Property,
      sortText: String(i).padStart(4, '0'),
      ...(ctx.quoted ? { filterText: `"${r}"` } : {}),
      ...edit(ctx, ctx.quoted ? `"${r}"${ctx.keyFollows ? '' : ': '}` : ctx.keyFollows ? r : `${r}: `, false),
    }));
  }
  return [];
}

/** Keys of the object at `segments`, minus those present, in the order users expect. */
function keyItems(ctx: Context, segments: Segment[], siblings: Set<string>): CompletionItem[] {
  const resolved = ctx.model.resolve(segments);
  const typeName = resolved?.field.kind === 'object' ? resolved.field.ref : undefined;
  const type = typeName ? ctx.model.type(typeName) : undefined;
  if (!type || !typeName) return [];
  const names = orderedKeys(typeName, Object.keys(type.properties), type.required ?? [], type.properties);
  return names
    .filter((n) => !siblings.has(n))
    .map((name, rank) => {
      const field = type.properties[name];
      const required = type.required?.includes(name) ?? false;
      const path = [...segments, name];
      return {
        label: name,
        kind: CompletionItemKind.Property,
        detail: `${ctx.model.typeName(field)}${required ? ' (required)' : ''}`,
        documentation: { kind: MarkupKind.Markdown, value: describe({ field, required, parent: typeName, name }, path, ctx.model) },
        sortText: String(rank).padStart(4, '0'),
        ...(isDeprecated(field) ? { tags: [1 as const] } : {}),
        ...(ctx.quoted ? { filterText: `"${name}"` } : {}),
        ...edit(
          ctx,
          ctx.quoted ? `"${name}"${ctx.keyFollows ? '' : ': '}` : ctx.keyFollows ? name : keySnippet(ctx, name, field),
          !ctx.keyFollows && !ctx.quoted,
        ),
      };
    });
}

function orderedKeys(typeName: string, all: string[], required: string[], props: Record<string, Field>): string[] {
  const preferred = KEY_ORDER[typeName] ?? [];
  // The curated order first (it is the docs' order: `replicas` before the required `selector`),
  // then required keys, then the rest; deprecated ones last within each.
  const rank = (n: string) => {
    const p = preferred.indexOf(n);
    const r = p >= 0 ? 0 : required.includes(n) ? 1 : 2;
    const d = isDeprecated(props[n]) ? 1 : 0;
    return [r, d, p < 0 ? preferred.length : p] as const;
  };
  return [...all].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || (a < b ? -1 : a > b ? 1 : 0);
  });
}

function isDeprecated(field: Field): boolean {
  return /^(deprecated|deprecated:)/i.test(field.description ?? '') || /\bDEPRECATED\b/.test(field.description ?? '');
}

const pad = (n: number) => ' '.repeat(n);

/** `key: `, or `key:` + newline and indentation as the field's type needs. */
function keySnippet(ctx: Context, name: string, field: Field): string {
  const col = ctx.keyColumn;
  if (ctx.flow) return `${name}: `;
  switch (field.kind) {
    case 'object':
    case 'map':
    case 'any':
      return `${name}:\n${pad(col + 2)}$0`;
    case 'array': {
      const item = field.items;
      if (item?.kind === 'object' && item.ref) {
        const keys = newItemKeys(ctx.model, item.ref);
        if (keys.length) {
          const body = keys.map((k, i) => `${i === 0 ? '- ' : pad(col + 4)}${k}: $${i + 1}`).join('\n');
          return `${name}:\n${pad(col + 2)}${body}`;
        }
      }
      return `${name}:\n${pad(col + 2)}- $0`;
    }
    case 'boolean':
      return `${name}: \${1|true,false|}`;
    case 'string': {
      const values = field.enum ?? field.suggest;
      return values ? `${name}: \${1|${values.join(',')}|}` : `${name}: $0`;
    }
    default:
      return `${name}: $0`;
  }
}

function newItemKeys(model: SchemaModel, ref: string): string[] {
  const type = model.type(ref);
  const keys = [...(type?.required ?? [])];
  for (const k of NEW_ITEM_KEYS[ref] ?? []) if (!keys.includes(k)) keys.push(k);
  return orderedKeys(ref, keys, type?.required ?? [], type?.properties ?? {});
}

/** Under a list key with no `- ` typed yet: a new item, with its required keys. */
function newItemCompletions(ctx: Context, item: Field): CompletionItem[] {
  if (item.kind !== 'object' || !item.ref) return [];
  const keys = newItemKeys(ctx.model, item.ref);
  const col = ctx.keyColumn;
  const body = keys.length ? keys.map((k, i) => `${i === 0 ? '- ' : pad(col + 2)}${k}: $${i + 1}`).join('\n') : '- $0';
  return [
    {
      label: `- (new ${item.ref})`,
      filterText: '- ',
      kind: CompletionItemKind.Snippet,
      detail: keys.length ? `${item.ref} with ${keys.join(', ')}` : item.ref,
      sortText: '0000',
      ...edit(ctx, body, true),
    },
  ];
}

/** apiVersion: where the document's kind is served (all, without one); kind: the kinds its apiVersion serves. */
function headerValues(ctx: Context, key: 'apiVersion' | 'kind'): string[] {
  const version = ctx.model.version;
  const cls = ctx.part.class;
  const value = ctx.part.parsed.decoded?.value;
  const apiVersion = value && typeof value === 'object' && !Array.isArray(value) ? value.apiVersion : undefined;
  if (key === 'apiVersion') {
    const kinds = cls.kind === 'object' ? [cls.type] : KINDS;
    return [...new Set(kinds.flatMap((k) => servedApiVersions(k, version)))];
  }
  return KINDS.filter((k) => typeof apiVersion !== 'string' || servedApiVersions(k, version).includes(apiVersion));
}

function valueItems(ctx: Context, segments: Segment[]): CompletionItem[] {
  let values: string[] = [];
  // A name that points at a name: the names there are (nameCompletion.ts), or the workspace's objects'.
  const objects = ctx.objects;
  const names = valueNames(ctx.part, segments, ctx.model.version) ?? (objects && objectValueNames(ctx.part, segments, objects.scope, objects.defaultNamespace));
  if (names) values = names;
  else if (segments.length === 1 && (segments[0] === 'apiVersion' || segments[0] === 'kind')) values = headerValues(ctx, segments[0]);
  else {
    const field = ctx.model.resolve(segments)?.field;
    if (!field) return [];
    const offered = field.enum ?? field.suggest;
    if (offered) values = offered;
    else if (field.kind === 'boolean') values = ['true', 'false'];
  }
  const isBoolean = (v: string) => v === 'true' || v === 'false';
  return values.map((v, i) => ({
    label: v,
    kind: CompletionItemKind.Value,
    sortText: String(i).padStart(4, '0'),
    ...(ctx.quoted ? { filterText: `"${v}"` } : {}),
    ...edit(ctx, ctx.quoted && !isBoolean(v) ? JSON.stringify(v) : v, false),
  }));
}

/** Inside `{…}`: parse again with a placeholder at the cursor to learn where it stands. */
function flowItems(ctx: Context, lineOffset: number): CompletionItem[] {
  const text = ctx.part.parsed.text;
  const start = lineOffset + ctx.wordStart;
  const end = lineOffset + ctx.wordEnd;
  const prefix = text.slice(0, start).replace(/[ \t]*$/, '');
  const isValue = prefix.endsWith(':');
  const patched = text.slice(0, start) + (isValue ? PLACEHOLDER : `${PLACEHOLDER}: `) + text.slice(end);
  const doc = parseDocument(patched, { version: '1.1', schema: 'failsafe', merge: false });
  const loc = locate(doc, start + 1);
  ctx.flow = true;
  if (isValue) {
    if (loc.role !== 'value') return [];
    return valueItems(ctx, loc.segments);
  }
  if (loc.role !== 'key' || !loc.map) return [];
  const segments = loc.segments.slice(0, -1);
  const siblings = keysOf(loc.map, PLACEHOLDER);
  return itemsForParent(ctx, segments, siblings);
}

/** The minimal Pod an empty document is offered. */
/** A minimal object of each common kind (skeletons.ts); CronJob's apiVersion as the version serves it. */
function skeletons(ctx: Context): CompletionItem[] {
  return SKELETONS.map((s, i) => ({
    label: s.kind,
    kind: CompletionItemKind.Snippet,
    detail: s.detail,
    filterText: `${s.kind} ${ctx.word}`,
    sortText: String(i).padStart(4, '0'),
    ...edit(ctx, s.kind === 'CronJob' ? s.snippet.replace('batch/v1', servedApiVersions('CronJob', ctx.model.version)[0]) : s.snippet, true),
  }));
}

/** The text edit over the word at the cursor, as a snippet or as plain text. */
function edit(ctx: Context, snippet: string, isSnippet: boolean): Pick<CompletionItem, 'textEdit' | 'insertTextFormat' | 'insertTextMode'> {
  const range = { start: { line: ctx.line, character: ctx.wordStart }, end: { line: ctx.line, character: ctx.wordEnd } };
  const useSnippet = isSnippet && ctx.snippets;
  return {
    textEdit: { range, newText: useSnippet ? snippet : isSnippet ? plainText(snippet) : snippet },
    insertTextFormat: useSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
  };
}

/** A snippet without its tab stops, for clients that take plain text only. */
export function plainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|[^|]*\|\}/g, '')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}
