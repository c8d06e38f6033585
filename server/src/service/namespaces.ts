/**
 * The Namespace documents of a file: each one's name and labels, for the Pod Security policy its
 * labels set (podSecurity.ts). Only a document that says `Namespace` is parsed for it.
 */
import { weakCache } from '../caches';
import { obj, str } from '../rules/context';
import type { AnalysedFile, AnalysedPart } from './documents';

export type Labels = Readonly<Record<string, string>>;

export interface NamespaceDocument {
  name: string;
  labels: Labels;
}

const SAYS_NAMESPACE = /\bNamespace\b/;
const found = weakCache<AnalysedPart, { ns: NamespaceDocument | undefined }>('namespaces: Namespace document per part');

/** The Namespace a document declares (`apiVersion: v1`, `kind: Namespace`), if it is one. */
export function namespaceDocument(part: AnalysedPart): NamespaceDocument | undefined {
  let entry = found.get(part);
  if (!entry) entry = found.set(part, { ns: SAYS_NAMESPACE.test(part.text) ? read(part) : undefined });
  return entry.ns;
}

function read(part: AnalysedPart): NamespaceDocument | undefined {
  const v = obj(part.parsed.decoded?.value);
  if (!v || v.kind !== 'Namespace' || v.apiVersion !== 'v1') return undefined;
  const meta = obj(v.metadata);
  const name = str(meta?.name);
  if (!name) return undefined;
  return { name, labels: stringLabels(meta?.labels) };
}

/** Labels as the API reads them: string values only (the schema check reports the others). */
export function stringLabels(value: unknown): Labels {
  const out: Record<string, string> = {};
  const labels = obj(value as never);
  if (labels) for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The namespaces the file's documents declare, by name (the last of a name counts: applied in order, it is what the namespace ends with). */
export function namespacesInFile(file: AnalysedFile): Map<string, NamespaceDocument> {
  const out = new Map<string, NamespaceDocument>();
  for (const part of file.parts) {
    const ns = namespaceDocument(part);
    if (ns) out.set(ns.name, ns);
  }
  return out;
}
