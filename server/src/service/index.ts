/**
 * The Pod language service: a pure core that the LSP server, the tests and any other client use
 * alike. One function per feature; no LSP connection inside.
 */
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover, Position, Range } from 'vscode-languageserver-types';
import type { SchemaProvider } from '../schema/load';
import { KubernetesVersion, NEWEST } from '../schema/versions';
import { codeActions } from './codeActions';
import { complete, CompletionOptions } from './complete';
import { FileCache } from './documents';
import { hover } from './hover';
import { symbols } from './symbols';
import { validateFile } from './validate';

export interface TextDocumentLike {
  uri: string;
  version: number;
  getText(): string;
}

export interface PodLanguageServiceOptions {
  schemas: SchemaProvider;
  version?: KubernetesVersion;
}

export interface PodLanguageService {
  readonly version: KubernetesVersion;
  setVersion(version: KubernetesVersion): void;
  validate(doc: TextDocumentLike): Diagnostic[];
  complete(doc: TextDocumentLike, position: Position, options?: CompletionOptions): CompletionList;
  hover(doc: TextDocumentLike, position: Position): Hover | null;
  symbols(doc: TextDocumentLike): DocumentSymbol[];
  codeActions(doc: TextDocumentLike, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  forget(uri: string): void;
}

export function createPodLanguageService(options: PodLanguageServiceOptions): PodLanguageService {
  const cache = new FileCache();
  let version: KubernetesVersion = options.version ?? NEWEST;
  const model = () => options.schemas(version);
  const analyse = (doc: TextDocumentLike) => cache.analyse(doc.uri, doc.version, doc.getText());
  return {
    get version() {
      return version;
    },
    setVersion(v) {
      version = v;
    },
    validate: (doc) => validateFile(analyse(doc), model()),
    complete: (doc, position, opts) => complete(analyse(doc), position, model(), opts),
    hover: (doc, position) => hover(analyse(doc), position, model()),
    symbols: (doc) => symbols(analyse(doc)),
    codeActions: (doc, range, diagnostics) => codeActions(doc.uri, range, diagnostics),
    forget: (uri) => cache.forget(uri),
  };
}
