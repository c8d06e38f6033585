// The Pod Security quick fixes: the text each one writes, in the document's own style, and only
// where a field is missing or wrong.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePodSecuritySetting } from '../../server/src/service/podSecurity';
import { applyEdits, doc, service, yaml } from '../helpers/service';

const restricted = () => {
  const s = service();
  s.setPodSecurity(parsePodSecuritySetting('restricted:latest')!);
  return s;
};

/** The titles offered on the first finding with `code`, and the text after the one starting with `title`. */
function fix(text: string, code: string, title: string): { titles: string[]; fixed: string; left: string[] } {
  const s = restricted();
  const uri = 'file:///fix.yaml';
  const finding = s.validate(doc(text, uri)).find((d) => d.code === code);
  assert.ok(finding, `no ${code}`);
  const actions = s.codeActions(doc(text, uri), finding.range, [finding]).filter((a) => !a.title.startsWith('Disable'));
  const action = actions.find((a) => a.title.startsWith(title));
  assert.ok(action, `no "${title}" in ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = applyEdits(text, action.edit!.changes![uri]);
  const left = restricted()
    .validate(doc(fixed, 'file:///fixed.yaml'))
    .filter((d) => String(d.code).startsWith('pod-security/'))
    .map((d) => String(d.code));
  return { titles: actions.map((a) => a.title), fixed, left };
}

describe('the restricted quick fixes', () => {
  it('a container: the four fields under it, after its name line, at the document indentation', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: app # the server
            image: nginx
    `;
    const got = fix(text, 'pod-security/allowPrivilegeEscalation', 'Make container "app" restricted');
    assert.deepEqual(got.titles, [
      'Set securityContext.allowPrivilegeEscalation: false',
      'Make container "app" restricted (allowPrivilegeEscalation, capabilities.drop, runAsNonRoot, seccompProfile)',
      'Make the Pod restricted (runAsNonRoot, seccompProfile for the Pod; allowPrivilegeEscalation, capabilities.drop for every container)',
    ]);
    assert.equal(
      got.fixed,
      yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: app # the server
              securityContext:
                allowPrivilegeEscalation: false
                capabilities:
                  drop:
                    - ALL
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              image: nginx
      `,
    );
    assert.deepEqual(got.left, []);
  });

  it('a container with a securityContext: wrong values replaced in place, ALL added to its drop list, privileged turned off with them', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
            allowPrivilegeEscalation: true
            capabilities:
              drop: [NET_RAW]
            seccompProfile: {type: 'Unconfined'}
    `;
    const got = fix(text, 'pod-security/allowPrivilegeEscalation', 'Make container');
    assert.equal(
      got.fixed,
      yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
          - name: app
            image: nginx
            securityContext:
              privileged: false
              runAsNonRoot: true
              allowPrivilegeEscalation: false
              capabilities:
                drop: [ALL, NET_RAW]
              seccompProfile: {type: 'RuntimeDefault'}
      `,
    );
    assert.deepEqual(got.left, []);
  });

  it('an empty securityContext: the map under its key', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - securityContext:\n    name: app\n    image: nginx\n';
    const got = fix(text, 'pod-security/runAsNonRoot', 'Make container');
    assert.equal(
      got.fixed,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - securityContext:\n      allowPrivilegeEscalation: false\n      capabilities:\n        drop:\n        - ALL\n      runAsNonRoot: true\n      seccompProfile:\n        type: RuntimeDefault\n    name: app\n    image: nginx\n',
    );
    assert.deepEqual(got.left, []);
  });

  it('JSON: quoted keys and strings, each new entry on a line of its own before the first', () => {
    const text =
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "web"},\n  "spec": {\n    "containers": [\n      {\n        "name": "app",\n        "image": "nginx"\n      }\n    ]\n  }\n}\n';
    const got = fix(text, 'pod-security/seccompProfile_restricted', 'Make the Pod');
    assert.equal(
      got.fixed,
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "web"},\n  "spec": {\n    "securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},\n    "containers": [\n      {\n        "securityContext": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}},\n        "name": "app",\n        "image": "nginx"\n      }\n    ]\n  }\n}\n',
    );
    assert.deepEqual(got.left, []);
  });

  it('flow YAML on one line: the entries inline', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{name: app, image: nginx}]}\n';
    const got = fix(text, 'pod-security/capabilities_restricted', 'Make container');
    assert.equal(
      got.fixed,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: {containers: [{securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}, name: app, image: nginx}]}\n',
    );
  });

  it("a Deployment's template: the Pod fix sets the Pod's two fields and every container's two", () => {
    const text = yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: app
              image: nginx
            - name: side
              image: busybox
              securityContext:
                runAsNonRoot: false
    `;
    const got = fix(text, 'pod-security/runAsNonRoot', 'Make the Pod template');
    assert.equal(
      got.fixed,
      yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
              - name: app
                securityContext:
                  allowPrivilegeEscalation: false
                  capabilities:
                    drop:
                    - ALL
                image: nginx
              - name: side
                image: busybox
                securityContext:
                  runAsNonRoot: true
                  allowPrivilegeEscalation: false
                  capabilities:
                    drop:
                    - ALL
      `,
    );
    assert.deepEqual(got.left, []);
  });

  it('a Windows Pod: only runAsNonRoot (the Linux-only fields are exempt, and refused on Windows)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  os:\n    name: windows\n  containers:\n  - name: app\n    image: mcr.microsoft.com/windows/nanoserver\n';
    const got = fix(text, 'pod-security/runAsNonRoot', 'Make container');
    assert.equal(got.fixed, text.replace('  - name: app\n', '  - name: app\n    securityContext:\n      runAsNonRoot: true\n'));
    assert.deepEqual(got.left, []);
  });

  it('one value for one finding: privileged, host namespaces, procMount', () => {
    const text = yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        hostPID: true
        containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
            procMount: Unmasked
    `;
    assert.match(fix(text, 'pod-security/privileged', 'Set securityContext.privileged: false').fixed, /privileged: false\n/);
    assert.match(fix(text, 'pod-security/hostNamespaces', 'Set hostPID: false').fixed, /hostPID: false\n/);
    assert.match(fix(text, 'pod-security/procMount_restricted', 'Set securityContext.procMount: Default').fixed, /procMount: Default\n/);
  });
});
