import type { KubernetesVersion } from '../../server/src/schema/versions';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { COMPLETION_CASES } from '../cases/completion';
import { doc, messageText, service, withCursor, yaml } from '../helpers/service';

function completions(marked: string, optionsOrVersion?: { snippets?: boolean } | KubernetesVersion) {
  const { text, position } = withCursor(marked);
  const version = typeof optionsOrVersion === 'string' ? optionsOrVersion : undefined;
  const options = typeof optionsOrVersion === 'object' ? optionsOrVersion : undefined;
  return service(version).complete(doc(text), position, options).items;
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const newText = (item: CompletionItem | undefined) => (item?.textEdit as TextEdit | undefined)?.newText;

const head = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';

describe('completion', () => {
  it('offers container keys inside a new list item, name and image first, in the order users expect', () => {
    const items = completions(head + 'spec:\n  containers:\n  - |\n');
    assert.deepEqual(labels(items).slice(0, 8), ['name', 'image', 'imagePullPolicy', 'command', 'args', 'ports', 'env', 'envFrom']);
  });

  it('leaves out keys already present, above and below the cursor', () => {
    const items = completions(head + 'spec:\n  containers:\n  - name: a\n    |\n    image: nginx\n');
    assert.equal(labels(items)[0], 'imagePullPolicy');
    assert.ok(!labels(items).includes('name'));
    assert.ok(!labels(items).includes('image'));
  });

  it('completes a partly typed key, replacing the whole word', () => {
    const { text, position } = withCursor(head + 'spec:\n  containers:\n  - name: a\n    ima|ge\n');
    const items = service().complete(doc(text), position).items;
    const image = items.find((i) => i.label === 'image');
    assert.deepEqual((image?.textEdit as TextEdit).range, { start: { line: 7, character: 4 }, end: { line: 7, character: 9 } });
  });

  it('offers PodSpec keys on an empty line at the indentation of spec, after a list', () => {
    const items = completions(head + 'spec:\n  containers:\n  - name: a\n    image: nginx\n  |\n');
    // At the dash column of an indentless list: a new item first, then the PodSpec keys.
    assert.deepEqual(labels(items).slice(0, 5), ['- (new Container)', 'initContainers', 'volumes', 'restartPolicy', 'serviceAccountName']);
    assert.ok(!labels(items).includes('containers'));
  });

  it('offers the keys of an object after `key:` with nothing below it yet', () => {
    const items = completions(head + 'spec:\n  securityContext:\n    |\n  containers: []\n');
    assert.deepEqual(labels(items).slice(0, 4), ['runAsNonRoot', 'runAsUser', 'runAsGroup', 'fsGroup']);
  });

  it('offers the top-level keys of a Pod at column 0, without those present', () => {
    const items = completions('apiVersion: v1\nkind: Pod\n|\n');
    assert.deepEqual(labels(items), ['metadata', 'spec', 'status']);
  });

  it('offers a new container item, with name and image, under `containers:`', () => {
    const indented = completions(head + 'spec:\n  containers:\n    |\n');
    assert.deepEqual(labels(indented), ['- (new Container)']);
    assert.equal(newText(indented[0]), '- name: $1\n      image: $2');
    // At the column of `containers:`, an indentless item or another PodSpec key.
    const indentless = completions(head + 'spec:\n  containers:\n  |\n');
    assert.deepEqual(labels(indentless).slice(0, 3), ['- (new Container)', 'initContainers', 'volumes']);
    assert.equal(newText(indentless[0]), '- name: $1\n    image: $2');
  });

  it('inserts `key:` and a new line indented as the type needs', () => {
    const items = completions(head + 'spec:\n  containers:\n  - name: a\n    image: nginx\n    |\n');
    assert.equal(newText(items.find((i) => i.label === 'resources')), 'resources:\n      $0');
    assert.equal(newText(items.find((i) => i.label === 'ports')), 'ports:\n      - containerPort: $1');
    assert.equal(newText(items.find((i) => i.label === 'command')), 'command:\n      - $0');
    assert.equal(newText(items.find((i) => i.label === 'workingDir')), 'workingDir: $0');
    assert.equal(newText(items.find((i) => i.label === 'imagePullPolicy')), 'imagePullPolicy: ${1|Always,IfNotPresent,Never|}');
  });

  it('gives plain text to clients without snippet support', () => {
    const items = completions(head + 'spec:\n  containers:\n  - name: a\n    image: nginx\n    |\n', { snippets: false });
    const ports = items.find((i) => i.label === 'ports');
    assert.equal(newText(ports), 'ports:\n      - containerPort: ');
    assert.equal(ports?.insertTextFormat, 1);
    assert.equal(newText(items.find((i) => i.label === 'imagePullPolicy')), 'imagePullPolicy: ');
    assert.ok(items.every((i) => i.insertTextFormat === 1 && !/\$\d|\$\{/.test(newText(i) ?? '')));
  });

  it('offers the allowed values of an enum field, and booleans', () => {
    assert.deepEqual(labels(completions(head + 'spec:\n  restartPolicy: |\n')), ['Always', 'OnFailure', 'Never']);
    assert.deepEqual(labels(completions(head + 'spec:\n  restartPolicy: On|\n')), ['Always', 'OnFailure', 'Never']);
    assert.deepEqual(labels(completions(head + 'spec:\n  hostNetwork: |\n')), ['true', 'false']);
    assert.deepEqual(labels(completions(head + 'spec:\n  containers:\n  - name: a\n    ports:\n    - protocol: |\n')), ['SCTP', 'TCP', 'UDP']);
  });

  it('offers the apiVersions and kinds the version serves, each narrowed by the other', () => {
    assert.deepEqual(labels(completions('apiVersion: |\n')), ['v1', 'apps/v1', 'batch/v1']);
    assert.deepEqual(labels(completions('apiVersion: v1\nkind: |\n')), ['Pod', 'PodTemplate', 'ReplicationController']);
    assert.deepEqual(labels(completions('apiVersion: apps/v1\nkind: |\n')), ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
    assert.deepEqual(labels(completions('apiVersion: |\nkind: Pod\n')), ['v1']);
    // CronJob: batch/v1 from 1.21, batch/v1beta1 until 1.24.
    assert.deepEqual(labels(completions('apiVersion: |\nkind: CronJob\n')), ['batch/v1']);
    assert.deepEqual(labels(completions('apiVersion: |\nkind: CronJob\n', '1.24')), ['batch/v1', 'batch/v1beta1']);
    assert.deepEqual(labels(completions('apiVersion: |\nkind: CronJob\n', '1.20')), ['batch/v1beta1']);
  });

  it("offers a workload's keys in the Kubernetes docs' order, and a Pod's inside its template", () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n';
    assert.deepEqual(labels(completions(deployment + '  |\n')).slice(0, 4), ['replicas', 'selector', 'template', 'strategy']);
    const inTemplate = deployment + '  template:\n    spec:\n      containers:\n      - name: a\n        |\n';
    const inPod = head + 'spec:\n  containers:\n  - name: a\n    |\n';
    assert.deepEqual(labels(completions(inTemplate)), labels(completions(inPod)));
    const cronJob = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  |\n';
    assert.deepEqual(labels(completions(cronJob)).slice(0, 3), ['schedule', 'timeZone', 'jobTemplate']);
  });

  it("offers a workload field's values that the rules (not the schema) check, and a bad one gets only the rule's diagnostic", () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n';
    assert.deepEqual(labels(completions(deployment + '  strategy:\n    type: |\n')), ['Recreate', 'RollingUpdate']);
    assert.equal(newText(completions(deployment + '  strategy:\n    |\n').find((i) => i.label === 'type')), 'type: ${1|Recreate,RollingUpdate|}');
    // Gated by default: FailIndex is offered once JobBackoffLimitPerIndex is on by default (1.29).
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  podFailurePolicy:\n    rules:\n    - action: |\n';
    assert.deepEqual(labels(completions(job, '1.28')), ['Count', 'FailJob', 'Ignore']);
    assert.deepEqual(labels(completions(job)), ['Count', 'FailIndex', 'FailJob', 'Ignore']);
    const bad = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels:
            app: web
        strategy:
          type: Sometimes
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: a
              image: nginx
    `;
    const diagnostics = service()
      .validate(doc(bad))
      .map((d) => messageText(d.message));
    assert.equal(diagnostics.length, 1, diagnostics.join('\n'));
    assert.match(diagnostics[0], /^spec\.strategy: Unsupported value: .*supported values: "Recreate", "RollingUpdate"/);
  });

  it('offers keys inside flow maps', () => {
    const items = completions(head + 'spec:\n  containers:\n  - {name: a, |}\n');
    assert.equal(labels(items)[0], 'image');
    assert.ok(!labels(items).includes('name'));
    assert.equal(newText(items[0]), 'image: ');
    assert.deepEqual(labels(completions(head + 'spec:\n  containers:\n  - {name: a, imagePullPolicy: |}\n')), ['Always', 'IfNotPresent', 'Never']);
  });

  it('offers cpu, memory and ephemeral-storage under resources limits', () => {
    const items = completions(head + 'spec:\n  containers:\n  - name: a\n    resources:\n      limits:\n        cpu: 1\n        |\n');
    assert.deepEqual(labels(items), ['memory', 'ephemeral-storage']);
  });

  it('offers a minimal Pod in an empty document', () => {
    const items = completions('|');
    assert.equal(items[0].label, 'Pod');
    assert.match(
      newText(items[0]) ?? '',
      /^apiVersion: v1\nkind: Pod\nmetadata:\n {2}name: \$\{1:my-pod\}\nspec:\n {2}containers:\n {2}- name: \$\{2:app\}\n {4}image: \$\{3:nginx\}$/,
    );
    const second = completions('apiVersion: v1\nkind: Service\n---\n|');
    assert.equal(second[0].label, 'Pod');
  });

  it('does not mistake block-scalar text for keys', () => {
    const items = completions(head + 'spec:\n  containers:\n  - image: busybox\n    args:\n    - >\n      name: not a key\n    |\n');
    assert.deepEqual(labels(items).slice(0, 2), ['name', 'imagePullPolicy']);
    assert.ok(!labels(items).includes('args'));
    assert.deepEqual(completions(head + 'spec:\n  containers:\n  - image: busybox\n    args:\n    - >\n      name: not a key\n      |\n'), []);
  });

  it('offers nothing in documents that are not Pods, and nothing in comments', () => {
    assert.deepEqual(completions('name: CI\non: [push]\njobs:\n  build:\n    |\n'), []);
    assert.deepEqual(completions('apiVersion: v1\nkind: Service\nspec:\n  |\n'), []);
    assert.deepEqual(completions(head + '# |\n'), []);
  });
});

describe('completion cases (also run over LSP in test/protocol)', () => {
  for (const c of COMPLETION_CASES) {
    it(c.name, () => {
      const got = labels(completions(c.text));
      assert.deepEqual(got.slice(0, c.first.length), c.first);
      if (c.first.length === 0) assert.deepEqual(got, []);
      for (const a of c.absent ?? []) assert.ok(!got.includes(a), `${a} offered`);
    });
  }
});

describe('completion in JSON Pods', () => {
  const json = (body: string) =>
    `{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "p"},\n  "spec": {\n    "containers": [\n      {\n        "name": "a",\n${body}\n      }\n    ]\n  }\n}\n`;

  it('offers container keys inside quotes, with their quotes, leaving out those present', () => {
    const { text, position } = withCursor(json('        "ima|"'));
    const items = service().complete(doc(text, 'file:///p.json'), position).items;
    assert.deepEqual(labels(items).slice(0, 2), ['image', 'imagePullPolicy']);
    assert.ok(!labels(items).includes('name'));
    const image = items[0];
    assert.equal(image.filterText, '"image"');
    assert.deepEqual(image.textEdit, { range: { start: { line: 8, character: 8 }, end: { line: 8, character: 13 } }, newText: '"image": ' });
  });

  it('offers enum values inside quotes, quoted, and booleans bare', () => {
    const policy = withCursor(json('        "imagePullPolicy": "|"'));
    const items = service().complete(doc(policy.text, 'file:///q.json'), policy.position).items;
    assert.deepEqual(labels(items), ['Always', 'IfNotPresent', 'Never']);
    assert.equal(newText(items[0]), '"Always"');
    const stdin = withCursor(json('        "stdin": "|"'));
    assert.deepEqual(service().complete(doc(stdin.text, 'file:///r.json'), stdin.position).items.map(newText), ['true', 'false']);
  });
});
