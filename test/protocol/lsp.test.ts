import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionList, DocumentSymbol, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { ClusterAnswerNotification, ClusterStatusNotification, ManifestDocument, ManifestsRequest } from '../../protocol/messages';
import { LspClient } from '../helpers/lspClient';
import { COMPLETION_CASES } from '../cases/completion';
import { brief, withCursor, yaml } from '../helpers/service';

const pod = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
  spec:
    restartPolicy: Sometimes
    containers:
    - name: app
      image: nginx
      imagePullPolcy: Always
      ports:
      - containerPort: "80"
`;

describe('the language server over LSP stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ snippets: true });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('answers initialize with its capabilities and incremental sync', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.ok(caps.completionProvider);
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(client.initializeResult.serverInfo?.name, 'pod-manifests');
  });

  it('publishes diagnostics for a Pod on open, with ranges and words of the API server', async () => {
    const diagnostics = await client.open('file:///w/pod.yaml', pod);
    assert.deepEqual(diagnostics.map(brief), [
      '6:18-6:27 unsupported-value spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      '10:5-10:19 unknown-field strict decoding error: unknown field "spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)',
      '12:22-12:26 wrong-type json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ]);
    assert.ok(diagnostics.every((d) => d.source === 'pod-manifests' && d.severity === 1));
  });

  it('follows incremental didChange edits, several in one notification, as Neovim sends them', async () => {
    const uri = 'file:///w/incremental.yaml';
    await client.open(uri, pod);
    // Replace "Sometimes" by "Never", then the quoted "80" by 80 (positions after the first edit).
    const after = await client.change(uri, 2, [
      { range: { start: { line: 5, character: 17 }, end: { line: 5, character: 26 } }, text: 'Never' },
      { range: { start: { line: 11, character: 21 }, end: { line: 11, character: 25 } }, text: '80' },
    ]);
    assert.deepEqual(after.map(brief), [
      '10:5-10:19 unknown-field strict decoding error: unknown field "spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)',
    ]);
    // Insert a line above: the remaining diagnostic moves with its text.
    const moved = await client.change(uri, 3, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'spec:\n' }]);
    assert.equal(moved.length, 2); // a duplicate "spec" key now, and the unknown field one line lower
    assert.deepEqual(
      moved.map(brief)[1],
      '11:5-11:19 unknown-field strict decoding error: unknown field "spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)',
    );
    const fixed = await client.change(uri, 4, [
      { range: { start: { line: 4, character: 0 }, end: { line: 5, character: 0 } }, text: '' },
      { range: { start: { line: 9, character: 4 }, end: { line: 9, character: 18 } }, text: 'imagePullPolicy' },
    ]);
    assert.deepEqual(fixed, []);
  });

  it('publishes empty diagnostics for YAML that is not a Pod', async () => {
    assert.deepEqual(await client.open('file:///w/ci.yaml', 'on: [push]\njobs:\n  a:\n    runs-on: x\n'), []);
  });

  it('reads JSON files too', async () => {
    const json = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}, "spec": {"containers": [{"name": "a", "image": "x", "stdin": "yes"}]}}';
    const d = await client.open('file:///w/pod.json', json, 'json');
    assert.deepEqual(
      d.map((x) => x.code),
      ['wrong-type'],
    );
  });

  it('completes keys in the expected order, as snippets for a snippet client', async () => {
    const uri = 'file:///w/complete.yaml';
    await client.open(uri, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - \n');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 4 } });
    assert.deepEqual(
      list.items.slice(0, 3).map((i) => i.label),
      ['name', 'image', 'imagePullPolicy'],
    );
    const policy = list.items.find((i) => i.label === 'imagePullPolicy')!;
    assert.equal(policy.insertTextFormat, 2);
    assert.equal((policy.textEdit as TextEdit).newText, 'imagePullPolicy: ${1|Always,IfNotPresent,Never|}');
  });

  it('hovers with the field description', async () => {
    const uri = 'file:///w/hover.yaml';
    await client.open(uri, 'apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: Always\n');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } });
    assert.match((hover.contents as MarkupContent).value, /Restart policy for all containers within the pod/);
    assert.deepEqual(hover.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 15 } });
  });

  it('lists each Pod by name with its containers as document symbols', async () => {
    const uri = 'file:///w/symbols.yaml';
    await client.open(
      uri,
      pod +
        '---\napiVersion: v1\nkind: Pod\nmetadata: {name: second}\nspec: {containers: [{name: x, image: busybox}], initContainers: [{name: init, image: alpine}]}\n',
    );
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => [s.name, s.children?.map((c) => `${c.name} (${c.detail})`)]),
      [
        ['web', ['app (container · nginx)']],
        ['second', ['x (container · busybox)', 'init (init container · alpine)']],
      ],
    );
  });

  it('offers the quick fix of an unknown field', async () => {
    const uri = 'file:///w/fix.yaml';
    const diagnostics = await client.open(uri, pod);
    const unknown = diagnostics.filter((d) => d.code === 'unknown-field');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unknown[0].range,
      context: { diagnostics: unknown },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to imagePullPolicy', 'Disable unknown-field on this line', 'Disable unknown-field in this document'],
    );
    assert.deepEqual(actions[0].edit?.changes?.[uri]?.[0].newText, 'imagePullPolicy');
    // The editor applies the second: the comment goes above, and the diagnostic goes.
    const [insert] = actions[1].edit!.changes![uri];
    assert.match(insert.newText, /^ +# pod-manifests-disable-next-line unknown-field\n$/);
    const after = await client.change(uri, 2, [{ range: insert.range, text: insert.newText }]);
    assert.deepEqual(
      after.filter((d) => d.code === 'unknown-field'),
      [],
    );
    assert.equal(after.length, diagnostics.length - unknown.length);
  });
});

describe('a client without snippet support or workspace configuration (initializationOptions)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ snippets: false, initializationOptions: { kubernetesVersion: '1.23' } });
  });
  after(async () => {
    await client.stop();
  });

  it('gets plain-text completions', async () => {
    const uri = 'file:///p/plain.yaml';
    await client.open(uri, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    \n');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 4 } });
    assert.ok(list.items.length > 10);
    for (const item of list.items) {
      assert.equal(item.insertTextFormat, 1, item.label);
      assert.doesNotMatch((item.textEdit as TextEdit).newText, /\$[0-9{]/, item.label);
    }
    assert.equal((list.items.find((i) => i.label === 'ports')?.textEdit as TextEdit).newText, 'ports:\n      - containerPort: ');
  });

  it('validates against the version given in initializationOptions', async () => {
    const d = await client.open(
      'file:///p/v.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers: [{name: a, image: b}]\n',
    );
    assert.deepEqual(
      d.map((x) => x.message),
      ['unknown field "spec.hostUsers": not available in Kubernetes 1.23 (added in 1.25)'],
    );
  });
});

describe('settings through workspace/configuration', () => {
  it('re-validates open documents when podManifests.kubernetesVersion changes', async () => {
    const client = await LspClient.start({ settings: { podManifests: { kubernetesVersion: '1.35' } } });
    try {
      const uri = 'file:///s/pod.yaml';
      const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostUsers: false\n  containers: [{name: a, image: b}]\n';
      assert.deepEqual(await client.open(uri, text), []);
      const next = client.nextPublication(uri);
      await client.setSettings({ podManifests: { kubernetesVersion: '1.24' } }, false);
      assert.deepEqual(
        (await next).map((x) => x.message),
        ['unknown field "spec.hostUsers": not available in Kubernetes 1.24 (added in 1.25)'],
      );
      const pushed = client.nextPublication(uri);
      await client.setSettings({ podManifests: { kubernetesVersion: '1.30' } }, true);
      assert.deepEqual(await pushed, []);
    } finally {
      await client.stop();
    }
  });
});

describe('completion cases over LSP (the same as test/core)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });
  COMPLETION_CASES.forEach((c, i) => {
    it(c.name, async () => {
      const { text, position } = withCursor(c.text);
      const uri = `file:///cases/${i}.yaml`;
      await client.open(uri, text);
      const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
      const got = (list?.items ?? []).map((item) => item.label);
      assert.deepEqual(got.slice(0, c.first.length), c.first);
      if (c.first.length === 0) assert.deepEqual(got, []);
      for (const a of c.absent ?? []) assert.ok(!got.includes(a), `${a} offered`);
    });
  });
});

