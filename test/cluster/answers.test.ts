// The real API server's answers to server-side apply, put back onto the YAML lines they are about
// (the language service's takeClusterAnswer): a 422's causes, a 409's conflicting fields, the
// 500 of two containers with the same name, and clearing on success and on the next edit; for
// Pods and for workloads, whose template fields the server names by their full path.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ClusterAnswerParams } from '../../protocol/messages';
import type { Status } from '../../protocol/status';
import { objectPath } from '../../client/src/cluster/objectApi';
import { doc, messageText, service } from '../helpers/service';
import { type Cluster, createNamespace, deleteNamespace } from './helper';

let cluster: Cluster;
let ns: string;
before(async () => ({ cluster, ns } = await createNamespace('answers')));
after(() => deleteNamespace(cluster, ns));

/** Server-side apply of the first document of `text`, to its collection, as the Apply / Dry run commands send it. */
async function apply(text: string, opts: { manager?: string; dryRun?: boolean; force?: boolean } = {}) {
  const svc = service('1.20');
  const d = doc(text);
  const [pod] = svc.manifests(d);
  const reply = await cluster.request('PATCH', objectPath(pod, ns, pod.name), {
    body: JSON.stringify(pod.manifest),
    contentType: 'application/apply-patch+yaml',
    query: { fieldManager: opts.manager ?? 'pod-manifests', dryRun: opts.dryRun ? 'All' : undefined, force: opts.force ? 'true' : undefined },
  });
  const status: Status | null = reply.status < 300 ? null : reply.json<Status>();
  const answer: ClusterAnswerParams = { uri: d.uri, index: pod.index, version: d.version, status, warnings: [], action: opts.dryRun ? 'Dry run' : 'Apply' };
  assert.ok(svc.takeClusterAnswer(d, answer));
  const shown = svc.validate(d).filter((x) => x.source === 'cluster');
  return { reply, shown, svc, d };
}

const at = (text: string, d: Diagnostic) => {
  const line = text.split('\n')[d.range.start.line];
  return `${d.range.start.line + 1}: ${line.slice(d.range.start.character, d.range.end.character)}`;
};

const pod = (name: string, body: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  nodeName: \${NODE}\n${body}`;

describe('cluster answers on the YAML lines', () => {
  test('a 422 from a dry run goes on the value the server names', async () => {
    const text = pod('port', '  containers:\n  - name: app\n    image: nginx\n    ports:\n    - containerPort: 70000\n').replace('${NODE}', cluster.nodeName);
    const { reply, shown: got } = await apply(text, { dryRun: true });
    assert.equal(reply.status, 422, reply.body);
    assert.equal(got.length, 1);
    assert.equal(at(text, got[0]), '11: 70000');
    assert.match(
      messageText(got[0].message),
      /^spec\.containers\[0\]\.ports\[0\]\.containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive$/,
    );
    // Dry run changed nothing: the Pod does not exist.
    assert.equal((await cluster.request('GET', `/api/v1/namespaces/${ns}/pods/port`)).status, 404);
  });

  test('the 500 of two containers named alike goes on the second name', async () => {
    const text = pod('dup', '  containers:\n  - name: app\n    image: nginx\n  - name: app\n    image: busybox\n').replace('${NODE}', cluster.nodeName);
    const { reply, shown: got } = await apply(text, { dryRun: true });
    assert.equal(reply.status, 500, reply.body);
    assert.equal(got.length, 1);
    assert.equal(at(text, got[0]), '10: app');
    assert.match(messageText(got[0].message), /^Dry run: failed to create typed patch object.*duplicate entries for key \[name="app"\]/);
  });

  test('a 409 conflict goes on the field another manager owns; force takes it over; a success clears', async () => {
    const mine = pod('conflict', '  containers:\n  - name: app\n    image: nginx\n').replace('${NODE}', cluster.nodeName);
    assert.equal((await apply(mine, { manager: 'someone-else' })).reply.status, 201);
    const changed = mine.replace('image: nginx', 'image: busybox');
    const { reply, shown: got, svc, d } = await apply(changed);
    assert.equal(reply.status, 409, reply.body);
    assert.equal(got.length, 1);
    assert.equal(at(changed, got[0]), '9: image');
    assert.match(
      messageText(got[0].message),
      /^Apply: conflict with "someone-else".*: \.spec\.containers\[name="app"\]\.image \(apply with force to take it over\)$/,
    );
    // The next edit clears the cluster's diagnostics: they were about the text as it was.
    const edited = { ...d, version: d.version + 1, getText: () => changed + '\n' };
    assert.deepEqual(
      svc.validate(edited).filter((x) => x.source === 'cluster'),
      [],
    );
    const forced = await apply(changed, { force: true });
    assert.equal(forced.reply.status, 200, forced.reply.body);
    assert.deepEqual(forced.shown, []);
  });

  test("a Deployment's 422 goes on the template's value, and a dry run creates nothing", async () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        ports:\n        - containerPort: 70000\n';
    const { reply, shown: got } = await apply(text, { dryRun: true });
    assert.equal(reply.status, 422, reply.body);
    assert.deepEqual(
      got.map((x) => `${at(text, x)} ${messageText(x.message)}`),
      ['16: 70000 spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    );
    assert.equal((await cluster.request('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web`)).status, 404);
  });

  test("a Deployment's 409 conflict goes on the template field another manager owns", async () => {
    const mine =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: owned\nspec:\n  selector:\n    matchLabels: {app: owned}\n  template:\n    metadata:\n      labels: {app: owned}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n';
    assert.equal((await apply(mine, { manager: 'someone-else' })).reply.status, 201);
    const changed = mine.replace('image: nginx', 'image: httpd');
    const { reply, shown: got } = await apply(changed);
    assert.equal(reply.status, 409, reply.body);
    assert.deepEqual(
      got.map((x) => at(changed, x)),
      ['14: image'],
    );
    assert.match(
      messageText(got[0].message),
      /^Apply: conflict with "someone-else".*: \.spec\.template\.spec\.containers\[name="app"\]\.image \(apply with force to take it over\)$/,
    );
  });

  test("a CronJob's 422 (batch/v1beta1 on 1.20) goes on the job template's field", async () => {
    const text =
      'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Always\n          containers:\n          - name: app\n            image: busybox\n';
    const { reply, shown: got } = await apply(text, { dryRun: true });
    assert.equal(reply.status, 422, reply.body);
    assert.deepEqual(
      got.map((x) => `${at(text, x)} ${messageText(x.message)}`),
      ['11: Always spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    );
  });

  test('an answer about an older text is dropped', async () => {
    const svc = service('1.20');
    const d = doc(pod('old', '  containers: [{name: a, image: b}]\n'));
    assert.equal(svc.takeClusterAnswer(d, { uri: d.uri, index: 0, version: d.version - 1, status: { code: 422 }, warnings: [], action: 'Apply' }), false);
  });
});
