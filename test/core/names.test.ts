// Names that point at names, in the pure core: which completion items, definition, references,
// highlights and rename edits at the `|` cursor, and the warnings where the server does not look.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CompletionList, Location, Range, WorkspaceEdit } from 'vscode-languageserver-types';
import { SHARED } from '../helpers/reference';
import { applyEdits, brief, doc, service, withCursor, yaml } from '../helpers/service';

const CORPUS = join(SHARED, 'corpus');

const at = (marked: string) => {
  const { text, position } = withCursor(marked);
  return { s: service(), d: doc(text, 'file:///names.yaml'), position, text };
};
/** A range as `line:col-line:col`, 1-based. */
const r = (range: Range) => `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
const ranges = (ls: Location[] | Location | null) => (ls === null ? [] : (Array.isArray(ls) ? ls : [ls]).map((l) => r(l.range)));

/** `text` with the cursor `|` at a 1-based line and column. */
function mark(text: string, line: number, col: number): string {
  const lines = text.split('\n');
  lines[line - 1] = lines[line - 1].slice(0, col - 1) + '|' + lines[line - 1].slice(col - 1);
  return lines.join('\n');
}

const deployment = (mountName = 'data', probePort = 'http') => yaml`
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
        containers:
        - name: app
          image: nginx
          ports:
          - name: http
            containerPort: 80
          livenessProbe:
            httpGet:
              path: /
              port: ${probePort}
          volumeMounts:
          - name: ${mountName}
            mountPath: /data
        - name: side
          image: busybox
          volumeMounts:
          - name: data
            mountPath: /cache
