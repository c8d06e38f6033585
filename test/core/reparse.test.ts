/**
 * Re-parsing only the edited collection (server/src/yaml/reparse.ts) must give exactly what a
 * parse of the whole text gives: the same nodes at the same ranges, the same syntax problems, the
 * same decoded value and path index; and the editor's diagnostics, from the parse built on the one
 * before and the results kept for what the edit did not touch, must be a fresh check's of the whole
 * text. Checked on seeded random edits of real documents, and on the edits a user makes while
 * typing in a big Pod.
 *
 * The random edits have a fixed default seed (REPARSE_SEED=random for a new one, REPARSE_SEED=<n>
 * replays a run; the seed is printed) and length (REPARSE_EDITS=<n>; `npm run test:random`: 10,000).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isMap, isPair, isScalar, isSeq, Node } from 'yaml';
import { bigDeployment, bigPod, prng } from '../../bench/docs';
import { ParsedDocument, parseYamlDocument } from '../../server/src/yaml/parse';
import { reparse } from '../../server/src/yaml/reparse';
import { splitDocuments } from '../../server/src/yaml/split';
import { randomRun } from '../helpers/seed';
import { doc, service } from '../helpers/service';
import { EDIT_KINDS, pick, seeds } from '../robustness/edits';

const { seed: SEED, edits: EDITS, replay } = randomRun('REPARSE', { seed: 1, edits: 300 });

/** Everything a consumer of a parse can see, as plain data. */
function snapshot(p: ParsedDocument) {
  return {
    ast: tree(p.ast.contents as Node | null),
    syntax: p.syntax,
    duplicates: p.duplicates,
    value: p.decoded?.value,
    index: p.decoded && [...p.decoded.index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    lines: Array.from({ length: p.lines.lineCount }, (_, i) => p.lines.lineStart(i)),
  };
}

function tree(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isPair(node)) return { key: tree(node.key), value: tree(node.value) };
  const n = node as Node;
  if (isMap(n) || isSeq(n)) return { kind: isMap(n) ? 'map' : 'seq', flow: !!n.flow, range: n.range, tag: n.tag, items: n.items.map(tree) };
  if (isScalar(n)) return { kind: 'scalar', type: n.type, source: n.source, range: n.range, tag: n.tag };
  return { kind: 'other', range: n.range };
}

/** Whether `pos` lies inside a flow collection (`[` … `]`, `{` … `}`) of `text`. */
function insideFlow(text: string, pos: number): boolean {
  const stack: unknown[] = [parseYamlDocument(text).ast.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.key, n.value);
    else if (isMap(n) || isSeq(n)) {
      if (n.flow && n.range && n.range[0] <= pos && pos <= n.range[1]) return true;
      stack.push(...n.items);
    }
  }
  return false;
}

/** The last result, re-parsed from as the server does: a partial parse builds on the one before it. */
let previous: ParsedDocument | undefined;

/** Reparses `before` → `after`; when it does, the result must equal a whole parse. Returns whether it did. */
function check(before: string, after: string, what: string): boolean {
  const base = previous?.text === before ? previous : parseYamlDocument(before);
  const incremental = reparse(base, after, 1);
  previous = incremental ?? parseYamlDocument(after);
  if (!incremental) return false;
  assert.deepEqual(snapshot(incremental), snapshot(parseYamlDocument(after)), `${what}\n--- before:\n${before}\n--- after:\n${after}`);
  return true;
}

let typists = 0;

/**
 * The diagnostics of a file typed in: one service given each text as an edit of the one before
 * (as the server is), against a fresh service's, which parses and checks the whole text.
 */
function typist(): (text: string, what: string) => void {
  const live = service();
  const uri = `file:///typing/${++typists}.yaml`;
  let version = 0;
  return (text, what) => assert.deepEqual(live.validate(doc(text, uri, ++version)), service().validate(doc(text)), `diagnostics: ${what}`);
}

