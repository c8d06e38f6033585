/**
 * The analysis of one open file: its `---` documents, each parsed, decoded and classified once
 * and reused for as long as its text is unchanged, wherever it moves in the file.
 */
import { DocumentPart, splitDocuments } from '../yaml/split';
import { parseYamlDocument, ParsedDocument } from '../yaml/parse';
import { classifyDocument, DocumentClass } from './classify';
import type { Problem } from './problems';

export interface AnalysedPart extends DocumentPart {
  parsed: ParsedDocument;
  class: DocumentClass;
  /** Problems per Kubernetes version, computed on demand. */
  problems: Map<string, Problem[]>;
}

export interface AnalysedFile {
  uri: string;
  version: number;
  text: string;
  parts: AnalysedPart[];
}

export class FileCache {
  private readonly files = new Map<string, AnalysedFile>();

  /** The analysis of `text`, reusing every document whose text has not changed. */
  analyse(uri: string, version: number, text: string): AnalysedFile {
    const previous = this.files.get(uri);
    if (previous && previous.version === version && previous.text === text) return previous;
    const reusable = new Map<string, AnalysedPart>();
    for (const p of previous?.parts ?? []) reusable.set(p.text, p);
    const parts = splitDocuments(text).map((part): AnalysedPart => {
      const old = reusable.get(part.text);
      if (old) return { ...part, parsed: old.parsed, class: old.class, problems: old.problems };
      const parsed = parseYamlDocument(part.text);
      const cls = parsed.decoded ? classifyDocument(parsed.decoded.value, parsed.decoded.index) : classifyUndecoded(parsed);
      return { ...part, parsed, class: cls, problems: new Map() };
    });
    const file = { uri, version, text, parts };
    this.files.set(uri, file);
    return file;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }
}

/** A document that could not be decoded (an alias bomb): a Pod if its header says so. */
function classifyUndecoded(parsed: ParsedDocument): DocumentClass {
  const head = parsed.text.slice(0, 4096);
  const isPod = /^kind:[ \t]*["']?Pod["']?[ \t]*(#.*)?$/m.test(head) && /^apiVersion:[ \t]*["']?v1["']?[ \t]*(#.*)?$/m.test(head);
  return isPod ? { kind: 'pod', header: [] } : { kind: 'other' };
}
