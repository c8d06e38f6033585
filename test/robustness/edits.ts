/**
 * Random edits for the fuzz tests: the seed documents (fixtures, the corpus, hard inputs) and the
 * kinds of edit (characters, lines, indentation, `---`, tabs, quotes, anchors, unicode).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
const REPO = join(__dirname, '..', '..');
import { aliasBomb, JSON_POD, POD } from './hardInputs';

function yamlFiles(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    // Chart templates and Kustomize layouts are their own tests (charts, helm, kustomize); the
    // seeds stay the ones the shares were measured on.
    if (statSync(path).isDirectory()) {
      if (!['charts', 'helm-create', 'kustomize'].includes(name)) yamlFiles(path, out);
    } else if (/\.(ya?ml|json)$/.test(name) && statSync(path).size < 200_000) out.push(path);
  }
  return out;
}

export function seeds(): string[] {
  const files = [...yamlFiles(join(REPO, 'test', 'fixtures')), ...yamlFiles(join(REPO, '..', 'shared', 'corpus'))];
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  return [POD, JSON_POD, aliasBomb(), POD.replace(/\n/g, '\r\n'), '\uFEFF' + POD, '', ...texts];
}

export const PIECES = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  ':',
  ': ',
  '- ',
  '-',
  '#',
  '{',
  '}',
  '[',
  ']',
  ',',
  '"',
  "'",
  '&a ',
  '*a',
  '<<: *a',
  '!',
  '!!str ',
  '|',
  '>',
  '?',
  '---\n',
  '...\n',
  '%YAML 1.1\n',
  'é',
  '中文',
  '😀',
  '👩‍👩‍👧',
  '\ud83d',
  '\ude00',
  '\u0000',
  '\uFEFF',
  '\u2028',
  '\\',
  'null',
  '~',
  '0x1F',
  '1e3',
  'yes',
  'name: x\n',
  'image: nginx\n',
  'containers:\n',
  'kind: Pod\n',
  'apiVersion: v1\n',
  'resources: {limits: {cpu: 1}}\n',
  '"unterminated',
  "'q'",
  'ports:\n  - containerPort: 80\n',
  'a: &x {b: 1}\n',
  'c: *x\n',
  'x'.repeat(300),
];

export type Edit = (text: string, rnd: () => number) => string;

export const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];
export const at = (text: string, rnd: () => number) => Math.floor(rnd() * (text.length + 1));
export function lineBounds(text: string, rnd: () => number): [number, number] {
  const p = at(text, rnd);
  const start = text.lastIndexOf('\n', p - 1) + 1;
  const nl = text.indexOf('\n', p);
  return [start, nl < 0 ? text.length : nl + 1];
}

export const EDIT_KINDS: [string, Edit][] = [
  [
    'insert piece',
    (t, r) => {
      const p = at(t, r);
      return t.slice(0, p) + pick(PIECES, r) + t.slice(p);
    },
  ],
  [
    'insert char',
    (t, r) => {
      const p = at(t, r);
      return t.slice(0, p) + String.fromCharCode(Math.floor(r() * 0x2fff)) + t.slice(p);
    },
  ],
  [
    'delete chars',
    (t, r) => {
      const p = at(t, r);
      return t.slice(0, p) + t.slice(p + 1 + Math.floor(r() * 20));
    },
  ],
  [
    'delete line',
    (t, r) => {
      const [s, e] = lineBounds(t, r);
      return t.slice(0, s) + t.slice(e);
    },
  ],
  [
    'duplicate line',
    (t, r) => {
      const [s, e] = lineBounds(t, r);
      return t.slice(0, e) + t.slice(s, e) + t.slice(e);
    },
  ],
  [
    'move line',
    (t, r) => {
      const [s, e] = lineBounds(t, r);
      const rest = t.slice(0, s) + t.slice(e);
      const p = lineBounds(rest, r)[0];
      return rest.slice(0, p) + t.slice(s, e) + rest.slice(p);
    },
  ],
  [
    'indent',
    (t, r) => {
      const [s] = lineBounds(t, r);
      return t.slice(0, s) + pick(['  ', ' ', '\t', '    '], r) + t.slice(s);
    },
  ],
  [
    'dedent',
    (t, r) => {
      const [s] = lineBounds(t, r);
      return t.slice(0, s) + t.slice(s).replace(/^ {1,2}/, '');
    },
  ],
  [
    'document marker',
    (t, r) => {
      const [s] = lineBounds(t, r);
      return t.slice(0, s) + '---\n' + t.slice(s);
    },
  ],
  [
    'split a surrogate pair',
    (t, r) => {
      const i = t.search(/[\ud800-\udbff]/);
      const p = i >= 0 ? i + 1 : at(t, r);
      return t.slice(0, p) + pick(PIECES, r) + t.slice(p);
    },
  ],
];
