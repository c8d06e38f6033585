/**
 * Go to definition, find references and document highlight for the names that point at names
 * (nameGraph.ts): a volumeMount at its volume, a probe's named port at the container's port, the
 * default-container annotation at the container, a selector at the template's labels, a
 * Service's selector and targetPort at the Pods' labels and ports in the file.
 */
import { DocumentHighlight, DocumentHighlightKind, Location, Position } from 'vscode-languageserver-types';
import type { AnalysedFile } from './documents';
import { FileSite, fileSites, groupOf, siteAt } from './nameGraph';
import { partAt } from './parts';
import { spanToRange } from './ranges';

/** The name at `position`, and every site of the file (empty when no name is there). */
function nameAt(file: AnalysedFile, position: Position): { site: FileSite; sites: FileSite[] } | undefined {
  const part = partAt(file, position);
  if (!part) return undefined;
  const doc = file.parts.indexOf(part);
  const offset = part.parsed.lines.offsetAt({ line: position.line - part.line, character: position.character });
  const { sites } = fileSites(file);
  const site = siteAt(sites, doc, offset);
  return site && { site, sites };
}

const locationOf = (file: AnalysedFile, s: FileSite): Location => ({ uri: file.uri, range: spanToRange(file.parts[s.doc], s.span) });

/** Where the name at `position` is defined; undefined when no name is there (other definitions may answer). */
export function nameDefinition(file: AnalysedFile, position: Position): Location[] | undefined {
  const at = nameAt(file, position);
  if (!at) return undefined;
  return groupOf(at.site, at.sites)
    .filter((s) => s.role === 'definition')
    .map((s) => locationOf(file, s));
}

export function nameReferences(file: AnalysedFile, position: Position, includeDeclaration: boolean): Location[] {
  const at = nameAt(file, position);
  if (!at) return [];
  return groupOf(at.site, at.sites)
    .filter((s) => includeDeclaration || s.role === 'reference')
    .map((s) => locationOf(file, s));
}

/** The name's sites in the document at `position`: the definition written, the references read. */
export function nameHighlights(file: AnalysedFile, position: Position): DocumentHighlight[] {
  const at = nameAt(file, position);
  if (!at) return [];
  return groupOf(at.site, at.sites).map((s) => ({
    range: spanToRange(file.parts[s.doc], s.span),
    kind: s.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