`;

describe('go to definition and references', () => {
  it("a volumeMount's name → its volume; the volume → its two mounts", () => {
    const { s, d, position } = at(mark(deployment(), 30, 19));
    assert.deepEqual(ranges(s.definition(d, position)), ['17:15-17:19']);
    assert.deepEqual(ranges(s.references(d, position, true)), ['17:15-17:19', '30:17-30:21', '35:17-35:21']);
    assert.deepEqual(ranges(s.references(d, position, false)), ['30:17-30:21', '35:17-35:21']);
  });

  it("a probe's named port → the container's port", () => {
    const { s, d, position } = at(deployment().replace('port: http', 'port: ht|tp'));
    assert.deepEqual(ranges(s.definition(d, position)), ['23:17-23:21']);
  });

  it('the default-container annotation → the container; a selector key → the template label', () => {
    const a = at(deployment().replace('default-container: app', 'default-container: a|pp'));
    assert.deepEqual(ranges(a.s.definition(a.d, a.position)), ['20:15-20:18']);
    const b = at(deployment().replace('    matchLabels:\n      app: web', '    matchLabels:\n      a|pp: web'));
    assert.deepEqual(ranges(b.s.definition(b.d, b.position)), ['12:9-12:12']);
  });

  it("a Service's targetPort and selector in the same file point into the Deployment", () => {
    const service =
      '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: ht|tp\n';
    const { s, d, position } = at(deployment() + service);
    assert.deepEqual(ranges(s.definition(d, position)), ['23:17-23:21']);
  });

  it('highlights the definition as written and the references as read', () => {
    const { s, d, position } = at(mark(deployment(), 17, 16));
    assert.deepEqual(
      s.highlights(d, position).map((h) => `${r(h.range)} ${h.kind}`),
      ['17:15-17:19 3', '30:17-30:21 2', '35:17-35:21 2'],
    );
  });
});

describe('rename', () => {
  it('a volume: itself and every mount, nothing else', () => {
    const { s, d, position, text } = at(mark(deployment(), 17, 16));
    assert.deepEqual(s.prepareRename(d, position), { range: { start: { line: 16, character: 14 }, end: { line: 16, character: 18 } }, placeholder: 'data' });
    const edit = s.rename(d, position, 'cache') as WorkspaceEdit;
    const renamed = applyEdits(text, edit.changes!['file:///names.yaml']);
    assert.equal(renamed, deployment('cache').replaceAll('- name: data', '- name: cache'));
    assert.equal(renamed.split('\n').filter((l, i) => l !== deployment().split('\n')[i]).length, 3);
  });

  it('a port: itself and the probe that names it', () => {
    const { s, d, position, text } = at(deployment().replace('- name: http', '- name: ht|tp'));
    const edit = s.rename(d, position, 'web') as WorkspaceEdit;
    const renamed = applyEdits(text, edit.changes!['file:///names.yaml']);
    assert.equal(renamed, deployment('data', 'web').replace('- name: http', '- name: web'));
  });

  it('refuses a name the API server would refuse, and a place that names nothing', () => {
    const { s, d, position } = at(deployment().replace('- name: http', '- name: ht|tp'));
    assert.deepEqual(s.rename(d, position, 'Web_Port'), {
      refused: 'Invalid port name "Web_Port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    });
    const other = at(deployment().replace('image: nginx', 'image: ng|inx'));
    assert.deepEqual(other.s.prepareRename(other.d, other.position), {
      refused: 'Only the name of a volume, a container, a port or a label (where it is defined or named) can be renamed here.',
    });
  });
});

describe('completion of names', () => {
  const labels = (l: CompletionList) => l.items.map((i) => i.label);
  it("a volumeMount's name: the Pod's volumes", () => {
    const { s, d, position } = at(mark(deployment(''), 30, 17));
    assert.deepEqual(labels(s.complete(d, position)), ['data']);
  });
  it("a probe's port: the container's own port names", () => {
    const { s, d, position } = at(deployment().replace('port: http', 'port: |'));
    assert.deepEqual(labels(s.complete(d, position)), ['http']);
  });
  it('the default-container annotation: the containers', () => {
    const { s, d, position } = at(deployment().replace('default-container: app', 'default-container: |'));
    assert.deepEqual(labels(s.complete(d, position)), ['app', 'side']);
  });
  it("a selector's matchLabels: the template's labels, with their values", () => {
    const { s, d, position } = at(deployment().replace('    matchLabels:\n      app: web', '    matchLabels:\n      |'));
    assert.deepEqual(labels(s.complete(d, position)), ['app: web']);
  });
});

describe('the checks the server does not make', () => {
  it('a probe on a port the container does not declare, a default container and a resourceFieldRef naming no container, a Service that selects nothing', () => {
    const text =
      deployment('data', 'htttp')
        .replace('default-container: app', 'default-container: sidecar')
        .replace(
          '          mountPath: /data\n',
          '          mountPath: /data\n        env:\n        - name: CPU\n          valueFrom:\n            resourceFieldRef:\n              containerName: ap\n              resource: limits.cpu\n',
        ) + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: webb\n  ports:\n  - port: 80\n';
    assert.deepEqual(service().validate(doc(text)).map(brief), [
      '14:50-14:57 unresolved-name No container is named "sidecar" (the containers: "app", "side"): the API server accepts it, but kubectl ignores the annotation and picks the first container',
      '28:19-28:24 unresolved-name Container "app" declares no port named "htttp" (its ports: "http"): the API server accepts it, but the kubelet cannot resolve it and the probe fails',
      '36:30-36:32 unresolved-name No container is named "ap" (the containers: "app", "side"): the API server accepts it, but the kubelet cannot resolve this resourceFieldRef and the container does not start',
      '50:5-50:8 selects-nothing This Service selects app=webb: no Pod template of this file has these labels (1 in its namespace), so it has no endpoints from them',
    ]);
  });
});

describe('the name checks over the corpus', { skip: !existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
  it('say nothing about any valid Pod or workload (or Service beside them)', () => {
    const files = ['valid', 'valid/gated', 'workloads'].flatMap((dir) =>
      readdirSync(join(CORPUS, dir))
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .map((f) => join(CORPUS, dir, f)),
    );
    assert.ok(files.length > 190, `${files.length} files`);
    const s = service();
    const found = files.flatMap((f) =>
      s
        .validate(doc(readFileSync(f, 'utf8'), `file://${f}`))
        .filter((d) => d.code === 'unresolved-name' || d.code === 'selects-nothing')
        .map((d) => `${f}: ${brief(d)}`),
    );
    assert.deepEqual(found, []);
  });
});
