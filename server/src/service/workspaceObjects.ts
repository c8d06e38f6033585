/**
 * The objects a file defines that other manifests refer to by name: ConfigMaps, Secrets,
 * PersistentVolumeClaims, ServiceAccounts (and Namespaces, whose labels set Pod Security), as the
 * workspace index keeps them (workspaceIndex.ts, an adapter: it reads the disk and feeds the texts
 * here). Read with the service's own analysis (documents.ts), once, and nothing of it kept: only
 * names, namespaces, the keys of a ConfigMap's or Secret's data and where they are written.
 * A Secret's values are never read out of its decoded document, and every string kept is a copy,
 * not a slice of the file's text (V8 keeps the whole text alive behind a slice).
 */
import type { Range } from 'vscode-languageserver-types';
import { pointerOf } from '../path/segments';
import { obj, str } from '../rules/context';
import type { Span } from '../yaml/decode';
import { AnalysedFile, AnalysedPart, FileCache } from './documents';
import { stringLabels } from './namespaces';
import { spanToRange } from './ranges';

export type IndexedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount' | 'Namespace';

export const INDEXED_KINDS: readonly IndexedKind[] = ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'Namespace'];

export interface IndexedObject {
  kind: IndexedKind;
  name: string;
  /** `metadata.namespace` as written; absent when the object does not say (it goes to the namespace it is applied in). */
  namespace?: string;
  uri: string;
  /** The `metadata.name` value, inside its quotes when it is quoted. */
  nameRange: Range;
  /** A ConfigMap's `data` and `binaryData` keys, a Secret's `data` and `stringData` keys (each key inside its quotes): names only, never values. */
  keys: { key: string; range: Range }[];
  /** A Namespace's labels with string values. */
  labels?: Record<string, string>;
}

/**
 * Whether a text may define one of the kinds: a `kind:` line (or JSON member) naming one. Most
 * files do not (Pods, Deployments, package.json): they are not parsed at all. Cheap: ~0.03 ms over
 * a 6,400-line Pod.
 */
const SAYS_A_KIND = /kind["']?[ \t]*:[ \t]*["']?(?:ConfigMap|Secret|PersistentVolumeClaim|ServiceAccount|Namespace)\b/;

export function mayDefineObjects(text: string): boolean {
  return SAYS_A_KIND.test(text);
}

/** Which data maps hold a kind's keys. */
const DATA_MAPS: Partial<Record<IndexedKind, readonly string[]>> = {
  ConfigMap: ['data', 'binaryData'],
  Secret: ['data', 'stringData'],
};

/** The objects an analysed file defines (the open file, as it is now), from its own parts. */
export function objectsOfFile(file: AnalysedFile): IndexedObject[] {
  if (file.tooLarge || !mayDefineObjects(file.text)) return [];
  return file.parts.flatMap((part) => (SAYS_A_KIND.test(part.text) ? (objectOf(file, part) ?? []) : []));
}

/** The objects `text` defines, in document order. */
export function objectsInText(uri: string, text: string): IndexedObject[] {
  const out: IndexedObject[] = [];
  for (const found of objectsByDocument(uri, text)) out.push(...found);
  return out;
}

/**
 * The objects `text` defines, one `---` document at a time (none for a document that names no
 * such kind, which is not parsed): a caller with a time budget may stop between two documents and
 * go on later (the workspace index does). The analysis is made here and dropped with the
 * iterator.
 */
export function* objectsByDocument(uri: string, text: string): Generator<IndexedObject[], void, undefined> {
  if (!mayDefineObjects(text)) return;
  const file = new FileCache().analyse(uri, 0, text);
  if (file.tooLarge) return;
  for (const part of file.parts) {
    if (!SAYS_A_KIND.test(part.text)) continue;
    const object = objectOf(file, part);
    yield object ? [object] : [];
  }
}

function objectOf(file: AnalysedFile, part: AnalysedPart): IndexedObject | undefined {
  const decoded = part.parsed.decoded;
  const v = obj(decoded?.value);
  if (!decoded || !v || v.apiVersion !== 'v1') return undefined;
  const kind = v.kind;
  if (typeof kind !== 'string' || !(INDEXED_KINDS as readonly string[]).includes(kind)) return undefined;
  const meta = obj(v.metadata);
  const name = str(meta?.name);
  const nameAt = decoded.index.get('/metadata/name');
  // A Helm template's name is unknown until rendered (its placeholder is no name).
  if (!name || !nameAt || inAction(file, part, nameAt.value)) return undefined;
  const object: IndexedObject = { kind: kind as IndexedKind, name: copy(name), uri: file.uri, nameRange: unquoted(part, nameAt.value, name), keys: [] };
  const namespace = str(meta?.namespace);
  if (namespace !== undefined) object.namespace = copy(namespace);
  for (const map of DATA_MAPS[kind as IndexedKind] ?? []) {
    // The keys only: Object.keys of the decoded map, never its values.
    const data = obj(v[map]);
    if (!data) continue;
    for (const key of Object.keys(data)) {
      const at = decoded.index.get(pointerOf([map, key]))?.key;
      if (!at || inAction(file, part, at)) continue;
      object.keys.push({ key: copy(key), range: unquoted(part, at, key) });
    }
  }
  if (kind === 'Namespace') {
    const labels: Record<string, string> = {};
    for (const [k, value] of Object.entries(stringLabels(meta?.labels))) labels[copy(k)] = copy(value);
    object.labels = labels;
  }
  return object;
}

/** The range of a scalar written at `span`, inside its quotes when it is quoted as is (`"web"`, `'web'`). */
function unquoted(part: AnalysedPart, span: Span, value: string): Range {
  const written = part.text.slice(span.start, span.end);
  const q = written[0];
  if ((q === '"' || q === "'") && written.length === value.length + 2 && written.endsWith(q))
    return spanToRange(part, { start: span.start + 1, end: span.end - 1 });
  return spanToRange(part, span);
}

/** Whether `span` of a part of a Helm template touches an action. */
function inAction(file: AnalysedFile, part: AnalysedPart, span: Span): boolean {
  if (!file.template) return false;
  const start = part.offset + span.start;
  const end = part.offset + span.end;
  return file.template.actions.some(([a, b]) => a < end && start < b);
}

/**
 * A string of its own: the parser's strings may be slices of the file's text, which would keep
 * the whole text (a Secret's values with it) alive for as long as the index keeps the name.
 */
function copy(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
