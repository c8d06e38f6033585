/**
 * Every object that carries a Pod template, as the editor shows it: the Pod's faults inside the
 * template at the template's path and line, each kind's own rules, the apiVersions a version
 * serves, a StatefulSet's template before and after 1.34, and the outline.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, DocumentSymbol } from 'vscode-languageserver-types';
import { SchemaModel } from '../../server/src/schema/model';
import type { KubernetesVersion } from '../../server/src/schema/versions';
import { brief, doc, messageText, schemas, service, yaml } from '../helpers/service';

const diagnostics = (text: string, version?: KubernetesVersion) => service(version).validate(doc(text)).map(brief);

const deployment = (container: string, extra = '') => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    replicas: 2
    selector:
      matchLabels:
        app: web
    template:
      metadata:
        labels:
          app: web
      spec:${extra}
        containers:
        - name: web
          image: nginx${container}
`;

/** A CronJob at `apiVersion`, valid in every version that serves it there. */
const cronJob = (apiVersion: string) => yaml`
  apiVersion: ${apiVersion}
  kind: CronJob
  metadata:
    name: hello
  spec:
    schedule: "@hourly"
    jobTemplate:
      spec:
        template:
          spec:
            containers:
            - name: hello
              image: busybox
            restartPolicy: Never
`;

