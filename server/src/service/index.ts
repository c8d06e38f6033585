/**
 * The Pod language service: a pure core that the LSP server, the tests and any other client use
 * alike. One function per feature; no LSP connection inside.
 */
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  Location,
  Position,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { SchemaProvider } from '../schema/load';
import type { SchemaModel } from '../schema/model';
import { KubernetesVersion, nearestBundled, NEWEST } from '../schema/versions';
import type { ClusterAnswerParams, ClusterStatusParams, ManifestDocument } from '../../../protocol/messages';
import { ClusterAnswers, ClusterStatuses } from './cluster';
import type { ModelFor } from './check';
import { codeActions } from './codeActions';
import { complete, CompletionOptions } from './complete';
import { FileCache } from './documents';
import { hover } from './hover';
import { tooLargeDiagnostic } from './limits';
import { manifests } from './manifests';
import { symbols } from './symbols';
import { SOURCE } from './diagnostics';
import { validateFile } from './validate';
import { type ChartValues, valuesCompletion, valuesDefinition, valuesHover } from './templateValues';
import type { AnalysedFile } from './documents';
import { Labels, namespaceDocument } from './namespaces';
import { namespaceOf, PodSecuritySetting, policyText, scopeOf } from './podSecurity';
import { podSecurityHover } from './podSecurityHover';
import { nameDefinition, nameHighlights, nameReferences } from './nameNavigation';
import { prepareRename, rename, RenameRefusal } from './rename';
import { objectDefinitionAt, objectReferencesAt, ObjectsInScope } from './objectReferences';
import type { PodSecurityInForce } from '../../../protocol/messages';
import type { IndexedKind, IndexedObject } from './workspaceObjects';

export interface TextDocumentLike {
  uri: string;
  version: number;
  getText(): string;
}

export interface PodLanguageServiceOptions {
  schemas: SchemaProvider;
  version?: KubernetesVersion;
  /**
   * Whether a document is a patch (a Kustomize patch: partial by design): then nothing that needs
   * the whole object is said (Required fields, names looked up elsewhere). The adapters answer it
   * from the disk (kustomize.ts); default: no document is.
   */
  isPatch?: (uri: string) => boolean;
  /** The values file of the Helm chart a template belongs to (the adapters find it: chartFiles.ts), for `.Values`. */
  chartValues?: (uri: string) => ChartValues | undefined;
  /**
   * A namespace's labels from outside the file being checked (a Namespace document elsewhere in
   * the workspace, the cluster's namespace), for its Pod Security policy, with where they come
   * from. The adapters keep them (namespaceLabels.ts); default: none known.
   */
  namespaceLabels?: (namespace: string) => { labels: Labels; source: string } | undefined;
  /**
   * The ConfigMaps, Secrets, PersistentVolumeClaims, ServiceAccounts and Namespaces defined in the
   * workspace's files (open documents as they are now, the others as on disk), of one kind: names,
   * namespaces, data keys and where they are written, never a Secret's values. The adapters keep
   * them (workspaceIndex.ts: read in the background, so the list may still grow after start-up);
   * default: none known.
   */
  workspaceObjects?: (kind: IndexedKind) => readonly IndexedObject[];
}

