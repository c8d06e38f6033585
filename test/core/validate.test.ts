import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brief, doc, messageText, service, yaml } from '../helpers/service';

const podWithOneFaultOfEachKind = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    labels:
      app: yes
  spec:
    restartPolicy: Sometimes
    containers:
    - name: app
      image: nginx
      imagePullPolcy: Always
      workingDir: @app
      stdin: true
      stdin: false
      ports:
      - containerPort: "80"
      livenessProbe:
        httpGet:
          port: true
      resources:
        limits:
          cpu: 1.5.5
    - name: sidecar
      command: [sleep, infinity]
`;

const sameFixed = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: web
    labels:
      app: "yes"
  spec:
    restartPolicy: OnFailure
    containers:
    - name: app
      image: nginx
      imagePullPolicy: Always
      workingDir: /app
      stdin: true
      ports:
      - containerPort: 80
      livenessProbe:
        httpGet:
          port: 8080
      resources:
        limits:
          cpu: 1.5
    - name: sidecar
      image: busybox
      command: [sleep, infinity]
`;

describe('diagnostics', () => {
  it('reports each fault of a Pod once, on its node, and nothing else', () => {
    const got = service().validate(doc(podWithOneFaultOfEachKind)).map(brief);
    assert.deepEqual(got, [
      '6:10-6:13 wrong-type json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
      '8:18-8:27 unsupported-value spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      '12:5-12:19 unknown-field strict decoding error: unknown field "spec.containers[0].imagePullPolcy" (did you mean imagePullPolicy?)',
      '13:17-13:18 yaml-syntax yaml: line 13: found character that cannot start any token',
      '15:5-15:10 duplicate-key mapping key "stdin" already defined at line 14',
      '17:22-17:26 wrong-type json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
      '20:15-20:19 wrong-type json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type intstr.IntOrString',
      `23:14-23:19 invalid-quantity spec.containers[0].resources.limits[cpu]: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
      '24:5-24:9 required spec.containers[1].image: Required value',
    ]);
  });

  it('reports nothing once the same Pod is fixed', () => {
    assert.deepEqual(service().validate(doc(sameFixed)).map(brief), []);
  });

  it('reads a key being typed above another key as the syntax error alone, not as that key lost', () => {
    // `ho` reads on into `volumes` (one key, `ho volumes`): without care, the volumes would be
    // gone for as long as the key is half typed, and both mounts reported as not found.
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        ho
        volumes:
        - name: data
          emptyDir: {}
        containers:
        - name: a
          image: nginx
          volumeMounts: [{name: data, mountPath: /a}]
        - name: b
          image: nginx
          volumeMounts: [{name: data, mountPath: /b}]
    `;
    assert.deepEqual(service().validate(doc(text)).map(brief), ['5:3-6:10 yaml-syntax yaml: line 5: implicit keys need to be on a single line']);
    // Finished, the key is checked as any other.
    assert.deepEqual(
      service()
        .validate(doc(text.replace('  ho\n', '  hostnme: web\n')))
        .map(brief),
      ['5:3-5:10 unknown-field strict decoding error: unknown field "spec.hostnme" (did you mean hostname?)'],
    );
  });

  it('offers the closest known name as a quick fix for an unknown field', () => {
    const svc = service();
    const d = doc(podWithOneFaultOfEachKind);
    const diagnostics = svc.validate(d).filter((x) => x.code === 'unknown-field');
    const actions = svc.codeActions(d, diagnostics[0].range, diagnostics);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Change to imagePullPolicy', 'Disable unknown-field on this line', 'Disable unknown-field in this document'],
    );
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[0].edit?.changes?.[d.uri], [{ range: diagnostics[0].range, newText: 'imagePullPolicy' }]);
  });

  it('says when a field is not available in the chosen Kubernetes version', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        hostUsers: false
        containers: [{name: a, image: nginx}]
    `;
    assert.deepEqual(service('1.23').validate(doc(text)).map(brief), [
      '5:3-5:12 unavailable-field unknown field "spec.hostUsers": not available in Kubernetes 1.23 (added in 1.25)',
    ]);
    assert.deepEqual(service('1.25').validate(doc(text)).map(brief), []);
  });

  it('says when a field was removed before the chosen version', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p, clusterName: old}
      spec:
        containers: [{name: a, image: nginx}]
    `;
    assert.deepEqual(service('1.35').validate(doc(text)).map(brief), [
      '3:21-3:32 unavailable-field unknown field "metadata.clusterName": not available in Kubernetes 1.35 (removed after 1.24)',
    ]);
    assert.deepEqual(service('1.24').validate(doc(text)).map(brief), []);
  });

  it('points a missing required field at its parent key, or at the key left empty', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        volumes:
        - name: data
          configMap:
            name: settings
            items:
            - key: a
        containers:
        - name:
          image: nginx
          volumeMounts:
          - name: data
    `;
    assert.deepEqual(service().validate(doc(text)).map(brief), [
      '11:9-11:12 required spec.volumes[0].configMap.items[0].path: Required value',
      '13:5-13:9 required spec.containers[0].name: Required value',
      '16:7-16:11 required spec.containers[0].volumeMounts[0].mountPath: Required value',
      // As the server does: a volume with an error is not there for mounts to name.
      '16:13-16:17 not-found spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ]);
  });

  it('reports a wrong apiVersion or kind where it is written, with its fix', () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Pod
      metadata: {name: a}
      spec: {containers: [{name: a, image: nginx}]}
      ---
      apiVersion: v1
      kind: pod
      metadata: {name: b}
      spec: {containers: [{name: a, image: nginx}]}
      ---
      apiVersion: v1
      knd: Pod
      metadata: {name: c}
      spec: {containers: [{name: a, image: nginx}]}
    `;
    const got = service().validate(doc(text));
    assert.deepEqual(got.map(brief), [
      '1:13-1:20 wrong-api-version no matches for kind "Pod" in version "apps/v1"',
      '7:7-7:10 wrong-kind no matches for kind "pod" in version "v1"',
      `12:1-12:4 missing-kind Object 'Kind' is missing in '{...}'`,
    ]);
    assert.deepEqual(
      got.map((d) => (d.data as { replacement?: string }).replacement),
      ['v1', 'Pod', 'kind'],
    );
  });

  it('validates the value Kubernetes decodes: YAML 1.1 booleans and octal numbers', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
        labels: {tier: on}
      spec:
        containers:
        - name: a
          image: nginx
          stdin: yes
          tty: On
        volumes:
        - name: c
          configMap: {name: c, defaultMode: 0644}
    `;
    assert.deepEqual(service().validate(doc(text)).map(brief), [
      '5:18-5:20 wrong-type json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string',
    ]);
  });

  it('reports a problem inside an anchor where the anchor is written', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: a
          image: nginx
          resources: &res
            limits: {cpu: lots}
        - name: b
          image: nginx
          resources: *res
    `;
    const got = service().validate(doc(text)).map(brief);
    assert.deepEqual(got, [
      `9:21-9:25 invalid-quantity spec.containers[0].resources.limits[cpu]: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    ]);
  });

  it('refuses an alias bomb with one clear message instead of expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n  annotations:\n${levels.map((l) => '    ' + l).join('\n')}\nspec: {containers: [{name: a, image: nginx}]}\n`;
    const got = service().validate(doc(text));
    assert.equal(got.length, 1);
    assert.equal(got[0].code, 'too-complex');
    assert.match(messageText(got[0].message), /aliases expand to more than 50,000 nodes \(an alias bomb\?\)/);
  });

  it('gives documents that are not Pods no diagnostics at all', () => {
    const workflow = yaml`
      name: CI
      on: [push]
      jobs:
        build:
          runs-on: ubuntu-latest
          steps:
          - uses: actions/checkout@v4
    `;
    const compose = yaml`
      services:
        web:
          image: nginx
          ports: ["80:80"]
    `;
    const kubeconfig = yaml`
      apiVersion: v1
      kind: Config
      clusters: []
      bogus: : :
    `;
    for (const text of [workflow, compose, kubeconfig]) assert.deepEqual(service().validate(doc(text)).map(brief), []);
  });
});

