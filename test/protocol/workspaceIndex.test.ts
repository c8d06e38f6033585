/**
 * The workspace index: the ConfigMaps, Secrets, PVCs, ServiceAccounts and Namespaces of the
 * workspace's files, read in the background. Over LSP stdio (what the stats request reports, a
 * file changed, created and deleted on disk, an open document standing for its file), and in
 * process (what is skipped, the bounds, the order of texts given while a read is under way).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { WorkspaceIndexStatsRequest, type WorkspaceIndexStats } from '../../protocol/messages';
import { WorkspaceIndex } from '../../server/src/workspaceIndex';
import { LspClient } from '../helpers/lspClient';
import { yaml } from '../helpers/service';

const configMap = (name: string, keys: string[]) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${keys.map((k) => `  ${k}: "v"\n`).join('')}`;
const secret = (name: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ndata:\n  password: c2VjcmV0\n`;
const pvc = (name: string) => `{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "${name}"}}`;
const serviceAccount = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`;
const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    containers:
      - name: app
        image: nginx
`;

/** A workspace: a few files with objects, some without, and files in directories that are not read. */
function workspace(): string {
  const ws = mkdtempSync(join(tmpdir(), 'pod-manifests-index-'));
  mkdirSync(join(ws, 'config', 'nested'), { recursive: true });
  writeFileSync(join(ws, 'config', 'app.yaml'), configMap('app-config', ['LOG_LEVEL', 'MODE']));
  writeFileSync(join(ws, 'config', 'nested', 'creds.yml'), `${secret('db')}---\n${serviceAccount('builder')}`);
  writeFileSync(join(ws, 'claim.json'), pvc('data'));
  writeFileSync(join(ws, 'pod.yaml'), pod);
  writeFileSync(join(ws, 'README.md'), 'kind: ConfigMap\n');
  for (const skipped of ['node_modules', '.git', 'dist', '.hidden']) {
    mkdirSync(join(ws, skipped));
    writeFileSync(join(ws, skipped, 'cm.yaml'), configMap(`in-${skipped}`, ['x']));
  }
  return ws;
}

/** What the index holds once nothing is pending (polled: the index reads in the background). */
async function settled(client: LspClient, until: (s: WorkspaceIndexStats) => boolean = () => true): Promise<WorkspaceIndexStats> {
  for (;;) {
    const stats = await client.request<WorkspaceIndexStats>(WorkspaceIndexStatsRequest.method, null);
    if (stats.pending === 0 && until(stats)) return stats;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** In process: the index's objects of a kind, once nothing is pending. */
async function indexed(index: WorkspaceIndex): Promise<void> {
  while (index.stats().pending > 0) await new Promise((resolve) => setImmediate(resolve));
}

describe('the workspace index over LSP', () => {
  let client: LspClient;
  let ws: string;
  before(async () => {
    ws = workspace();
    client = await LspClient.start({ workspaceFolder: ws });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    rmSync(ws, { recursive: true, force: true });
  });

  it('reads the YAML and JSON files of the workspace in the background and reports them', async () => {
    const stats = await settled(client);
    // app.yaml, creds.yml, claim.json, pod.yaml; not README.md nor the skipped directories.
    assert.equal(stats.files, 4);
    assert.equal(stats.objects, 4);
    assert.ok(stats.bytes > 0 && stats.bytes < 10_000, `bytes ${stats.bytes}`);
    assert.ok(stats.elapsedMs >= 0);
  });

  it('follows a file changed, created and deleted on disk (watched-file events)', async () => {
    await settled(client);
    const app = join(ws, 'config', 'app.yaml');
    writeFileSync(app, `${configMap('app-config', ['LOG_LEVEL'])}---\n${configMap('second', ['A'])}`);
    const created = join(ws, 'sa.yaml');
    writeFileSync(created, serviceAccount('deployer'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(app).href, type: 2 },
        { uri: pathToFileURL(created).href, type: 1 },
      ],
    });
    let stats = await settled(client, (s) => s.objects === 6);
    assert.equal(stats.files, 5);
    rmSync(created);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(created).href, type: 3 }] });
    stats = await settled(client, (s) => s.files === 4);
    assert.equal(stats.objects, 5);
  });

  it('takes an open document for its file, and the file again when it is closed', async () => {
    await settled(client);
    const uri = pathToFileURL(join(ws, 'config', 'app.yaml')).href;
    await client.open(uri, [configMap('app-config', ['A']), configMap('b', ['B']), configMap('c', ['C'])].join('---\n'));
    let stats = await settled(client, (s) => s.objects === 6);
    assert.equal(stats.files, 4);
    await client.close(uri);
    stats = await settled(client, (s) => s.objects === 5);
    assert.equal(stats.files, 4);
  });
});

