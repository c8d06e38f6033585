/**
 * The language server's LSP wiring, and nothing else: documents in, the pure language service
 * in the middle, diagnostics / completions / hovers out. `node dist/server.js --stdio`.
 */
// First: the heap's settings apply from the first allocation on.
import './heapFlags';
import { join } from 'node:path';
import {
  CodeActionKind,
  CodeActionParams,
  CompletionParams,
  createConnection,
  DefinitionParams,
  DocumentHighlightParams,
  DocumentSymbolParams,
  ErrorCodes,
  PrepareRenameParams,
  ReferenceParams,
  RenameParams,
  ResponseError,
  HoverParams,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesParams,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ClusterAnswerNotification,
  ClusterAnswerParams,
  ClusterStatusNotification,
  ClusterStatusParams,
  ClusterSchemaParams,
  ClusterSchemaRequest,
  ManifestsParams,
  ManifestsRequest,
  DefaultNamespaceNotification,
  NamespaceLabelsNotification,
  NamespaceLabelsParams,
  PodSecurityRequest,
  WorkspaceIndexStatsRequest,
  ClusterObjectsNotification,
  ClusterObjectsParams,
} from '../../protocol/messages';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, type Settings } from '../../protocol/settings';
import { precompiledValidators, schemasFromDirectory } from './schema/load';
import { isKubernetesVersion, VERSIONS } from './schema/versions';
import { createPodLanguageService } from './service';
import { chartValuesFor, isChartValuesUri } from './chartFiles';
import { isKustomization, isKustomizePatchUri } from './kustomize';
import { NamespaceLabels } from './namespaceLabels';
import { ClusterObjects } from './clusterObjects';
import { parsePodSecuritySetting } from './service/podSecurity';
import { fileURLToPath } from 'node:url';
import { WorkspaceIndex } from './workspaceIndex';
import { PACKAGE_VERSION } from './packageVersion';

// The workspace's ConfigMaps, Secrets, PVCs, ServiceAccounts and Namespaces, read in the background.
const workspaceIndex = new WorkspaceIndex();
// The names the user loaded from the cluster (Load Names from the Cluster), beside the workspace's.
const clusterObjects = new ClusterObjects();
// The namespaces' labels from the workspace's Namespace documents and the cluster (Pod Security).
const namespaceLabels = new NamespaceLabels((ns) => workspaceIndex.find('Namespace', ns));
// dist/server.js sits next to dist/validators/ and below the extension's schemas/.
const service = createPodLanguageService({
  schemas: schemasFromDirectory(join(__dirname, '..', 'schemas'), precompiledValidators(join(__dirname, 'validators'))),
  isPatch: isKustomizePatchUri,
  chartValues: chartValuesFor,
  namespaceLabels: (ns) => namespaceLabels.get(ns),
  workspaceObjects: (kind) => [...workspaceIndex.objects(kind), ...clusterObjects.of(kind)],
});
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/**
 * ajv's compiler is needed only for a cluster's own schema (the bundled ones are compiled at build
 * time): a separate bundle, dist/clusterSchema.js, loaded on first use to keep start-up lean.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a separate bundle, loaded at run time
const loadClusterSchema = () => require(join(__dirname, 'clusterSchema.js')) as typeof import('./schema/clusterSchema');

let snippets = true;
let clusterSchemaInUse = false;

function revalidateAll() {
  for (const doc of documents.all()) scheduleValidation(doc);
}
// What the open documents refer to elsewhere in the workspace has changed (at most every 200 ms).
workspaceIndex.onDidChange(revalidateAll);
let pullConfiguration = false;
/** The client takes a registration for didChangeConfiguration (Eglot does not, and warns if sent one). */
let registerConfigurationChanges = false;

/** The settings in force: a client that leaves one out keeps it as it is (readSettings). */
let settings: Settings = { ...DEFAULT_SETTINGS, kubernetesVersion: service.version };

function applySettings(raw: unknown) {
  const before = settings.podSecurity;
  settings = readSettings(raw, settings);
  if (settings.podSecurity !== before) {
    const setting = parsePodSecuritySetting(settings.podSecurity);
    if (setting) service.setPodSecurity(setting);
    else
      connection.window.showWarningMessage(
        `podManifests.podSecurity "${settings.podSecurity}" is not "namespace", "off", or a level (privileged, baseline, restricted) with an optional :VERSION (1.27, latest).`,
      );
    revalidateAll();
  }
  const v = settings.kubernetesVersion;
  // "cluster": the client sends the cluster's schema (ClusterSchemaRequest); the bundled one until then.
  if (v === 'cluster') return;
  if (clusterSchemaInUse) {
    clusterSchemaInUse = false;
    service.useSchema(undefined);
    revalidateAll();
  }
  if (isKubernetesVersion(v)) {
    if (v !== service.version) {
      service.setVersion(v);
      revalidateAll();
    }
  } else {
    connection.window.showWarningMessage(`podManifests.kubernetesVersion "${String(v)}" is not one of ${VERSIONS.join(', ')}; using ${service.version}.`);
  }
}