describe('workloads', () => {
  it('passes a valid Deployment, Job, CronJob, DaemonSet, StatefulSet, ReplicaSet, ReplicationController and PodTemplate clean', () => {
    const all = [
      deployment(''),
      yaml`
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: pi
        spec:
          backoffLimit: 4
          template:
            spec:
              containers:
              - name: pi
                image: perl
              restartPolicy: Never
      `,
      cronJob('batch/v1'),
      deployment('').replace('Deployment', 'DaemonSet').replace('  replicas: 2\n', ''),
      deployment('').replace('Deployment', 'ReplicaSet'),
      deployment('').replace('Deployment', 'StatefulSet').replace('  replicas: 2\n', '  serviceName: web\n'),
      deployment('').replace('apps/v1', 'v1').replace('Deployment', 'ReplicationController').replace('    matchLabels:\n      app: web', '    app: web'),
      yaml`
        apiVersion: v1
        kind: PodTemplate
        metadata:
          name: tpl
        template:
          spec:
            containers:
            - name: web
              image: nginx
      `,
    ].join('---\n');
    for (const version of ['1.20', '1.27', '1.35'] as const) {
      const found = diagnostics(version === '1.20' ? all.replace('batch/v1\nkind: CronJob', 'batch/v1beta1\nkind: CronJob') : all, version);
      assert.deepEqual(found, [], version);
    }
  });

  it("squiggles a fault in a Deployment's template on its line, with the template's path", () => {
    assert.deepEqual(diagnostics(deployment('\n          imagePullPolicy: Sometimes\n          imagePullPolcy: Always')), [
      '18:26-18:35 unsupported-value spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
      '19:9-19:23 unknown-field strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)',
    ]);
  });

  it("gives each kind its own rules and the template's restartPolicy it accepts", () => {
    assert.deepEqual(diagnostics(deployment('', '\n        restartPolicy: Never').replace('replicas: 2', 'replicas: -1')), [
      '6:13-6:15 invalid-value spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      '15:22-15:27 unsupported-value spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('refuses ephemeral containers in a template, in the words of ValidatePodTemplateSpec', () => {
    const text = deployment('', '\n        ephemeralContainers:\n        - name: debug\n          image: busybox');
    assert.deepEqual(
      service('1.35')
        .validate(doc(text))
        .map((d) => messageText(d.message)),
      ['spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template'],
    );
  });

  it("does not check a template's name (it has none of its own)", () => {
    assert.deepEqual(diagnostics(deployment('').replace('    metadata:\n      labels:', '    metadata:\n      name: Not_A_Name\n      labels:')), []);
  });

  it('answers "no matches for kind" on an apiVersion the version does not serve, with a quick fix, and goes no further', () => {
    const svc = service('1.35');
    const text = deployment('')
      .replace('apps/v1', 'extensions/v1beta1')
      .replace(/ {2}selector:\n.*\n.*\n/, '');
    const d = doc(text);
    const found = svc.validate(d);
    assert.deepEqual(found.map(brief), ['1:13-1:31 wrong-api-version no matches for kind "Deployment" in version "extensions/v1beta1"']);
    const [fix] = svc.codeActions(d, found[0].range, found);
    assert.equal(fix.title, 'Change to apps/v1');
  });

  it('serves CronJob as batch/v1beta1 until 1.24 and as batch/v1 from 1.21', () => {
    // Served, with the Warning the server sends for a deprecated apiVersion.
    assert.deepEqual(diagnostics(cronJob('batch/v1beta1'), '1.24'), [
      '1:13-1:26 deprecated-api-version batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+; use batch/v1 CronJob',
    ]);
    assert.deepEqual(diagnostics(cronJob('batch/v1beta1'), '1.20'), []);
    assert.deepEqual(diagnostics(cronJob('batch/v1'), '1.24'), []);
    assert.deepEqual(diagnostics(cronJob('batch/v1beta1'), '1.25'), ['1:13-1:26 wrong-api-version no matches for kind "CronJob" in version "batch/v1beta1"']);
    assert.deepEqual(diagnostics(cronJob('batch/v1'), '1.20'), ['1:13-1:21 wrong-api-version no matches for kind "CronJob" in version "batch/v1"']);
  });

  it("with a cluster's own Pod schema, reads a workload with the nearest bundled version's, and serves what the cluster's version serves", () => {
    const svc = service('1.35');
    // A 1.22 cluster: its own Pod schema; no bundled 1.22, so workloads are read as 1.20's.
    svc.useSchema(new SchemaModel({ ...schemas('1.20').schema, version: '1.22' }));
    assert.deepEqual(svc.validate(doc(cronJob('batch/v1'))).map(brief), []);
    assert.deepEqual(svc.validate(doc(cronJob('batch/v1beta1'))).map(brief), [
      '1:13-1:26 deprecated-api-version batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+; use batch/v1 CronJob',
    ]);
    // Hover reads the 1.20 schema's CronJob (batch/v1beta1's words).
    const h = svc.hover(doc(cronJob('batch/v1')), { line: 5, character: 4 });
    assert.match(JSON.stringify(h?.contents ?? ''), /schedule in Cron format/);
  });

  describe("a StatefulSet's template", () => {
    const statefulSet = (mount: string) => yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata:
        name: db
      spec:
        serviceName: db
        selector:
          matchLabels:
            app: db
        template:
          metadata:
            labels:
              app: db
          spec:
            containers:
            - name: db
              image: postgres
              volumeMounts:
              - name: ${mount}
                mountPath: /var/lib/postgresql
        volumeClaimTemplates:
        - metadata:
            name: data
          spec:
            accessModes: [ReadWriteOnce]
            resources:
              requests:
                storage: 1Gi
    `;

    it('may mount a volume claim template (the controller adds it to each Pod)', () => {
      for (const version of ['1.20', '1.33', '1.34', '1.35'] as const) assert.deepEqual(diagnostics(statefulSet('data'), version), [], version);
    });

    it('is checked from 1.34; before, its faults are warnings that its Pods will be rejected', () => {
      const note =
        "Kubernetes before 1.34 does not check a StatefulSet's Pod template: the StatefulSet is accepted, then every Pod it makes is rejected (FailedCreate)";
      const before = service('1.33').validate(doc(statefulSet('logs')));
      assert.deepEqual(
        before.map((d) => [d.severity, messageText(d.message)]),
        [[DiagnosticSeverity.Warning, `spec.template.spec.containers[0].volumeMounts[0].name: Not found: "logs": ${note}`]],
      );
      assert.deepEqual(diagnostics(statefulSet('logs'), '1.34'), [
        '19:17-19:21 not-found spec.template.spec.containers[0].volumeMounts[0].name: Not found: "logs"',
      ]);
    });
  });

  it('outlines each workload by name and kind, with the containers of its template', () => {
    const [symbol] = service().symbols(doc(deployment('')));
    const shape = (s: DocumentSymbol): unknown => ({ name: s.name, detail: s.detail, children: s.children?.map(shape) });
    assert.deepEqual(shape(symbol), { name: 'web', detail: 'Deployment', children: [{ name: 'web', detail: 'container · nginx', children: undefined }] });
  });
});
