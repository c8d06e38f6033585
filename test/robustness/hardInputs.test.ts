/**
 * Hard inputs through the real server over LSP (dist/server.js, `npm run build` first): each is
 * answered, with diagnostics inside the document or one clear "too large to analyse: …" message,
 * completion, hover and symbols are answered on it, and another file is still answered meanwhile.
 * A hang fails the test (HANG: far beyond any slow machine); how fast each is answered is
 * measured by `npm run bench:hard`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { MAX_CHARS } from '../../server/src/service/limits';
import { aliasBomb, binary, bom, crlf, deepNesting, hugeFile, JSON_POD, longLines, manyDocuments, POD } from './hardInputs';

/** Only catches a hang: each input is answered in well under a second here, ~13 s at worst on a busy 2-core machine. */
const HANG = { timeout: 5 * 60_000 };
const OTHER = 'file:///hard/other.yaml';

let client: LspClient;
let n = 0;

before(async () => {
  client = await LspClient.start();
  assert.deepEqual(await client.open(OTHER, POD), []);
});
after(async () => {
  assert.equal(await client.stop(), 0);
});

interface Answer {
  uri: string;
  diagnostics: Diagnostic[];
}

/**
 * Opens `text`, asks for a hover in the other file at once, and then for completion, hover and
 * symbols in this one: each is answered.
 */
async function answer(name: string, text: string, languageId = 'yaml'): Promise<Answer> {
  const uri = `file:///hard/${++n}-${name}.${languageId}`;
  const published = client.open(uri, text, languageId);
  const hover = client.request<Hover | null>('textDocument/hover', { textDocument: { uri: OTHER }, position: { line: 9, character: 8 } });
  const [diagnostics, otherHover] = await Promise.all([published, hover]);
  assert.ok(otherHover, 'the other file is still answered');
  const position = { line: 3, character: 2 };
  await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
  return { uri, diagnostics };
}

const messages = (ds: Diagnostic[]) => ds.map((d) => (typeof d.message === 'string' ? d.message : (d.message as { value: string }).value));

function assertInside(text: string, ds: Diagnostic[]) {
  const lines = text.split(/\r\n|\r|\n/);
  for (const d of ds) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line < lines.length && p.character <= lines[p.line].length, `range ${JSON.stringify(d.range)} of "${d.message}" outside the document`);
    }
  }
}

describe('hard inputs over LSP', () => {
  test('alias bomb ("billion laughs"): refused, not expanded', HANG, async () => {
    const text = aliasBomb();
    const a = await answer('alias-bomb', text);
    assert.ok(
      messages(a.diagnostics).some((m) => /alias bomb/.test(m)),
      messages(a.diagnostics).join('\n'),
    );
    assertInside(text, a.diagnostics);
    await client.close(a.uri);
  });

  test(`10 MB file: one "too large to analyse" message (limit ${MAX_CHARS / 1024 / 1024} MiB), also after an edit`, HANG, async () => {
    const text = hugeFile(10 * 1024 * 1024);
    const a = await answer('10mb', text);
    assert.equal(a.diagnostics.length, 1);
    assert.match(messages(a.diagnostics)[0], /^too large to analyse: /);
    assert.equal(a.diagnostics[0].severity, 3);
    assertInside(text, a.diagnostics);
    const edited = await client.change(a.uri, 2, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } }, text: 'api' }]);
    assert.equal(edited.length, 1);
    assert.match(messages(edited)[0], /^too large to analyse: /);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: a.uri }, position: { line: 3, character: 4 } });
    assert.equal(hover, null);
    await client.close(a.uri);
  });

  test('10,000 `---` documents: analysed', HANG, async () => {
    const text = manyDocuments(10_000);
    const a = await answer('10k-documents', text);
    assert.deepEqual(messages(a.diagnostics), []);
    // An edit in one of them is answered (what it costs: npm run bench:hard).
    const edited = await client.change(a.uri, 2, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: 'x' }]);
    assert.deepEqual(messages(edited), []);
    await client.close(a.uri);
  });

  for (const [kind, text] of Object.entries(deepNesting(5_000))) {
    test(`5,000-deep nesting (${kind}): "nested too deep", no crash`, HANG, async () => {
      const a = await answer(`deep-${kind}`, text);
      assert.ok(
        messages(a.diagnostics).some((m) => /nested more than \d+ levels deep/.test(m)),
        messages(a.diagnostics).join('\n'),
      );
      assertInside(text, a.diagnostics);
      await client.close(a.uri);
    });
  }

  test('binary bytes and invalid UTF-8: syntax errors', HANG, async () => {
    const text = binary();
    const a = await answer('binary', text);
    assert.ok(a.diagnostics.length > 0);
    assertInside(text, a.diagnostics);
    await client.close(a.uri);
  });

  test('CRLF line endings: valid stays valid, problems at the right place', HANG, async () => {
    assert.deepEqual((await answer('crlf', crlf())).diagnostics, []);
    const text = crlf(POD + '  restartPolicy: Sometimes\n');
    const a = await answer('crlf-invalid', text);
    assert.equal(a.diagnostics.length, 1);
    assert.deepEqual(a.diagnostics[0].range, { start: { line: 12, character: 17 }, end: { line: 12, character: 26 } });
    assertInside(text, a.diagnostics);
  });

  test('BOM: valid stays valid, positions unchanged', HANG, async () => {
    assert.deepEqual((await answer('bom', bom())).diagnostics, []);
    const text = bom(POD + '  restartPolicy: Sometimes\n');
    const a = await answer('bom-invalid', text);
    assert.equal(a.diagnostics.length, 1, messages(a.diagnostics).join('\n'));
    // The BOM is a character of the first line, as the editor counts: later lines are unchanged.
    assert.deepEqual(a.diagnostics[0].range, { start: { line: 12, character: 17 }, end: { line: 12, character: 26 } });
    assertInside(text, a.diagnostics);
  });

  test('a JSON Pod: valid, and its problems found', HANG, async () => {
    assert.deepEqual((await answer('json', JSON_POD, 'json')).diagnostics, []);
    const text = JSON_POD.replace('"containerPort": 80', '"containerPort": "80"');
    const a = await answer('json-invalid', text, 'json');
    assert.equal(a.diagnostics.length, 1, messages(a.diagnostics).join('\n'));
    assert.match(messages(a.diagnostics)[0], /cannot unmarshal string .* of type int32/);
  });

  test('extremely long lines: a 1 MB value and a 1 MB flow mapping of 70,000 labels', HANG, async () => {
    const { longValue, longFlow } = longLines(1_000_000);
    const a = await answer('long-value', longValue);
    assert.ok(
      messages(a.diagnostics).some((m) => /Too long/.test(m)),
      messages(a.diagnostics).join('\n'),
    );
    assertInside(longValue, a.diagnostics);
    await client.close(a.uri);
    const b = await answer('long-flow', longFlow);
    assertInside(longFlow, b.diagnostics);
    await client.close(b.uri);
  });
});