export interface PodLanguageService {
  readonly version: KubernetesVersion;
  setVersion(version: KubernetesVersion): void;
  /** A schema of the user's own (the cluster's), used instead of the bundled one; undefined: bundled. */
  useSchema(model: SchemaModel | undefined): void;
  validate(doc: TextDocumentLike): Diagnostic[];
  /** The diagnostics `validate` leaves out because a `# pod-manifests-disable…` comment silences them, each with that comment's line. */
  suppressed(doc: TextDocumentLike): { diagnostic: Diagnostic; commentLine: number }[];
  complete(doc: TextDocumentLike, position: Position, options?: CompletionOptions): CompletionList;
  hover(doc: TextDocumentLike, position: Position): Hover | null;
  /**
   * In a Helm template's action, `.Values.x.y` → its line in the chart's values file; on a name
   * that points at a name (a volumeMount, a probe's port, a ConfigMap's name or key), where it is defined.
   */
  definition(doc: TextDocumentLike, position: Position): Location | Location[] | null;
  /** Every place the name at `position` is named (and defined, with `includeDeclaration`), in the file. */
  references(doc: TextDocumentLike, position: Position, includeDeclaration: boolean): Location[];
  /** The name at `position` where it is defined (written) and named (read) in the file. */
  highlights(doc: TextDocumentLike, position: Position): DocumentHighlight[];
  /** The name at `position` that a rename would change, or why there is none. */
  prepareRename(doc: TextDocumentLike, position: Position): { range: Range; placeholder: string } | RenameRefusal;
  /** The edits that rename the name at `position` everywhere in the file, or why they cannot be made. */
  rename(doc: TextDocumentLike, position: Position, newName: string): WorkspaceEdit | RenameRefusal;
  symbols(doc: TextDocumentLike): DocumentSymbol[];
  codeActions(doc: TextDocumentLike, range: Range, diagnostics: Diagnostic[]): CodeAction[];
  /** The Pods and workloads of the file, or the one at `position`, for the cluster commands. */
  manifests(doc: TextDocumentLike, position?: Position): ManifestDocument[];
  /**
   * Takes the cluster's answer about one Pod of `doc`; false when the text has changed since the
   * request (the answer is about text no longer there). `validate` then includes its diagnostics
   * until the next edit.
   */
  takeClusterAnswer(doc: TextDocumentLike, answer: ClusterAnswerParams): boolean;
  /** Takes what the cluster reports now about one live object of a file; `validate` shows it on that object's document. */
  takeClusterStatus(status: ClusterStatusParams): void;
  /** Which Pod Security policy applies: the namespace's labels (default), none, or one level for all. */
  setPodSecurity(setting: PodSecuritySetting): void;
  /** Where a document without `metadata.namespace` goes (the cluster context's namespace); default `default`. */
  setDefaultNamespace(namespace: string): void;
  /** The Pod Security policy in force for each Pod and workload of the file, and where it comes from (the status bar). */
  podSecurity(doc: TextDocumentLike): PodSecurityInForce[];
  /** The Namespace documents of the file, with their labels (the CLI gathers the files' it is given). */
  namespaces(doc: TextDocumentLike): { name: string; labels: Labels }[];
  forget(uri: string): void;
}

