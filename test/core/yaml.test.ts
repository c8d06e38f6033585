import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuantity, QUANTITY_PATTERN, quantityOf } from '../../server/src/schema/quantity';
import { resolvePlainScalar } from '../../server/src/yaml/scalars';
import { splitDocuments } from '../../server/src/yaml/split';
import { parseYamlDocument } from '../../server/src/yaml/parse';

describe('reading YAML as Kubernetes does', () => {
  it('resolves plain scalars by go-yaml v2 rules', () => {
    const cases: [string, unknown][] = [
      ['yes', true],
      ['On', true],
      ['y', true],
      ['NO', false],
      ['off', false],
      ['~', null],
      ['null', null],
      ['0644', 420],
      ['0x1F', 31],
      ['0b101', 5],
      ['1_000', 1000],
      ['1e3', 1000],
      ['.5', 0.5],
      ['08', 8],
      ['12:30', '12:30'],
      ['2021-01-01', '2021-01-01'],
      ['-1', -1],
      ['nginx', 'nginx'],
      ['True', true],
      ['yES', 'yES'],
    ];
    for (const [source, expected] of cases) assert.equal(resolvePlainScalar(source), expected, source);
  });

  it('splits documents at --- lines only, keeping a leading comment with the first', () => {
    const text = '# top\n---\na: 1\n---\nb: |\n  --- not a marker (indented)\n...\n---\nc: 3\n';
    const parts = splitDocuments(text);
    assert.deepEqual(
      parts.map((p) => [p.line, p.text]),
      [
        [0, '# top\n---\na: 1\n'],
        [3, '---\nb: |\n  --- not a marker (indented)\n...\n'],
        [7, '---\nc: 3\n'],
      ],
    );
    assert.equal(parts.map((p) => p.text).join(''), text);
  });

  it("accepts \\' in double quotes as go-yaml does", () => {
    const parsed = parseYamlDocument('a: "it\\\'s"\n');
    assert.deepEqual(parsed.syntax, []);
    assert.deepEqual(parsed.decoded?.value, { a: "it's" });
  });

  it('resolves merge keys with explicit keys winning, and records where values came from', () => {
    const parsed = parseYamlDocument('base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n');
    assert.deepEqual(parsed.decoded?.value, { base: { p: 1, q: 2 }, m: { p: 1, q: 3 } });
    const p = parsed.decoded?.index.get('/m/p');
    assert.equal(parsed.text.slice(p!.value.start, p!.value.end), '1');
    assert.equal(p!.value.start, parsed.text.indexOf('p: 1') + 3);
    // go-yaml reads the keys y and n as booleans too: Kubernetes sees "true".
    assert.deepEqual(parseYamlDocument('y: 1\n').decoded?.value, { true: 1 });
  });

  it('refuses documents nested deeper than any manifest', () => {
    const deep = 'a: ' + '['.repeat(600) + ']'.repeat(600) + '\n';
    const parsed = parseYamlDocument(deep);
    assert.equal(parsed.decoded, undefined);
    assert.match(parsed.syntax.map((s) => s.message).join(), /nested more than 500 levels deep/);
  });
});

describe('Quantity', () => {
  it('parses the grammar of resource.ParseQuantity', () => {
    for (const ok of ['500m', '1Gi', '2', '0.5', '1e3', '1E3', '+1', '-1', '.5', '1.', '100Ki', '5Ei', '3n', '1e-3']) {
      assert.ok(parseQuantity(ok), ok);
    }
    for (const bad of ['', '1.5.5', 'Gi', '10 Gi', '1gi', '1e', '1KiB', 'abc', '1m1']) assert.equal(parseQuantity(bad), undefined, bad);
  });

  it('agrees with the pattern the schema check uses', () => {
    const re = new RegExp(QUANTITY_PATTERN);
    for (const s of ['500m', '1Gi', '2', '0.5', '1e3', '.5', '1.', '1.5.5', 'Gi', '10 Gi', '1e', '1KiB', ' 4Gi ', '-0.1m', '1e-3']) {
      assert.equal(re.test(s), quantityOf(s) !== undefined, s);
    }
  });
});
