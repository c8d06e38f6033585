/**
 * The objects a file defines for the workspace index (service/workspaceObjects.ts): each kind, the
 * ranges of its name and keys, JSON files, several documents, what is not indexed, and that
 * nothing of a Secret's values is in the result.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Range } from 'vscode-languageserver-types';
import { IndexedObject, mayDefineObjects, objectsByDocument, objectsInText } from '../../server/src/service/workspaceObjects';
import { yaml } from '../helpers/service';

const URI = 'file:///ws/objects.yaml';

/** The text a range covers (on one line). */
function at(text: string, r: Range): string {
  const lines = text.split('\n');
  assert.equal(r.start.line, r.end.line, 'one line');
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

/** An object without its ranges and uri, and its ranges as the text they cover. */
function brief(text: string, o: IndexedObject) {
  return {
    kind: o.kind,
    name: o.name,
    ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
    nameAt: `${o.nameRange.start.line}:${o.nameRange.start.character} ${at(text, o.nameRange)}`,
    keys: o.keys.map((k) => `${k.key} @${k.range.start.line}:${k.range.start.character} ${at(text, k.range)}`),
    ...(o.labels ? { labels: o.labels } : {}),
  };
}

const SECRET = yaml`
  apiVersion: v1
  kind: Secret
  metadata:
    name: db-credentials
    namespace: prod
  type: Opaque
  data:
    password: c3VwZXItc2VjcmV0LXZhbHVlLTEyMzQ1Ng==
    "user.name": YWRtaW5pc3RyYXRvci1zZWNyZXQ=
  stringData:
    token: plain-text-secret-token-value-0042
`;

describe('objects in a text', () => {
  it('a ConfigMap: its name, namespace, data and binaryData keys, each where it is written', () => {
    const text = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app-config
        namespace: prod
        labels:
          app: web
      data:
        LOG_LEVEL: debug
        'config.yaml': |
          a: 1
      binaryData:
        logo.png: iVBORw0KGgo=
    `;
    const objects = objectsInText(URI, text);
    assert.deepEqual(
      objects.map((o) => brief(text, o)),
      [
        {
          kind: 'ConfigMap',
          name: 'app-config',
          namespace: 'prod',
          nameAt: '3:8 app-config',
          keys: ['LOG_LEVEL @8:2 LOG_LEVEL', 'config.yaml @9:3 config.yaml', 'logo.png @12:2 logo.png'],
        },
      ],
    );
    assert.equal(objects[0].uri, URI);
  });

  it('a Secret: data and stringData keys, and none of its values anywhere in the result', () => {
    const objects = objectsInText(URI, SECRET);
    assert.deepEqual(
      objects.map((o) => brief(SECRET, o)),
      [
        {
          kind: 'Secret',
          name: 'db-credentials',
          namespace: 'prod',
          nameAt: '3:8 db-credentials',
          keys: ['password @7:2 password', 'user.name @8:3 user.name', 'token @10:2 token'],
        },
      ],
    );
    const all = JSON.stringify(objects);
    for (const value of ['c3VwZXItc2VjcmV0LXZhbHVlLTEyMzQ1Ng==', 'YWRtaW5pc3RyYXRvci1zZWNyZXQ=', 'plain-text-secret-token-value-0042', 'Opaque'])
      assert.ok(!all.includes(value), `${value} in ${all}`);
  });

  it('a PersistentVolumeClaim, a ServiceAccount and a Namespace (its string labels) in one file, each document on its lines', () => {
    const text = yaml`
      apiVersion: v1
      kind: PersistentVolumeClaim
      metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata:
        name: "builder"
        namespace: ci
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: ci
        labels:
          pod-security.kubernetes.io/enforce: restricted
          replicas: 3
    `;
    assert.deepEqual(
      objectsInText(URI, text).map((o) => brief(text, o)),
      [
        { kind: 'PersistentVolumeClaim', name: 'data', nameAt: '3:8 data', keys: [] },
        { kind: 'ServiceAccount', name: 'builder', namespace: 'ci', nameAt: '13:9 builder', keys: [] },
        { kind: 'Namespace', name: 'ci', nameAt: '19:8 ci', keys: [], labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
      ],
    );
  });

  it('a JSON file', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'json-config' }, data: { 'a.txt': 'x', b: 'y' } }, null, 2);
    assert.deepEqual(
      objectsInText('file:///ws/cm.json', text).map((o) => brief(text, o)),
      [{ kind: 'ConfigMap', name: 'json-config', nameAt: '4:13 json-config', keys: ['a.txt @7:5 a.txt', 'b @8:5 b'] }],
    );
    const secret = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'c2VjcmV0LXZhbHVlLWluLWpzb24=' } });
    const objects = objectsInText('file:///ws/s.json', secret);
    assert.deepEqual(
      objects.map((o) => o.keys.map((k) => k.key)),
      [['k']],
    );
    assert.ok(!JSON.stringify(objects).includes('c2VjcmV0LXZhbHVlLWluLWpzb24='));
  });

  it('leaves out other apiVersions and kinds, objects without a name, Lists, and a Helm template name', () => {
    const text = yaml`
      apiVersion: v2
      kind: ConfigMap
      metadata:
        name: not-core
      ---
      apiVersion: example.com/v1
      kind: Secret
      metadata:
        name: custom
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        generateName: web-
      ---
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      ---
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: ConfigMap
          metadata:
            name: in-a-list
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: uses-a-secret
      spec:
        containers:
          - name: app
            image: nginx
            envFrom:
              - secretRef:
                  name: db
    `;
    assert.deepEqual(objectsInText(URI, text), []);
    const template = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: {{ .Release.Name }}-config
      data:
        literal: "1"
        {{ .Values.key }}: "2"
    `;
    assert.deepEqual(objectsInText('file:///ws/chart/templates/cm.yaml', template), []);
    const literalName = template.replace('{{ .Release.Name }}-config', 'fixed-config');
    assert.deepEqual(
      objectsInText('file:///ws/chart/templates/cm.yaml', literalName).map((o) => [o.name, o.keys.map((k) => k.key)]),
      [['fixed-config', ['literal']]],
    );
  });

  it('does not parse a text that names none of the kinds', () => {
    assert.equal(mayDefineObjects('apiVersion: v1\nkind: Pod\nspec:\n  volumes:\n    - configMap:\n        name: x\n'), false);
    assert.equal(mayDefineObjects('{"name": "pkg", "dependencies": {"kind": "1.0"}}'), false);
    assert.equal(mayDefineObjects('kind: SecretProviderClass\n'), false);
    assert.equal(mayDefineObjects('kind: "ConfigMap"\n'), true);
    assert.equal(mayDefineObjects('{"kind":"Namespace"}'), true);
  });

  it('yields document by document, so that a caller can stop between two', () => {
    const text = [SECRET, SECRET.replace('db-credentials', 'other'), 'apiVersion: v1\nkind: Pod\n'].join('---\n');
    const steps = [...objectsByDocument(URI, text)].map((found) => found.map((o) => o.name));
    // The Pod's document names none of the kinds: no step of its own.
    assert.deepEqual(steps, [['db-credentials'], ['other']]);
  });

  it('a document with a syntax error still gives what decodes, and one that does not decode gives nothing', () => {
    assert.deepEqual(
      objectsInText(URI, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  a: 1\n  a: 2\n').map((o) => o.keys.map((k) => k.key)),
      [['a']],
    );
    assert.deepEqual(objectsInText(URI, 'apiVersion: v1\nkind: ConfigMap\nmetadata: [\n'), []);
  });
});