describe('enum values the server words as invalid rather than unsupported', () => {
  it('says a selector operator is not valid, as ValidateNodeSelectorRequirement does', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: [{name: a, image: nginx}]
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
              - matchExpressions:
                - {key: zone, operator: Equals, values: [a]}
    `;
    assert.deepEqual(service().validate(doc(text)).map(brief), [
      '11:35-11:41 unsupported-value spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
    ]);
  });
});

describe('what the OpenAPI documents call required and the server does not', () => {
  it('accepts a sysctl and an HTTP header without a value, an iSCSI volume without lun, a preference-less term', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        securityContext:
          sysctls: [{name: kernel.shm_rmid_forced}]
        affinity:
          nodeAffinity:
            preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1}]
        containers:
        - name: a
          image: busybox
          livenessProbe: {httpGet: {port: 80, httpHeaders: [{name: X-Probe}]}}
        volumes:
        - {name: v, iscsi: {targetPortal: "10.0.0.1:3260", iqn: "iqn.2001-04.com.example:disk1"}}
    `;
    for (const version of ['1.20', '1.35'] as const) assert.deepEqual(service(version).validate(doc(text)).map(brief), [], version);
    // What the schema and the server both require is still reported.
    assert.deepEqual(
      service()
        .validate(doc(text.replace('{name: kernel.shm_rmid_forced}', '{value: "1"}')))
        .map(brief),
      ['6:16-6:21 required spec.securityContext.sysctls[0].name: Required value'],
    );
  });
});

describe('null, as the server decodes it', () => {
  it('is the zero value: a null memory limit is 0, a null host alias IP is empty', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: p
      spec:
        hostAliases: [{ip: null, hostnames: [db]}]
        containers:
        - name: a
          image: busybox
          resources:
            limits: {memory: null}
            requests: {memory: 1Gi}
    `;
    assert.deepEqual(service('1.20').validate(doc(text)).map(brief), [
      '6:17-6:44 invalid-value spec.hostAliases.ip: Invalid value: "": must be valid IP address',
      '12:26-12:29 invalid-value spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit',
    ]);
    assert.deepEqual(service('1.35').validate(doc(text)).map(brief), [
      '6:18-6:20 required spec.hostAliases[0].ip: Required value',
      '12:26-12:29 invalid-value spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 0',
    ]);
  });
});