describe('the workspace index over LSP: what it changes in the open documents', () => {
  it("re-checks the open documents when a Namespace's labels change in another open document", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'pod-manifests-index-'));
    const client = await LspClient.start({ workspaceFolder: ws });
    try {
      const podUri = pathToFileURL(join(ws, 'pod.yaml')).href;
      const hostPod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: team\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: nginx\n`;
      const security = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('pod-security/')).map((d) => d.message);
      assert.deepEqual(security(await client.open(podUri, hostPod)), []);
      // The Namespace, typed in an editor and not saved: the Pod in the other editor is checked again.
      const next = client.nextPublication(podUri);
      await client.open(
        pathToFileURL(join(ws, 'ns.yaml')).href,
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n    pod-security.kubernetes.io/enforce: baseline\n',
      );
      let got = security(await next);
      // (A publication for another reason first, if any: the next ones.)
      for (let i = 0; i < 5 && got.length === 0; i++) got = security(await client.nextPublication(podUri));
      assert.deepEqual(got, ['violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true)']);
    } finally {
      assert.equal(await client.stop(), 0);
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

describe('the workspace index in process', () => {
  it('skips what is not under the roots, in skipped directories or not YAML/JSON, and files over 1 MiB', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'big.yaml'), configMap('big', ['k']) + `# ${'x'.repeat(1 << 20)}\n`);
    const index = new WorkspaceIndex();
    index.start([ws]);
    await indexed(index);
    assert.deepEqual(
      index.objects('ConfigMap').map((o) => [o.name, o.keys.map((k) => k.key)]),
      [['app-config', ['LOG_LEVEL', 'MODE']]],
    );
    assert.deepEqual(
      index.find('Secret', 'db').map((o) => o.uri),
      [pathToFileURL(join(ws, 'config', 'nested', 'creds.yml')).href],
    );
    assert.deepEqual(index.find('Secret', 'nope'), []);
    assert.equal(index.stats().files, 5);
    // A file event outside the roots, or in a skipped directory, is not read.
    index.readFile(pathToFileURL(join(ws, 'node_modules', 'cm.yaml')).href);
    index.readFile(pathToFileURL(join(tmpdir(), 'elsewhere.yaml')).href);
    await indexed(index);
    assert.equal(index.stats().files, 5);
    index.dispose();
    rmSync(ws, { recursive: true, force: true });
  });

  it('an open document wins over a read of its file under way, and is told once it changes what is indexed', async () => {
    const ws = workspace();
    const index = new WorkspaceIndex();
    const told = new Promise<void>((resolve) => index.onDidChange(resolve));
    index.start([ws]);
    const uri = pathToFileURL(join(ws, 'config', 'app.yaml')).href;
    // Before the scan has read it: the editor's text stands.
    assert.equal(index.setFile(uri, configMap('app-config', ['EDITED'])), true);
    await indexed(index);
    assert.deepEqual(
      index.find('ConfigMap', 'app-config').map((o) => o.keys.map((k) => k.key)),
      [['EDITED']],
    );
    // The same objects moved down a line: not a change (the ranges are new all the same).
    assert.equal(index.setFile(uri, `# a comment\n${configMap('app-config', ['EDITED'])}`), false);
    assert.equal(index.find('ConfigMap', 'app-config')[0].nameRange.start.line, 4);
    // A deleted directory takes its files with it.
    assert.equal(index.setFile(pathToFileURL(join(ws, 'config')).href, undefined), true);
    assert.deepEqual(index.objects('Secret'), []);
    assert.equal(index.find('ConfigMap', 'app-config').length, 1, 'the open document stays');
    // Told (at most every 200 ms) that what is indexed has changed.
    await told;
    index.dispose();
    rmSync(ws, { recursive: true, force: true });
  });

  it("takes an open document for the file the walk found, however the editor's uri spells its path", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'pod-manifests-index-'));
    mkdirSync(join(ws, 'app@v2+x'));
    const path = join(ws, 'app@v2+x', 'cm.yaml');
    writeFileSync(path, configMap('app', ['FROM_DISK']));
    const index = new WorkspaceIndex();
    index.start([ws]);
    await indexed(index);
    // As VS Code writes it: `@` and `+` escaped.
    const editors = pathToFileURL(path).href.replace('app@v2+x', 'app%40v2%2Bx');
    assert.notEqual(editors, pathToFileURL(path).href);
    index.setFile(editors, configMap('app', ['FROM_EDITOR']));
    assert.deepEqual(
      index.find('ConfigMap', 'app').map((o) => [o.uri, o.keys.map((k) => k.key)]),
      [[editors, ['FROM_EDITOR']]],
    );
    assert.equal(index.stats().files, 1);
    index.dispose();
    rmSync(ws, { recursive: true, force: true });
  });

  it('analyses a long open document in the background', async () => {
    const index = new WorkspaceIndex();
    const keys = Array.from({ length: 3000 }, (_, i) => `key-${i}`);
    const text = configMap('long', keys);
    assert.ok(text.length > 32 * 1024);
    assert.equal(index.setFile('untitled:long', text), false);
    assert.equal(index.stats().pending, 1);
    await indexed(index);
    assert.equal(index.find('ConfigMap', 'long')[0].keys.length, 3000);
    // Given again before it is done: only the last text counts.
    index.setFile('untitled:long', text);
    index.setFile('untitled:long', configMap('short', ['a']));
    await indexed(index);
    assert.deepEqual(
      index.objects('ConfigMap').map((o) => o.name),
      ['short'],
    );
  });
});
