/**
 * Rename of the names that point at names (nameGraph.ts): a volume and its mounts and devices, a
 * container and the annotation and resourceFieldRefs that name it, a port and the probes, handlers
 * and Service targetPorts that name it, a label key and the selectors that match it. Every site in
 * the file changes, nothing else; a new name the API server would refuse is refused, in its words.
 */
import { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { isDNS1123Label, isQualifiedName, isValidPortName } from '../rules/names';
import type { AnalysedFile } from './documents';
import { FileSite, fileSites, groupOf, NameKind, siteAt } from './nameGraph';
import { partAt } from './parts';
import { spanToRange } from './ranges';

/** Why nothing can be renamed here, said to the user. */
export interface RenameRefusal {
  refused: string;
}

const WHAT: Record<NameKind, string> = { volume: 'volume', container: 'container', port: 'port', label: 'label key' };

/** The API server's check of each kind of name (volume and container names: DNS labels; port names: IANA service names). */
const CHECK: Record<NameKind, (name: string) => string[]> = {
  volume: isDNS1123Label,
  container: isDNS1123Label,
  port: (name) => isValidPortName(name),
  label: isQualifiedName,
};

function nameAt(file: AnalysedFile, position: Position): { site: FileSite; sites: FileSite[] } | RenameRefusal {
  const part = partAt(file, position);
  const offset = part ? part.parsed.lines.offsetAt({ line: position.line - part.line, character: position.character }) : -1;
  const { sites } = fileSites(file);
  const site = part && siteAt(sites, file.parts.indexOf(part), offset);
  if (!site) return { refused: 'Only the name of a volume, a container, a port or a label (where it is defined or named) can be renamed here.' };
  return { site, sites };
}

/** prepareRename: the name's range and text, or why it cannot be renamed. */
export function prepareRename(file: AnalysedFile, position: Position): { range: Range; placeholder: string } | RenameRefusal {
  const at = nameAt(file, position);
  if ('refused' in at) return at;
  return { range: spanToRange(file.parts[at.site.doc], at.site.span), placeholder: at.site.name };
}

export function rename(file: AnalysedFile, position: Position, newName: string): WorkspaceEdit | RenameRefusal {
  const at = nameAt(file, position);
  if ('refused' in at) return at;
  const { site } = at;
  const errors = CHECK[site.kind](newName);
  if (errors.length > 0) return { refused: `Invalid ${WHAT[site.kind]} name "${newName}": ${errors.join('; ')}` };
  const edits: TextEdit[] = groupOf(site, at.sites).map((s) => {
    const part = file.parts[s.doc];
    const written = part.text.slice(s.span.start, s.span.end);
    // A quoted name stays quoted the way it was.
    const quote = written[0] === '"' || written[0] === "'" ? written[0] : '';
    return { range: spanToRange(part, s.span), newText: quote ? `${quote}${newName}${quote}` : newName };
  });
  return { changes: { [file.uri]: edits } };
}
