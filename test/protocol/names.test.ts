// Names that point at names, over LSP stdio (the built server, as any editor starts it): for each
// kind of reference, the completion items at the cursor, the definition, the references, the
// highlights, the rename's edits, and the warnings where the server does not look.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CompletionList, DocumentHighlight, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { applyEdits, brief, yaml } from '../helpers/service';

const POD = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    selector:
      matchLabels:
        app: web
    template:
      metadata:
        labels:
          app: web
        annotations:
          kubectl.kubernetes.io/default-container: app
      spec:
        volumes:
        - name: data
          emptyDir: {}
        - name: disk
          persistentVolumeClaim:
            claimName: disk
        - name: info
          downwardAPI:
            items:
            - path: cpu
              resourceFieldRef:
                containerName: app
                resource: limits.cpu
        containers:
        - name: app
          image: nginx
          ports:
          - name: http
            containerPort: 80
          readinessProbe:
            tcpSocket:
              port: http
          lifecycle:
            preStop:
              httpGet:
                path: /drain
                port: http
          volumeMounts:
          - name: data
            mountPath: /data
          volumeDevices:
          - name: disk
            devicePath: /dev/xvda
  ---
  apiVersion: v1
  kind: Service
  metadata:
    name: web
  spec:
    selector:
      app: web
    ports:
    - port: 80
      targetPort: http
`;

/** 1-based line and column → an LSP position. */
const p = (line: number, col: number): Position => ({ line: line - 1, character: col - 1 });
const r = (range: Range) => `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;

describe('names over LSP', () => {
  let client: LspClient;
  const uri = 'file:///workspace/web.yaml';
  before(async () => {
    client = await LspClient.start({ snippets: true });
    const diagnostics = await client.open(uri, POD);
    assert.deepEqual(diagnostics.map(brief), [], 'the document is clean');
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const definition = async (at: Position) => {
    const got = await client.request<Location | Location[] | null>('textDocument/definition', { textDocument: { uri }, position: at });
    return (Array.isArray(got) ? got : got ? [got] : []).map((l) => r(l.range));
  };
  const references = async (at: Position, includeDeclaration = true) =>
    (await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: at, context: { includeDeclaration } })).map((l) =>
      r(l.range),
    );

  it('volumes: a mount and a device go to their volumes; a volume finds its mount', async () => {
    assert.deepEqual(await definition(p(44, 17)), ['17:15-17:19']);
    assert.deepEqual(await definition(p(47, 17)), ['19:15-19:19']);
    assert.deepEqual(await references(p(17, 15)), ['17:15-17:19', '44:17-44:21']);
  });

  it("ports: a probe's and a handler's named port, and the Service's targetPort, go to the container's port", async () => {
    assert.deepEqual(await definition(p(37, 19)), ['33:17-33:21']);
    assert.deepEqual(await definition(p(42, 21)), ['33:17-33:21']);
    assert.deepEqual(await definition(p(59, 17)), ['33:17-33:21']);
    assert.deepEqual(await references(p(33, 17), false), ['37:19-37:23', '42:21-42:25', '59:17-59:21']);
  });

  it('containers: the default-container annotation and a resourceFieldRef go to the container', async () => {
    assert.deepEqual(await definition(p(14, 50)), ['30:15-30:18']);
    assert.deepEqual(await definition(p(27, 30)), ['30:15-30:18']);
    assert.deepEqual(await references(p(30, 15)), ['30:15-30:18', '14:50-14:53', '27:30-27:33']);
  });

  it("labels: the selector's and the Service's keys go to the template's label", async () => {
    assert.deepEqual(await definition(p(8, 7)), ['12:9-12:12']);
    assert.deepEqual(await definition(p(56, 5)), ['12:9-12:12']);
  });

  it('highlights a name where it is written (3) and read (2)', async () => {
    const got = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri }, position: p(17, 16) });
    assert.deepEqual(
      got.map((h) => `${r(h.range)} ${h.kind}`),
      ['17:15-17:19 3', '44:17-44:21 2'],
    );
  });

  it('renames a port with every place that names it, and nothing else', async () => {
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: p(33, 18) });
    assert.deepEqual({ range: r(prepared.range), placeholder: prepared.placeholder }, { range: '33:17-33:21', placeholder: 'http' });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: p(33, 18), newName: 'web' });
    const renamed = applyEdits(POD, edit.changes![uri]);
    const changed = renamed.split('\n').flatMap((l, i) => (l === POD.split('\n')[i] ? [] : [`${i + 1}: ${l.trim()}`]));
    assert.deepEqual(changed, ['33: - name: web', '37: port: web', '42: port: web', '59: targetPort: web']);
  });

  it('refuses a rename the API server would refuse, with its words', async () => {
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: p(17, 16), newName: 'Data_1' }), (e: Error) =>
      /Invalid volume name "Data_1": a lowercase RFC 1123 label must consist of/.test(e.message),
    );
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri }, position: p(31, 16) }), (e: Error) =>
      /Only the name of a volume, a container, a port or a label/.test(e.message),
    );
  });

  it('completes the names that fit', async () => {
    const complete = async (text: string, at: Position) => {
      const u = `file:///workspace/complete-${at.line}-${at.character}.yaml`;
      await client.open(u, text);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: u }, position: at });
      await client.close(u);
      return list.items.map((i) => i.label);
    };
    assert.deepEqual(await complete(POD.replace('        - name: data\n          mountPath', '        - name: \n          mountPath'), p(44, 17)), [
      'data',
      'disk',
      'info',
    ]);
    assert.deepEqual(await complete(POD.replace('            port: http\n        lifecycle', '            port: \n        lifecycle'), p(37, 19)), ['http']);
    assert.deepEqual(await complete(POD.replace('containerName: app', 'containerName: '), p(27, 30)), ['app']);
    assert.deepEqual((await complete(POD.replace('resource: limits.cpu', 'resource: '), p(28, 25))).slice(0, 3), [
      'limits.cpu',
      'limits.ephemeral-storage',
      'limits.memory',
    ]);
  });

  it('warns where the server does not look', async () => {
    const u = 'file:///workspace/broken.yaml';
    const broken = POD.replace('default-container: app', 'default-container: nginx')
      .replace('containerName: app', 'containerName: ap')
      .replace('            port: http\n        lifecycle', '            port: htp\n        lifecycle')
      .replace('    app: web\n  ports', '    app: api\n  ports');
    const got = (await client.open(u, broken)).map(brief);
    assert.deepEqual(got, [
      '14:50-14:55 unresolved-name No container is named "nginx" (the containers: "app"): the API server accepts it, but kubectl ignores the annotation and picks the first container',
      '27:30-27:32 unresolved-name No container is named "ap" (the containers: "app"): the API server accepts it, but the kubelet cannot resolve this resourceFieldRef and the container does not start',
      '37:19-37:22 unresolved-name Container "app" declares no port named "htp" (its ports: "http"): the API server accepts it, but the kubelet cannot resolve it and the probe fails',
      '56:5-56:8 selects-nothing This Service selects app=api: no Pod template of this file has these labels (1 in its namespace), so it has no endpoints from them',
    ]);
    // A Service that selects the template, on a port none of its containers declares.
    const port = (await client.open('file:///workspace/port.yaml', POD.replace('targetPort: http', 'targetPort: metrics'))).map(brief);
    assert.deepEqual(port, [
      '59:17-59:24 unresolved-name No container of the Pods this Service selects declares a port named "metrics": the Service has no endpoints on this port',
    ]);
  });
});