describe('reparse: only the edited collection, same result as a whole parse', () => {
  test('typing in one container of a 200-container Pod re-parses that container', () => {
    let text = bigPod(60);
    const at = text.indexOf('image: registry.example.com/team/app-40:');
    const steps: [string, (t: string) => string][] = [
      ['change the image tag', (t) => t.replace('app-40:1.40.0', 'app-40:2.0.0')],
      ['new line after image', (t) => t.slice(0, t.indexOf('\n', at)) + '\n      workingDir: /srv' + t.slice(t.indexOf('\n', at))],
      ...[...'/app/data'].map((ch, i): [string, (t: string) => string] => [
        `type "${ch}" in a value`,
        (t) => {
          const p = t.indexOf('workingDir: /srv') + 'workingDir: /srv'.length + i;
          return t.slice(0, p) + ch + t.slice(p);
        },
      ]),
      ['delete the line again', (t) => t.replace('      workingDir: /srv/app/data\n', '')],
      ['a new env entry', (t) => t.replace('          value: "40"\n', '          value: "40"\n        - name: NEW\n          value: x\n')],
    ];
    for (const [what, edit] of steps) {
      const next = edit(text);
      assert.notEqual(next, text, what);
      assert.ok(check(text, next, what), `${what}: expected an incremental re-parse`);
      text = next;
    }
  });

  test('typing a key letter by letter, then its value, at every depth', () => {
    // Where a user types a new line: [document, the line after which it is typed, the new line].
    const places: [string, string, string, string][] = [
      ['the top level of a 200-container Pod', bigPod(200), 'kind: Pod', 'status: null'],
      ['spec level of a 200-container Pod', bigPod(200), '  restartPolicy: Always', '  hostname: web-1'],
      ['metadata.labels', bigPod(200), '    tier: backend', '    tier2: backend'],
      ['a container in the middle', bigPod(200), '      image: registry.example.com/team/app-100:1.100.0', '      workingDir: /srv'],
      ["a Deployment template's spec", bigDeployment(200), '      restartPolicy: Always', '      hostname: web-1'],
      // (Enter there could be read as "    \n" inserted before the template's `spec:`, a 6,400-line entry.)
      ["a Deployment template's labels", bigDeployment(200), '        tier: backend', '        tier2: backend'],
      ["a Deployment template's container", bigDeployment(200), '          image: registry.example.com/team/app-100:1.100.0', '          workingDir: /srv'],
      // Enter after the key: the new line comes before the template spec's first entry.
      ["a Deployment template's spec, as its first entry", bigDeployment(200), '    spec:', '      hostname: web-1'],
    ];
    const report: string[] = [];
    const missed: string[] = [];
    let all = 0;
    let taken = 0;
    for (const [where, original, after, line] of places) {
      let text = original;
      const diagnose = typist();
      diagnose(text, `${where}: before typing`);
      const at = text.indexOf(`${after}\n`) + after.length;
      assert.ok(at > after.length, where);
      const indent = /^ */.exec(line)![0];
      // The new line (Enter, then the indentation the editor keeps), then each character.
      const steps = [`\n${indent}`, ...line.slice(indent.length)];
      let pos = at;
      let n = 0;
      for (const piece of steps) {
        const next = text.slice(0, pos) + piece + text.slice(pos);
        const incremental = check(text, next, `${where}: typing ${JSON.stringify(piece)}`);
        diagnose(next, `${where}: typing ${JSON.stringify(piece)}`);
        if (incremental) n++;
        // Between two texts without a syntax error, a keystroke costs its lines, at any depth.
        else if (parseYamlDocument(text).syntax.length === 0 && parseYamlDocument(next).syntax.length === 0) missed.push(`${where}: ${JSON.stringify(piece)}`);
        text = next;
        pos += piece.length;
      }
      all += steps.length;
      taken += n;
      report.push(`${where}: ${n}/${steps.length}`);
    }
    console.log(`reparse, typing: ${taken} of ${all} keystrokes incremental (${report.join('; ')})`);
    assert.deepEqual(missed, []);
    // Half-typed keys included (`h`, `hostn`: a syntax error for a moment, and `tier` a repeated key on the way to `tier2`).
    assert.equal(taken, all);
  });

  test(`random typing sequences at every depth, seed ${SEED} (replay: ${replay})`, () => {
    const rnd = prng(SEED);
    const docs = [bigPod(12), bigDeployment(12), ...seeds().flatMap((t) => splitDocuments(t).map((p) => p.text))].filter(
      (t) => t.length > 200 && t.length < 30_000,
    );
    const KEYS = ['hostname', 'workingDir', 'tier2', 'imagePullPolicy', 'x', 'ab', 'name', 'app.kubernetes.io/part-of'];
    const VALUES = ['web-1', '/srv', '"quoted"', '80', 'true', "'single'", '[a, b]', '{}'];
    // As VS Code types in YAML: an opening quote or bracket brings its closing one, which is typed over.
    const CLOSES: Record<string, string> = { '"': '"', "'": "'", '[': ']', '{': '}' };
    let all = 0;
    let taken = 0;
    let inFlow = 0;
    // A sequence types one line after a random line with content, where an editor puts the cursor
    // after Enter (the line's own entry column; after a `key:` that opens a block, its first
    // entry's), as a key or, in a list, a new item; a typo taken back now and then; then deletes
    // the line again. Every keystroke is checked; the share counts those in block YAML (inside a
    // multi-line flow collection, `[` … `]` over lines, the whole text is parsed).
    const sequences = Math.max(60, Math.floor(EDITS / 20));
    for (let n = 0; n < sequences; n++) {
      let text = pick(docs, rnd);
      const lines = text.split('\n');
      const candidates = lines.map((l, i) => i).filter((i) => /^ *(- )?[\w"'./-]+:/.test(lines[i]));
      if (candidates.length === 0) continue;
      const line = pick(candidates, rnd);
      const next = lines.slice(line + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
      const opens = /:\s*$/.test(lines[line]) && next !== undefined;
      const newItem = (opens && /^ *- /.test(next!)) || (/^ *- /.test(lines[line]) && rnd() < 0.3);
      const column = /^ *(- )?/.exec(opens ? next! : lines[line])![0].length - (newItem ? 2 : 0);
      const typed = `${newItem ? '- ' : ''}${pick(KEYS, rnd)}: ${pick(VALUES, rnd)}`;
      let pos = lines.slice(0, line + 1).join('\n').length;
      const counted = !insideFlow(text, pos);
      const diagnose = typist();
      diagnose(text, `sequence ${n}: before typing (${replay})`);
      const step = (after: string, what: string) => {
        const incremental = check(text, after, `sequence ${n}, after line ${line + 1}: ${what} (${replay})`);
        diagnose(after, `sequence ${n}, after line ${line + 1}: ${what} (${replay})`);
        if (counted) {
          all++;
          if (incremental) taken++;
        } else inFlow++;
        text = after;
      };
      step(text.slice(0, pos) + '\n' + ' '.repeat(column) + text.slice(pos), 'Enter');
      pos += 1 + column;
      const start = pos;
      for (const ch of typed) {
        if (text[pos] === ch && '"\']}'.includes(ch)) {
          pos++;
          continue;
        }
        step(text.slice(0, pos) + ch + (CLOSES[ch] ?? '') + text.slice(pos), `typing ${JSON.stringify(ch)}`);
        pos++;
        if (rnd() < 0.05) {
          step(text.slice(0, pos) + 'q' + text.slice(pos), 'a typo');
          step(text.slice(0, pos) + text.slice(pos + 1), 'taken back');
        }
      }
      const eol = text.indexOf('\n', pos);
      step(text.slice(0, start - column - 1) + text.slice(eol < 0 ? text.length : eol), 'the line deleted');
    }
    const share = (100 * taken) / all;
    console.log(
      `reparse, random typing: ${taken} of ${all} keystrokes in block YAML incremental (${share.toFixed(1)} %; ${inFlow} more inside flow collections)`,
    );
    // Issue 13's goal is 95 %; seeds 1–3 give 95.6, 95.6, 93.9 % (what is left: a list growing by an item, lines after a document-end `...`).
    assert.ok(share >= 90, `only ${share.toFixed(1)} % of keystrokes incremental`);
  });

  test('not incremental where the edit can reach past its collection', () => {
    const text = bigPod(3);
    const cases: [string, string][] = [
      ['an unclosed quote', text.replace('image: registry.example.com/team/app-1:1.1.0', 'image: "registry.example.com/team/app-1:1.1.0')],
      ['an unclosed bracket', text.replace('command: ["/bin/app"]', 'command: ["/bin/app"')],
      [
        'a line indented out of its container',
        text.replace('      imagePullPolicy: IfNotPresent\n      command', '  imagePullPolicy: IfNotPresent\n      command'),
      ],
      ['an anchor', text.replace('image: registry.example.com/team/app-1:1.1.0', 'image: &img registry.example.com/team/app-1:1.1.0')],
    ];
    for (const [what, after] of cases) {
      assert.notEqual(after, text, what);
      assert.equal(reparse(parseYamlDocument(text), after), undefined, what);
    }
  });

  test(`${EDITS} random edits, seed ${SEED} (replay: ${replay})`, () => {
    const rnd = prng(SEED);
    const bases = [bigPod(12), ...seeds().flatMap((t) => splitDocuments(t).map((p) => p.text))].filter((t) => t.length < 100_000);
    let text = '';
    let incremental = 0;
    for (let n = 0; n < EDITS; n++) {
      if (n % 5 === 0) text = pick(bases, rnd);
      const [kind, edit] = pick(EDIT_KINDS, rnd);
      const next = edit(text, rnd).replace(/\r(?!\n)/g, '');
      if (next !== text && check(text, next, `edit ${n} (${kind}; ${replay})`)) incremental++;
      text = next;
    }
    console.log(`reparse: ${incremental} of ${EDITS} edits re-parsed incrementally`);
    assert.ok(incremental > EDITS / 20, `only ${incremental} incremental re-parses`);
  });
});
