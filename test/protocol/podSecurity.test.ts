// Pod Security over LSP stdio: which policy applies to a document (a Namespace document of the
// workspace on disk, one the client read from the cluster, a setting), how a change of any of
// them reaches the open documents' diagnostics, and what the status bar is told.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DefaultNamespaceNotification, NamespaceLabelsNotification, PodSecurityRequest, type PodSecurityInForce } from '../../protocol/messages';
import { LspClient } from '../helpers/lspClient';
import { brief, yaml } from '../helpers/service';

const namespaceDoc = (name: string, level: string) => yaml`
  apiVersion: v1
  kind: Namespace
  metadata:
    name: ${name}
    labels:
      pod-security.kubernetes.io/enforce: ${level}
`;

/** A Pod on the host's network (baseline refuses it), in `namespace` (none: the default one). */
const hostPod = (namespace?: string) => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    ${namespace ? `namespace: ${namespace}` : ''}
  spec:
    hostNetwork: true
    containers:
    - name: app
      image: nginx
`;

const security = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('pod-security/')).map(brief);
const HOST_NETWORK = (lv: string) => `7:16-7:20 pod-security/hostNamespaces violates PodSecurity "${lv}": host namespaces (hostNetwork=true)`;

describe('Pod Security over LSP', () => {
  let client: LspClient;
  let ws: string;
  let nsFile: string;
  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'pod-manifests-pss-'));
    mkdirSync(join(ws, 'namespaces'));
    nsFile = join(ws, 'namespaces', 'prod.yaml');
    writeFileSync(nsFile, namespaceDoc('prod', 'baseline'));
    client = await LspClient.start({ workspaceFolder: ws, settings: { podManifests: {} } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  /** The diagnostics of `uri` once they satisfy `ok` (each publication awaited; the server republishes when what it knows changes). */
  async function publishedUntil(uri: string, first: Promise<Diagnostic[]>, ok: (d: string[]) => boolean): Promise<string[]> {
    let got = security(await first);
    for (let i = 0; i < 10 && !ok(got); i++) got = security(await client.nextPublication(uri));
    return got;
  }

  it('applies the labels of a Namespace document found in the workspace on disk, and tells where they come from', async () => {
    const uri = pathToFileURL(join(ws, 'pod.yaml')).href;
    const got = await publishedUntil(uri, client.open(uri, hostPod('prod')), (d) => d.length > 0);
    assert.deepEqual(got, [HOST_NETWORK('baseline:latest')]);
    const status = await client.request<PodSecurityInForce[]>(PodSecurityRequest.method, { uri });
    assert.deepEqual(status, [{ index: 0, namespace: 'prod', policy: 'enforce baseline:latest', source: `Namespace "prod" in ${nsFile}` }]);
  });

  it('follows the Namespace document when it changes on disk (a watched-file event)', async () => {
    const uri = pathToFileURL(join(ws, 'pod.yaml')).href;
    writeFileSync(nsFile, namespaceDoc('prod', 'privileged'));
    const next = client.nextPublication(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(nsFile).href, type: 2 }] });
    assert.deepEqual(security(await next), []);
    writeFileSync(nsFile, namespaceDoc('prod', 'baseline'));
    const again = client.nextPublication(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(nsFile).href, type: 2 }] });
    assert.deepEqual(security(await again), [HOST_NETWORK('baseline:latest')]);
  });

  it("applies what the client read of the cluster's namespace, where the workspace says nothing", async () => {
    const uri = pathToFileURL(join(ws, 'team.yaml')).href;
    assert.deepEqual(security(await client.open(uri, hostPod('team'))), []);
    assert.deepEqual(await client.request<PodSecurityInForce[]>(PodSecurityRequest.method, { uri }), [{ index: 0, namespace: 'team' }]);
    const next = client.nextPublication(uri);
    await client.connection.sendNotification(NamespaceLabelsNotification.method, {
      namespace: 'team',
      labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' },
      source: 'the cluster\'s namespace (context "test")',
    });
    assert.deepEqual(security(await next), [HOST_NETWORK('baseline:v1.30')]);
    assert.deepEqual(await client.request<PodSecurityInForce[]>(PodSecurityRequest.method, { uri }), [
      { index: 0, namespace: 'team', policy: 'enforce baseline:v1.30', source: 'the cluster\'s namespace (context "test")' },
    ]);
  });

  it('puts a document without a namespace in the default one the client says', async () => {
    const uri = pathToFileURL(join(ws, 'default.yaml')).href;
    assert.deepEqual(security(await client.open(uri, hostPod())), []);
    const next = client.nextPublication(uri);
    await client.connection.sendNotification(DefaultNamespaceNotification.method, { namespace: 'prod' });
    assert.deepEqual(security(await next), [HOST_NETWORK('baseline:latest')]);
  });

  it('checks every document against the setting, or none when it is off', async () => {
    const uri = pathToFileURL(join(ws, 'team.yaml')).href;
    let next = client.nextPublication(uri);
    await client.setSettings({ podManifests: { podSecurity: 'restricted:1.27' } }, true);
    const got = security(await next);
    assert.equal(got[0], HOST_NETWORK('restricted:v1.27'));
    assert.ok(got.length > 1, got.join('\n'));
    next = client.nextPublication(uri);
    await client.setSettings({ podManifests: { podSecurity: 'off' } }, true);
    assert.deepEqual(security(await next), []);
    assert.deepEqual(await client.request<PodSecurityInForce[]>(PodSecurityRequest.method, { uri }), [{ index: 0, namespace: 'team', source: 'off' }]);
  });
});
