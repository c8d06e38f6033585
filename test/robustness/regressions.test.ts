/** What the fuzz test and the hard inputs found, each pinned by the smallest input that showed it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doc, service } from '../helpers/service';

test('outline: a container whose name has an empty value keeps its selection range inside its range (fuzz seed 5)', () => {
  const text = '---\n{\n---\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: {\n  },\n  spec: {\n    containers: [{\n      name\n: "etcd",\n';
  const [pod] = service().symbols(doc(text));
  const inside = (outer: { start: { line: number; character: number }; end: { line: number; character: number } }, inner: typeof outer) =>
    (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
    (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
  assert.ok(pod.children?.length);
  for (const s of [pod, ...(pod.children ?? [])]) assert.ok(inside(s.range, s.selectionRange), JSON.stringify(s));
});

test('CRLF: a problem ending at a line break ends before its \\r (fuzz seed 2)', () => {
  const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\nspec:\r\n  containers:\r\n    - name: a\r\n      args:\r\n        - "\r\n--x"\r\n';
  for (const d of service().validate(doc(text))) {
    const line = text.split('\r\n')[d.range.end.line];
    assert.ok(d.range.end.character <= line.length, `${d.message}: ${JSON.stringify(d.range)} past "${line}"`);
  }
});

// How long it takes (linear in the keys: it was quadratic) is measured by `npm run bench:hard`.
test('a mapping of 20,000 keys on one line is checked, its one duplicate found', () => {
  const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: v`);
  keys.push('k7: again');
  const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {${keys.join(', ')}}\nspec:\n  containers:\n    - name: a\n      image: a\n`;
  const ds = service().validate(doc(text));
  assert.deepEqual(
    ds.filter((d) => d.code === 'duplicate-key').map((d) => d.message),
    ['mapping key "k7" already defined at line 5'],
  );
});
