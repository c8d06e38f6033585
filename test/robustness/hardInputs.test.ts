/**
 * Hard inputs through the real server over LSP (dist/server.js, `npm run build` first): each is
 * answered quickly, with diagnostics or one clear "too large to analyse: …" message, and the
 * server stays responsive to another file meanwhile (a hover on it is answered in the same bound).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { MAX_CHARS } from '../../server/src/service/limits';
import { aliasBomb, binary, bom, crlf, deepNesting, hugeFile, JSON_POD, longLines, manyDocuments, POD } from './hardInputs';

/** "Quickly": generous for a loaded 2-core CI machine; each input takes well under half of it here. */
const QUICK_MS = Number(process.env.HARD_INPUT_BOUND_MS ?? 4_000);
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
  ms: number;
}

/**
 * Opens `text`, asks for a hover in the other file at once, and then for completion, hover and
 * symbols in this one: every answer within QUICK_MS of the open.
 */
async function answer(name: string, text: string, languageId = 'yaml'): Promise<Answer> {
  const uri = `file:///hard/${++n}-${name}.${languageId}`;
  const t = performance.now();
  const published = client.open(uri, text, languageId);
  const hover = client.request<Hover | null>('textDocument/hover', { textDocument: { uri: OTHER }, position: { line: 9, character: 8 } });
  const [diagnostics, otherHover] = await Promise.all([published, hover]);
  const ms = performance.now() - t;
  assert.ok(otherHover, 'the other file is still answered');
  assert.ok(ms < QUICK_MS, `${name}: diagnostics after ${ms.toFixed(0)} ms (bound ${QUICK_MS} ms)`);
  const position = { line: 3, character: 2 };
  await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
  await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
  await client.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri } });
  const all = performance.now() - t;
  assert.ok(all < QUICK_MS, `${name}: diagnostics, completion, hover and symbols after ${all.toFixed(0)} ms (bound ${QUICK_MS} ms)`);
  return { uri, diagnostics, ms };
}

async function close(uri: string) {
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
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
  test('alias bomb ("billion laughs"): refused, not expanded', async () => {
    const text = aliasBomb();
    const a = await answer('alias-bomb', text);
    assert.ok(messages(a.diagnostics).some((m) => /alias bomb/.test(m)), messages(a.diagnostics).join('\n'));
    assertInside(text, a.diagnostics);
    await close(a.uri);
  });

  test(`10 MB file: one "too large to analyse" message (limit ${MAX_CHARS / 1024 / 1024} MiB), also after an edit`, async () => {
    const text = hugeFile(10 * 1024 * 1024);
    const a = await answer('10mb', text);
    assert.equal(a.diagnostics.length, 1);
    assert.match(messages(a.diagnostics)[0], /^too large to analyse: /);
    assert.equal(a.diagnostics[0].severity, 3);
    assertInside(text, a.diagnostics);
    const t = performance.now();
    const edited = await client.change(a.uri, 2, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } }, text: 'api' }]);
    assert.ok(performance.now() - t < QUICK_MS);
    assert.match(messages(edited)[0], /^too large to analyse: /);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: a.uri }, position: { line: 3, character: 4 } });
    assert.equal(hover, null);
    await close(a.uri);
  });

  test('10,000 `---` documents: analysed', async () => {
    const text = manyDocuments(10_000);
    const a = await answer('10k-documents', text);
    assert.deepEqual(messages(a.diagnostics), []);
    // An edit in one of them costs that one.
    const t = performance.now();
    const edited = await client.change(a.uri, 2, [{ range: { start: { line: 3, character: 8 }, end: { line: 3, character: 8 } }, text: 'x' }]);
    assert.ok(performance.now() - t < QUICK_MS / 4, `edit took ${(performance.now() - t).toFixed(0)} ms`);
    assert.deepEqual(messages(edited), []);
    await close(a.uri);
  });

  for (const [kind, text] of Object.entries(deepNesting(5_000))) {
    test(`5,000-deep nesting (${kind}): "nested too deep", no crash`, async () => {
      const a = await answer(`deep-${kind}`, text);
      assert.ok(messages(a.diagnostics).some((m) => /nested more than \d+ levels deep/.test(m)), messages(a.diagnostics).join('\n'));
      assertInside(text, a.diagnostics);
      await close(a.uri);
    });
  }

  test('binary bytes and invalid UTF-8: syntax errors', async () => {
    const text = binary();
    const a = await answer('binary', text);
    assert.ok(a.diagnostics.length > 0);
    assertInside(text, a.diagnostics);
    await close(a.uri);
  });

  test('CRLF line endings: valid stays valid, problems at the right place', async () => {
    assert.deepEqual((await answer('crlf', crlf())).diagnostics, []);
    const text = crlf(POD + '  restartPolicy: Sometimes\n');
    const a = await answer('crlf-invalid', text);
    assert.equal(a.diagnostics.length, 1);
    assert.deepEqual(a.diagnostics[0].range, { start: { line: 12, character: 17 }, end: { line: 12, character: 26 } });
    assertInside(text, a.diagnostics);
  });

  test('BOM: valid stays valid, positions unchanged', async () => {
    assert.deepEqual((await answer('bom', bom())).diagnostics, []);
    const text = bom(POD + '  restartPolicy: Sometimes\n');
    const a = await answer('bom-invalid', text);
    assert.equal(a.diagnostics.length, 1, messages(a.diagnostics).join('\n'));
    // The BOM is a character of the first line, as the editor counts: later lines are unchanged.
    assert.deepEqual(a.diagnostics[0].range, { start: { line: 12, character: 17 }, end: { line: 12, character: 26 } });
    assertInside(text, a.diagnostics);
  });

  test('a JSON Pod: valid, and its problems found', async () => {
    assert.deepEqual((await answer('json', JSON_POD, 'json')).diagnostics, []);
    const text = JSON_POD.replace('"containerPort": 80', '"containerPort": "80"');
    const a = await answer('json-invalid', text, 'json');
    assert.equal(a.diagnostics.length, 1, messages(a.diagnostics).join('\n'));
    assert.match(messages(a.diagnostics)[0], /cannot unmarshal string .* of type int32/);
  });

  test('extremely long lines: a 1 MB value and a 1 MB flow mapping of 70,000 labels', async () => {
    const { longValue, longFlow } = longLines(1_000_000);
    const a = await answer('long-value', longValue);
    assert.ok(messages(a.diagnostics).some((m) => /Too long/.test(m)), messages(a.diagnostics).join('\n'));
    assertInside(longValue, a.diagnostics);
    await close(a.uri);
    const b = await answer('long-flow', longFlow);
    assertInside(longFlow, b.diagnostics);
    await close(b.uri);
  });
});