let workspaceRoots: string[] = [];

connection.onInitialize((params) => {
  workspaceRoots = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
    .filter((f) => f.uri.startsWith('file:'))
    .map((f) => fileURLToPath(f.uri));
  snippets = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport ?? false;
  pullConfiguration = params.capabilities.workspace?.configuration ?? false;
  registerConfigurationChanges = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration ?? false;
  // Clients without workspace/configuration can pass settings here: { "kubernetesVersion": "1.30" }.
  applySettings(params.initializationOptions);
  return {
    capabilities: {
      // Saves too: a saved kustomization may make a file a patch, or no longer one.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: [' '], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'pod-manifests', version: PACKAGE_VERSION },
  };
});

connection.onInitialized(async () => {
  // The workspace's files, read in the background between the messages (workspaceIndex.ts).
  workspaceIndex.start(workspaceRoots);
  if (!pullConfiguration) return;
  if (registerConfigurationChanges)
    await connection.client.register(DidChangeConfigurationNotification.type, { section: 'podManifests' }).catch(() => undefined);
  await loadConfiguration();
});

async function loadConfiguration() {
  applySettings(await connection.workspace.getConfiguration(SETTINGS_SECTION).catch(() => undefined));
}

connection.onDidChangeConfiguration((change) => {
  const pushed = (change.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
  if (pushed) applySettings(pushed);
  else if (pullConfiguration) void loadConfiguration();
});

/**
 * A feature that fails must not take the server down: the user is told once, the log gets the
 * stack, and the request answers empty.
 */
const reported = new Set<string>();
function guarded<P, R>(feature: string, fallback: R, fn: (params: P) => R): (params: P) => R {
  return (params) => {
    try {
      return fn(params);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      connection.console.error(`${feature} failed: ${error.stack ?? error.message}`);
      if (!reported.has(feature)) {
        reported.add(feature);
        void connection.window.showErrorMessage(`Pod Manifests: ${feature} failed: ${error.message}`);
      }
      return fallback;
    }
  };
}

// Validation runs after the current burst of changes, once per document.
const pending = new Map<string, NodeJS.Immediate>();
function scheduleValidation(doc: TextDocument) {
  const previous = pending.get(doc.uri);
  if (previous) clearImmediate(previous);
  pending.set(
    doc.uri,
    setImmediate(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current) return;
      // A chart's values file is its settings, not a manifest (chartFiles.ts).
      const diagnostics = isChartValuesUri(current.uri) ? [] : guarded('validation', [], () => service.validate(current))(undefined);
      void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
    }),
  );
}

documents.onDidOpen((e) => scheduleValidation(e.document));
documents.onDidChangeContent((e) => {
  scheduleValidation(e.document);
  // Its objects as the editor has them (a Namespace edited: its namespace's Pods, wherever they are, are checked again: onDidChange).
  const doc = e.document;
  guarded('indexing the workspace', false, () => workspaceIndex.setFile(doc.uri, doc.getText()))(undefined);
});
// A kustomization names its patches: when it is saved, the files it names may be checked otherwise.
documents.onDidSave((e) => {
  if (isKustomization(e.document.uri)) revalidateAll();
});
documents.onDidClose((e) => {
  const p = pending.get(e.document.uri);
  if (p) clearImmediate(p);
  pending.delete(e.document.uri);
  service.forget(e.document.uri);
  // Its objects are the saved file's again.
  const uri = e.document.uri;
  guarded('indexing the workspace', undefined, () => workspaceIndex.readFile(uri))(undefined);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onCompletion(
  guarded('completion', null, (params: CompletionParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.complete(doc, params.position, { snippets }) : null;
  }),
);

connection.onHover(
  guarded('hover', null, (params: HoverParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.hover(doc, params.position) : null;
  }),
);

connection.onDefinition(
  guarded('go to definition', null, (params: DefinitionParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.definition(doc, params.position) : null;
  }),
);

connection.onReferences(
  guarded('find references', [], (params: ReferenceParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.references(doc, params.position, params.context.includeDeclaration) : [];
  }),
);

connection.onDocumentHighlight(
  guarded('highlight', [], (params: DocumentHighlightParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.highlights(doc, params.position) : [];
  }),
);

// A refusal is an error answer: the editor shows its message where the user asked.
connection.onPrepareRename((params: PrepareRenameParams) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const answer = guarded('rename', null, () => service.prepareRename(doc, params.position))(undefined);
  if (answer && 'refused' in answer) return new ResponseError(ErrorCodes.InvalidRequest, answer.refused);
  return answer;
});

connection.onRenameRequest((params: RenameParams) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const answer = guarded('rename', null, () => service.rename(doc, params.position, params.newName))(undefined);
  if (answer && 'refused' in answer) return new ResponseError(ErrorCodes.InvalidRequest, answer.refused);
  return answer;
});

