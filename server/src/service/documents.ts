/**
 * The analysis of one open file: its `---` documents, each parsed, decoded and classified once
 * and reused for as long as its text is unchanged, wherever it moves in the file.
 */
import { DocumentPart, splitDocuments } from '../yaml/split';
import { parseYamlDocument, ParsedDocument } from '../yaml/parse';
import { reparse } from '../yaml/reparse';
import { classifyDocument, DocumentClass } from './classify';
import { tooLargeToAnalyse } from './limits';
import { maskTemplate, TemplateMask } from '../yaml/template';
import type { SchemaModel } from '../schema/model';
import { isObjectKind, servedApiVersions, WORKLOAD_KINDS } from '../schema/kinds';
import { NEWEST, OLDEST } from '../schema/versions';
import type { Problem } from './problems';

/**
 * One `---` document. Its parse and class are computed on first use and kept with its text; a
 * document that does not mention "pod" anywhere is not parsed at all unless completion asks.
 */
export class AnalysedPart implements DocumentPart {
  private parsedDocument?: ParsedDocument;
  private documentClass?: DocumentClass;
  /** Problems per schema (a bundled version, or the cluster's), computed on demand. */
  readonly problems = new Map<SchemaModel, Problem[]>();

  /**
   * @param previous this document before the edit that made `text`: its parse is re-used for the
   *   parts the edit did not touch (reparse.ts), and is used up by that.
   */
  constructor(
    readonly text: string,
    public offset: number,
    public line: number,
    private previous?: AnalysedPart,
  ) {}

  get parsed(): ParsedDocument {
    if (!this.parsedDocument) {
      const base = this.previous?.takeParse();
      this.previous = undefined;
      this.parsedDocument = (base && reparse(base, this.text)) || parseYamlDocument(this.text);
    }
    return this.parsedDocument;
  }

  /** Hands this document's parse over to its edited successor; it is no longer this document's. */
  private takeParse(): ParsedDocument | undefined {
    const parsed = this.parsedDocument;
    this.parsedDocument = undefined;
    this.documentClass = undefined;
    this.problems.clear();
    return parsed;
  }

  get class(): DocumentClass {
    if (!this.documentClass) {
      // Every document of ours says its kind's name, or "pod" (a Pod, `kind: pod`, `ind: Pod`, a template's `template:`).
      if (!MENTIONS_A_KIND.test(this.text)) this.documentClass = { kind: 'other' };
      else {
        const parsed = this.parsed;
        this.documentClass = parsed.decoded ? classifyDocument(parsed.decoded.value, parsed.decoded.index) : classifyUndecoded(parsed);
      }
    }
    return this.documentClass;
  }
}

export interface AnalysedFile {
  uri: string;
  version: number;
  /** What is analysed: the file's text, or for a Helm template its mask (the same length and lines; yaml/template.ts). */
  text: string;
  /** The file's own text. */
  source: string;
  /** Where the file is a template: its actions, and the lines that held only actions. */
  template?: TemplateMask;
  parts: AnalysedPart[];
  /** Why the file is not analysed (the large-file policy, limits.ts); then it has no parts. */
  tooLarge?: string;
}

export class FileCache {
  private readonly files = new Map<string, AnalysedFile>();

  /** The analysis of `text`, reusing every document whose text has not changed, wherever it moved. */
  analyse(uri: string, version: number, source: string): AnalysedFile {
    const previous = this.files.get(uri);
    if (previous && previous.version === version && previous.source === source) return previous;
    const tooLarge = tooLargeToAnalyse(source);
    if (tooLarge) {
      const file = { uri, version, text: source, source, parts: [], tooLarge };
      this.files.set(uri, file);
      return file;
    }
    const template = maskTemplate(source);
    const text = template ? withKnownApiVersions(template) : source;
    const split = splitDocuments(text);
    const oldParts = previous?.parts ?? [];
    let kept: (AnalysedPart | undefined)[];
    let replaced: AnalysedPart[];
    if (oldParts.length === 1 && split.length === 1) {
      // One document before and after (most files): compared, not hashed (a map by text would
      // read the whole edited text on every keystroke to hash it).
      const same = oldParts[0].text === split[0].text;
      kept = [same ? oldParts[0] : undefined];
      replaced = same ? [] : oldParts;
    } else {
      const reusable = new Map<string, AnalysedPart[]>();
      for (const p of oldParts) {
        const same = reusable.get(p.text);
        if (same) same.push(p);
        else reusable.set(p.text, [p]);
      }
      kept = split.map((part) => reusable.get(part.text)?.shift());
      replaced = [...reusable.values()].flat();
    }
    split.forEach((part, i) => {
      const old = kept[i];
      if (old) {
        old.offset = part.offset;
        old.line = part.line;
      }
    });
    // One document edited (the usual case): the new one starts from the old one's parse.
    const edited = replaced.length === 1 && kept.filter((k) => !k).length === 1 ? replaced[0] : undefined;
    const parts = split.map((part, i) => kept[i] ?? new AnalysedPart(part.text, part.offset, part.line, edited));
    const file = { uri, version, text, source, parts, ...(template ? { template } : {}) };
    this.files.set(uri, file);
    return file;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }
}

/**
 * A template's apiVersion chosen by a helper (`apiVersion: {{ include "common.capabilities.deployment.apiVersion" . }}`)
 * next to a literal kind: read as the apiVersion that kind is served at, so that the body is
 * checked (the server checks no body at an apiVersion it does not serve). The placeholder's span
 * stays unknown: nothing is said about the apiVersion itself.
 */
function withKnownApiVersions(template: TemplateMask): string {
  let text = template.text;
  for (const [start, end] of template.values) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    if (!/^apiVersion:\s*$/.test(text.slice(lineStart, start))) continue;
    // The kind of this document: the nearest `kind:` line before the next `---`.
    const docEnd = text.indexOf('\n---', end);
    const docStart = text.lastIndexOf('\n---', start);
    const kind = /^kind:[ \t]*(\w+)[ \t]*$/m.exec(text.slice(docStart + 1, docEnd < 0 ? undefined : docEnd))?.[1];
    const apiVersion = isObjectKind(kind) ? servedApiVersions(kind, NEWEST)[0] : undefined;
    if (!apiVersion || apiVersion.length > end - start) continue;
    text = text.slice(0, start) + apiVersion.padEnd(end - start, ' ') + text.slice(end);
  }
  return text;
}

const MENTIONS_A_KIND = new RegExp(`pod|${WORKLOAD_KINDS.join('|')}`, 'i');

/** A document that could not be decoded (an alias bomb): ours if its header says so. */
function classifyUndecoded(parsed: ParsedDocument): DocumentClass {
  const head = parsed.text.slice(0, 4096);
  const kind = /^kind:[ \t]*["']?(\w+)["']?[ \t]*(#.*)?$/m.exec(head)?.[1];
  const apiVersion = /^apiVersion:[ \t]*["']?([\w./]+)["']?[ \t]*(#.*)?$/m.exec(head)?.[1];
  return isObjectKind(kind) && apiVersion && servedApiVersions(kind, NEWEST).concat(servedApiVersions(kind, OLDEST)).includes(apiVersion)
    ? { kind: 'object', type: kind, header: [] }
    : { kind: 'other' };
}