export function createPodLanguageService(options: PodLanguageServiceOptions): PodLanguageService {
  const cache = new FileCache();
  const answers = new ClusterAnswers();
  const statuses = new ClusterStatuses();
  let version: KubernetesVersion = options.version ?? NEWEST;
  let custom: SchemaModel | undefined;
  // The cluster's own schema is a Pod's (its core/v1 document): a workload is read with the bundled
  // schema of the cluster's version, or the nearest below it.
  const models: ModelFor = (kind) => (kind === 'Pod' && custom) || options.schemas(custom ? nearestBundled(custom.version) : version, kind);
  const analyse = (doc: TextDocumentLike) => cache.analyse(doc.uri, doc.version, doc.getText());
  let podSecuritySetting: PodSecuritySetting = { mode: 'namespace' };
  let defaultNamespace = 'default';
  const podSecurityScope = (file: AnalysedFile) => scopeOf(file, podSecuritySetting, options.namespaceLabels, defaultNamespace, models('Pod').version);
  const validateScope = (file: AnalysedFile) => ({ podSecurity: podSecurityScope(file), objects: options.workspaceObjects, defaultNamespace });
  const objectsInScope = (file: AnalysedFile) => ({ scope: new ObjectsInScope(file, options.workspaceObjects, defaultNamespace), defaultNamespace });
  return {
    get version() {
      return version;
    },
    setVersion(v) {
      version = v;
    },
    useSchema(m) {
      custom = m;
    },
    validate(doc) {
      // The large-file policy (limits.ts): a file above the limits is not analysed, and says so.
      const file = analyse(doc);
      if (file.tooLarge) return [tooLargeDiagnostic(file.text, file.tooLarge, SOURCE)];
      return [
        ...validateFile(file, models, options.isPatch?.(doc.uri) ?? false, validateScope(file)),
        ...answers.get(doc.uri, doc.version),
        ...statuses.get(doc.uri, file.parts),
      ];
    },
    suppressed(doc) {
      const file = analyse(doc);
      const silenced: { diagnostic: Diagnostic; commentLine: number }[] = [];
      if (!file.tooLarge) validateFile(file, models, options.isPatch?.(doc.uri) ?? false, validateScope(file), silenced);
      return silenced;
    },
    complete: (doc, position, opts) => {
      const file = analyse(doc);
      return valuesCompletion(file, position, () => options.chartValues?.(doc.uri)) ?? complete(file, position, models, opts, objectsInScope(file));
    },
    hover: (doc, position) => {
      const file = analyse(doc);
      const values = valuesHover(file, position, () => options.chartValues?.(doc.uri));
      if (values) return values;
      const field = hover(file, position, models);
      const scope = podSecurityScope(file);
      const security = scope && !file.tooLarge ? podSecurityHover(file, position, scope) : undefined;
      if (!security) return field;
      const above = field && typeof field.contents === 'object' && 'value' in field.contents ? `${field.contents.value}\n\n---\n\n` : '';
      return { contents: { kind: 'markdown', value: above + security }, ...(field?.range ? { range: field.range } : {}) };
    },
    definition: (doc, position) => {
      const file = analyse(doc);
      if (file.tooLarge) return null;
      const values = valuesDefinition(file, position, () => options.chartValues?.(doc.uri));
      return values ?? nameDefinition(file, position) ?? objectDefinitionAt(file, position, objectsInScope(file)) ?? null;
    },
    references: (doc, position, includeDeclaration) => {
      const file = analyse(doc);
      if (file.tooLarge) return [];
      return objectReferencesAt(file, position, objectsInScope(file), includeDeclaration) ?? nameReferences(file, position, includeDeclaration);
    },
    highlights: (doc, position) => {
      const file = analyse(doc);
      return file.tooLarge ? [] : nameHighlights(file, position);
    },
    prepareRename: (doc, position) => {
      const file = analyse(doc);
      return file.tooLarge ? { refused: 'The file is too large to be analysed.' } : prepareRename(file, position);
    },
    rename: (doc, position, newName) => {
      const file = analyse(doc);
      return file.tooLarge ? { refused: 'The file is too large to be analysed.' } : rename(file, position, newName);
    },
    symbols: (doc) => symbols(analyse(doc)),
    codeActions: (doc, range, diagnostics) => codeActions(analyse(doc), range, diagnostics),
    manifests: (doc, position) => manifests(analyse(doc), models, position),
    takeClusterAnswer(doc, answer) {
      const part = analyse(doc).parts[answer.index];
      if (answer.version !== doc.version || !part) return false;
      answers.set(part, answer);
      return true;
    },
    takeClusterStatus(status) {
      statuses.set(status);
    },
    setPodSecurity(setting) {
      podSecuritySetting = setting;
    },
    setDefaultNamespace(namespace) {
      defaultNamespace = namespace || 'default';
    },
    podSecurity(doc) {
      const file = analyse(doc);
      const scope = podSecurityScope(file);
      if (file.tooLarge) return [];
      return file.parts.flatMap((part, index): PodSecurityInForce[] => {
        if (part.class.kind !== 'object') return [];
        const namespace = namespaceOf(part.parsed.decoded?.value, defaultNamespace);
        const inForce = scope?.policyFor(namespace);
        return [{ index, namespace, policy: inForce && policyText(inForce.policy), source: inForce ? inForce.source : scope ? undefined : 'off' }];
      });
    },
    namespaces(doc) {
      const file = analyse(doc);
      if (file.tooLarge) return [];
      return file.parts.flatMap((part) => namespaceDocument(part) ?? []);
    },
    forget(uri) {
      cache.forget(uri);
      answers.forget(uri);
      statuses.forget(uri);
    },
  };
}