describe("the workspace's ConfigMaps, Secrets, claims and ServiceAccounts over LSP", () => {
  let client: LspClient;
  let ws: string;
  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'pod-manifests-names-'));
    mkdirSync(join(ws, 'config'));
    writeFileSync(
      join(ws, 'config', 'app.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LOG_LEVEL: info\n  MODE: prod\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app-secret\nstringData:\n  token: not-a-real-one\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: app-data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n',
    );
    client = await LspClient.start({ workspaceFolder: ws });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  const pod = yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: web
    spec:
      volumes:
      - name: data
        persistentVolumeClaim:
          claimName: app-data
      containers:
      - name: app
        image: nginx
        env:
        - name: LEVEL
          valueFrom:
            configMapKeyRef:
              name: app-config
              key: LOG_LEVL
        - name: TOKEN
          valueFrom:
            secretKeyRef:
              name: app-secret
              key: token
        volumeMounts:
        - name: data
          mountPath: /data
  `;

  it('warns of a key the ConfigMap on disk does not have, once the index has read it', async () => {
    const uri = pathToFileURL(join(ws, 'pod.yaml')).href;
    let got = (await client.open(uri, pod)).map(brief);
    // The index reads the workspace in the background; the server publishes again when it has.
    for (let i = 0; i < 10 && got.length === 0; i++) got = (await client.nextPublication(uri)).map(brief);
    assert.deepEqual(got, [
      '18:16-18:24 unresolved-name ConfigMap "app-config" has no key "LOG_LEVL" (its keys: "LOG_LEVEL", "MODE"): the container does not start (CreateContainerConfigError)',
    ]);
  });

  it('goes to the ConfigMap, its key, the Secret and the claim in their file', async () => {
    const uri = pathToFileURL(join(ws, 'pod.yaml')).href;
    const target = pathToFileURL(join(ws, 'config', 'app.yaml')).href;
    const definition = async (line: number, col: number) =>
      ((await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: p(line, col) })) ?? []).map(
        (l) => `${l.uri === target ? 'app.yaml' : l.uri} ${r(l.range)}`,
      );
    assert.deepEqual(await definition(17, 17), ['app.yaml 4:9-4:19']);
    assert.deepEqual(await definition(22, 17), ['app.yaml 12:9-12:19']);
    assert.deepEqual(await definition(23, 16), ['app.yaml 14:3-14:8']);
    assert.deepEqual(await definition(9, 18), ['app.yaml 19:9-19:17']);
  });

  it('finds the ConfigMap from its reference: its definition on disk and the references in the file', async () => {
    const uri = pathToFileURL(join(ws, 'pod.yaml')).href;
    const target = pathToFileURL(join(ws, 'config', 'app.yaml')).href;
    const got = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: p(17, 17),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      got.map((l) => `${l.uri === target ? 'app.yaml' : l.uri === uri ? 'pod.yaml' : l.uri} ${r(l.range)}`),
      ['app.yaml 4:9-4:19', 'pod.yaml 17:17-17:27'],
    );
  });

  it("completes the ConfigMaps' names and the named one's keys", async () => {
    const uri = pathToFileURL(join(ws, 'complete.yaml')).href;
    await client.open(uri, pod.replace('name: app-config', 'name: ').replace('key: LOG_LEVL', 'key: '));
    const labels = async (line: number, col: number) =>
      (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: p(line, col) })).items.map((i) => i.label);
    assert.deepEqual(await labels(17, 17), ['app-config']);
    await client.close(uri);
    await client.open(uri + '2', pod.replace('key: LOG_LEVL', 'key: '));
    const keys = (await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: uri + '2' }, position: p(18, 16) })).items.map(
      (i) => i.label,
    );
    assert.deepEqual(keys, ['LOG_LEVEL', 'MODE']);
  });
});
