/**
 * Seeded fuzz test of the language-service core: thousands of random edits (characters, lines,
 * indentation, `---`, tabs, quotes, anchors, unicode with surrogate pairs and emoji) on valid and
 * invalid Pods, each followed by diagnostics, completion, hover, symbols and quick fixes at random
 * positions. Never throws, never hangs (the test runner's timeout), returns no range outside the
 * document (as the editor counts lines: vscode-languageserver-textdocument), memory bounded. How
 * fast each request is answered is the bench's business, not this test's.
 *
 * A fixed default seed (FUZZ_SEED=random for a new one, FUZZ_SEED=<n> replays a run; the seed is
 * printed) and length (FUZZ_EDITS=<n>; `npm run test:random`: 20,000).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, Position, Range, TextEdit, InsertReplaceEdit } from 'vscode-languageserver-types';
import { prng } from '../../bench/docs';
import { randomRun } from '../helpers/seed';
import { service } from '../helpers/service';
import { EDIT_KINDS, pick, seeds } from './edits';

const { seed: SEED, edits: EDITS, replay } = randomRun('FUZZ', { seed: 1, edits: 500 });
const HEAP_BOUND = 768 * 1024 * 1024;

interface Check {
  doc: TextDocument;
  what: string;
}

function assertRange(c: Check, range: Range | undefined) {
  if (!range) return;
  for (const p of [range.start, range.end]) assertPosition(c, p);
  const s = c.doc.offsetAt(range.start);
  const e = c.doc.offsetAt(range.end);
  assert.ok(s <= e, `${c.what}: range ends before it starts: ${JSON.stringify(range)}`);
}

function assertPosition(c: Check, p: Position) {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${c.what}: bad position ${JSON.stringify(p)}`);
  assert.ok(p.line < c.doc.lineCount, `${c.what}: line ${p.line} outside the document (${c.doc.lineCount} lines)`);
  // The editor's line length, without its line break.
  const lineStart = c.doc.offsetAt({ line: p.line, character: 0 });
  const nextStart = p.line + 1 < c.doc.lineCount ? c.doc.offsetAt({ line: p.line + 1, character: 0 }) : c.doc.getText().length;
  const length = c.doc
    .getText()
    .slice(lineStart, nextStart)
    .replace(/\r?\n$|\r$/, '').length;
  assert.ok(p.character <= length, `${c.what}: character ${p.character} past the end of line ${p.line} (${length})`);
}

function assertSymbols(c: Check, symbols: DocumentSymbol[]) {
  for (const s of symbols) {
    assertRange(c, s.range);
    assertRange(c, s.selectionRange);
    const contains =
      c.doc.offsetAt(s.range.start) <= c.doc.offsetAt(s.selectionRange.start) && c.doc.offsetAt(s.selectionRange.end) <= c.doc.offsetAt(s.range.end);
    assert.ok(contains, `${c.what}: selectionRange outside range of symbol ${s.name}`);
    assert.ok(s.name.length > 0, `${c.what}: empty symbol name`);
    assertSymbols(c, s.children ?? []);
  }
}

test(`fuzz: ${EDITS} random edits, seed ${SEED} (replay: ${replay})`, () => {
  const rnd = prng(SEED);
  const bases = seeds();
  const svc = service();
  const counts = new Map<string, number>();
  let text = '';
  let uri = '';
  let version = 0;
  const history: string[] = [];
  for (let n = 0; n < EDITS; n++) {
    if (n % 40 === 0) {
      if (uri) svc.forget(uri);
      const base = Math.floor(rnd() * bases.length);
      text = bases[base];
      uri = `file:///fuzz/${n}.${text.trimStart().startsWith('{') ? 'json' : 'yaml'}`;
      version = 0;
      history.length = 0;
      history.push(`base ${base}`);
    }
    const [kind, edit] = pick(EDIT_KINDS, rnd);
    text = edit(text, rnd);
    // A lone CR is a line break to the editor but not to the server (which counts \n only): see the report. Not fuzzed.
    text = text.replace(/\r(?!\n)/g, '');
    history.push(kind);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
    version++;
    const doc = TextDocument.create(uri, 'yaml', version, text);
    const like = { uri, version, getText: () => text };
    const where = `edit ${n} (${kind}; ${replay}; since base: ${history.slice(-6).join(', ')})`;
    const c: Check = { doc, what: where };
    // Positions as an editor sends them: inside the document (LSP positions past a line's end are
    // clamped by the client, so one in ten is past it here only to check that nothing throws).
    let outside = false;
    const randomPosition = (): Position => {
      const line = Math.floor(rnd() * doc.lineCount);
      const length = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '').length;
      if (rnd() < 0.1) {
        outside = true;
        return { line: line + (rnd() < 0.5 ? 1 : 0), character: length + 1 + Math.floor(rnd() * 10) };
      }
      return { line, character: Math.floor(rnd() * (length + 1)) };
    };
    try {
      const diagnostics = svc.validate(like);
      for (const d of diagnostics) assertRange({ doc, what: `diagnostic "${d.message}" at ${where}` }, d.range);
      const pos = randomPosition();
      const list = svc.complete(like, pos, { snippets: rnd() < 0.5 });
      for (const item of outside ? [] : list.items) {
        const te = item.textEdit as TextEdit | InsertReplaceEdit | undefined;
        if (te && 'range' in te) assertRange({ doc, what: `completion "${item.label}" at ${where}` }, te.range);
        if (te && 'insert' in te) {
          assertRange({ doc, what: `completion "${item.label}" at ${where}` }, te.insert);
          assertRange({ doc, what: `completion "${item.label}" at ${where}` }, te.replace);
        }
        for (const e of item.additionalTextEdits ?? []) assertRange({ doc, what: `completion "${item.label}" edit at ${where}` }, e.range);
      }
      outside = false;
      const hoverAt = randomPosition();
      const h = svc.hover(like, hoverAt);
      if (!outside) assertRange({ doc, what: `hover at ${where}` }, h?.range ?? undefined);
      assertSymbols(c, svc.symbols(like));
      const actions = svc.codeActions(like, diagnostics[0]?.range ?? { start: pos, end: pos }, diagnostics.slice(0, 3));
      for (const a of actions)
        for (const edits of Object.values(a.edit?.changes ?? {}))
          for (const e of edits) assertRange({ doc, what: `quick fix "${a.title}" at ${where}` }, e.range);
    } catch (e) {
      const error = e as Error;
      error.message += `\n  at ${where}\n  document (${text.length} chars): ${JSON.stringify(text.slice(0, 2000))}`;
      throw error;
    }
    if (n % 500 === 0) assert.ok(process.memoryUsage().heapUsed < HEAP_BOUND, `heap ${process.memoryUsage().heapUsed} bytes at ${where}`);
  }
  assert.ok(process.memoryUsage().heapUsed < HEAP_BOUND);
  console.log(`fuzz edits by kind: ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
});