describe('the custom requests of the cluster commands (server/src/protocol.ts)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('lists the Pods of a file, or the one at the cursor, with their decoded manifests', async () => {
    const uri = 'file:///c/pods.yaml';
    await client.open(
      uri,
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: team}\nspec:\n  containers: [{name: a, image: nginx, stdin: yes}]\n',
    );
    const all = await client.request<ManifestDocument[]>(ManifestsRequest.method, { uri });
    assert.deepEqual(
      all.map((p) => [p.index, p.name, p.namespace, p.errors, p.range.start.line]),
      [[1, 'web', 'team', 0, 3]],
    );
    assert.deepEqual((all[0].manifest.spec as { containers: { stdin: unknown }[] }).containers[0].stdin, true);
    assert.deepEqual(await client.request<ManifestDocument[]>(ManifestsRequest.method, { uri, position: { line: 1, character: 0 } }), []);
  });

  it('lists workloads too, with kind and apiVersion, for Apply and Dry run', async () => {
    const uri = 'file:///c/workloads.yaml';
    await client.open(
      uri,
      [
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: a, image: nginx}]}',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}',
        'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: ops}\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec: {restartPolicy: Never, containers: [{name: a, image: busybox}]}',
      ].join('\n---\n') + '\n',
    );
    const all = await client.request<ManifestDocument[]>(ManifestsRequest.method, { uri });
    assert.deepEqual(
      all.map((m) => [m.index, m.kind, m.apiVersion, m.templatePath, m.name, m.namespace, m.errors, m.range.start.line]),
      [
        [0, 'Deployment', 'apps/v1', 'spec.template', 'web', undefined, 0, 0],
        [2, 'CronJob', 'batch/v1', 'spec.jobTemplate.spec.template', 'nightly', 'ops', 0, 12],
      ],
    );
    const atCronJob = await client.request<ManifestDocument[]>(ManifestsRequest.method, { uri, position: { line: 15, character: 4 } });
    assert.deepEqual(
      atCronJob.map((m) => m.kind),
      ['CronJob'],
    );
  });

  it('shows a cluster answer on the line it is about, until the next edit', async () => {
    const uri = 'file:///c/answer.yaml';
    await client.open(
      uri,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: a\n    image: nginx\n    ports: [{containerPort: 8080}]\n',
    );
    const published = client.nextPublication(uri);
    await client.connection.sendNotification(ClusterAnswerNotification.method, {
      uri,
      index: 0,
      version: 1,
      action: 'Dry run',
      warnings: [],
      status: {
        code: 422,
        reason: 'Invalid',
        details: { causes: [{ field: 'spec.containers[0].ports[0].containerPort', message: 'Invalid value: 8080: in use' }] },
      },
    });
    assert.deepEqual(
      (await published).map((d) => `${brief(d)} (${d.source})`),
      ['8:29-8:33 422 spec.containers[0].ports[0].containerPort: Invalid value: 8080: in use (cluster)'],
    );
    const afterEdit = await client.change(uri, 2, [{ range: { start: { line: 6, character: 11 }, end: { line: 6, character: 16 } }, text: 'httpd' }]);
    assert.deepEqual(afterEdit, []);
  });
  it('shows what the cluster reports about a live object on its fields, across edits, until it is cleared', async () => {
    const uri = 'file:///c/live.yaml';
    await client.open(
      uri,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: app\n        image: web:1\n',
    );
    const report = (findings: object[]) => {
      const published = client.nextPublication(uri);
      void client.connection.sendNotification(ClusterStatusNotification.method, { uri, kind: 'Deployment', name: 'web', namespace: 'default', findings });
      return published;
    };
    const image = {
      path: 'spec.template.spec.containers[name="app"].image',
      code: 'ImagePullBackOff',
      severity: 'error',
      message: 'ImagePullBackOff: Back-off pulling image "web:1" (Pod web-1, container "app")',
    };
    const warning = { path: '', code: 'FailedCreate', severity: 'warning', message: 'ReplicaSet web-1: FailedCreate: quota' };
    assert.deepEqual(
      (await report([image, warning])).map((d) => `${brief(d)} (${d.source})`),
      [
        '15:16-15:21 ImagePullBackOff ImagePullBackOff: Back-off pulling image "web:1" (Pod web-1, container "app") (cluster)',
        '6:1-6:5 FailedCreate ReplicaSet web-1: FailedCreate: quota (cluster)',
      ],
    );
    // About the object, not the text: a line added above moves them with their fields.
    const edited = await client.change(uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '# live\n' }]);
    assert.deepEqual(
      edited.map((d) => brief(d).split(' ')[0]),
      ['16:16-16:21', '7:1-7:5'],
    );
    assert.deepEqual(await report([]), []);
  });
  it('checks a file a kustomization on disk names as a patch as a patch, and a chart values file not at all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pod-lsp-kustomize-'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [../base]\npatchesStrategicMerge:\n  - memory.yaml\n');
    const patch =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          resources: {limits: {memory: 512Mi}}\n';
    writeFileSync(join(dir, 'memory.yaml'), patch);
    assert.deepEqual(await client.open(pathToFileURL(join(dir, 'memory.yaml')).href, patch), []);
    // The same text elsewhere is a Deployment without a selector or an image.
    assert.deepEqual(
      (await client.open(pathToFileURL(join(dir, 'other.yaml')).href, patch)).map((d) => d.message),
      [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`',
        'spec.template.spec.containers[0].image: Required value',
      ],
    );
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
    assert.deepEqual(await client.open(pathToFileURL(join(dir, 'values.yaml')).href, 'kind: Deployment\nreplicaCount: 1\n'), []);
  });
  it("goes from .Values.x in a chart's template to its line in the chart's values.yaml", async () => {
    const chart = mkdtempSync(join(tmpdir(), 'pod-lsp-chart-'));
    writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
    writeFileSync(join(chart, 'values.yaml'), 'replicaCount: 2\nimage:\n  repository: nginx\n  tag: "1.27"\n');
    mkdirSync(join(chart, 'templates'));
    const template =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: app\n      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n';
    const uri = pathToFileURL(join(chart, 'templates', 'pod.yaml')).href;
    assert.deepEqual(await client.open(uri, template), []);
    const location = await client.request<{ uri: string; range: unknown }>('textDocument/definition', {
      textDocument: { uri },
      position: { line: 7, character: template.split('\n')[7].indexOf('.tag') + 2 },
    });
    assert.deepEqual(location, {
      uri: pathToFileURL(join(chart, 'values.yaml')).href,
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } },
    });
  });
});