connection.onDocumentSymbol(
  guarded('document symbols', null, (params: DocumentSymbolParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.symbols(doc) : null;
  }),
);

connection.onCodeAction(
  guarded('quick fixes', null, (params: CodeActionParams) => {
    const doc = documents.get(params.textDocument.uri);
    return doc ? service.codeActions(doc, params.range, params.context.diagnostics) : null;
  }),
);

connection.onRequest(
  ManifestsRequest,
  guarded('listing the manifests', [], (params: ManifestsParams) => {
    const doc = documents.get(params.uri);
    return doc ? service.manifests(doc, params.position) : [];
  }),
);

connection.onNotification(
  ClusterAnswerNotification,
  guarded('showing the cluster answer', undefined, (params: ClusterAnswerParams) => {
    const doc = documents.get(params.uri);
    if (doc && service.takeClusterAnswer(doc, params)) scheduleValidation(doc);
  }),
);

connection.onNotification(
  ClusterStatusNotification,
  guarded('showing what the cluster reports', undefined, (params: ClusterStatusParams) => {
    const doc = documents.get(params.uri);
    if (!doc) return;
    service.takeClusterStatus(params);
    scheduleValidation(doc);
  }),
);

connection.onRequest(
  ClusterSchemaRequest,
  guarded("using the cluster's schema", null, (params: ClusterSchemaParams | null) => {
    if (!params) {
      clusterSchemaInUse = false;
      service.useSchema(undefined);
      revalidateAll();
      return null;
    }
    const { clusterSchema, clusterSchemaModel } = loadClusterSchema();
    const schema = clusterSchema(params);
    service.useSchema(clusterSchemaModel(schema));
    clusterSchemaInUse = true;
    revalidateAll();
    return { schema, version: schema.version };
  }),
);

connection.onNotification(
  ClusterObjectsNotification,
  guarded("taking the cluster's names", undefined, (params: ClusterObjectsParams) => {
    clusterObjects.set(params);
    revalidateAll();
  }),
);

connection.onRequest(
  PodSecurityRequest,
  guarded('telling the Pod Security policy', [], (params: { uri: string }) => {
    const doc = documents.get(params.uri);
    return doc ? service.podSecurity(doc) : [];
  }),
);

connection.onNotification(
  NamespaceLabelsNotification,
  guarded("taking the cluster's namespace labels", undefined, (params: NamespaceLabelsParams) => {
    if (namespaceLabels.setCluster(params.namespace, params.labels, params.source)) revalidateAll();
  }),
);

connection.onNotification(
  DefaultNamespaceNotification,
  guarded('taking the default namespace', undefined, (params: { namespace: string }) => {
    service.setDefaultNamespace(params.namespace);
    revalidateAll();
  }),
);

// Files saved, created or deleted outside the editor: their objects, read again (the client watches YAML and JSON).
connection.onDidChangeWatchedFiles(
  guarded('reading changed files', undefined, (params: DidChangeWatchedFilesParams) => {
    for (const c of params.changes) {
      if (!c.uri.startsWith('file:') || documents.get(c.uri)) continue;
      if (c.type === FileChangeType.Deleted) workspaceIndex.setFile(c.uri, undefined);
      else workspaceIndex.readFile(c.uri);
    }
  }),
);

connection.onRequest(
  WorkspaceIndexStatsRequest,
  guarded('telling what the workspace index holds', { files: 0, pending: 0, objects: 0, bytes: 0, elapsedMs: 0 }, () => workspaceIndex.stats()),
);

documents.listen(connection);
connection.listen();
