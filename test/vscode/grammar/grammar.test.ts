// The YAML injection grammar (syntaxes/pod-manifests.injection.tmLanguage.json).
//
// Structure: always (the manifest's contributes.grammars entry, the scope name, every rule's
// regex compiles as JavaScript would read it where it can).
// Tokenization: with vscode-textmate + vscode-oniguruma, VS Code's own engine, and VS Code's own
// YAML grammars. They are not dependencies of this project: the test uses them from this
// project's node_modules if present, else from the code-server that test/e2e/setup-code-server.sh
// installs (lib/vscode/node_modules and extensions/yaml: exactly what VS Code 1.139 runs), and
// skips the tokenization tests when neither is there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'pod-manifests.injection.tmLanguage.json');
const grammarJson = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('grammar: structure', () => {
  it('is contributed as an injection into source.yaml', () => {
    const entry = (manifest.contributes?.grammars ?? []).find((g: { scopeName: string }) => g.scopeName === grammarJson.scopeName);
    assert.ok(entry, 'package.json contributes.grammars has no entry for the grammar');
    assert.deepEqual(entry.injectTo, ['source.yaml']);
    assert.equal(path.resolve(ROOT, entry.path), GRAMMAR_FILE);
    assert.equal(entry.language, undefined, 'an injection grammar names no language');
  });

  it('is a TextMate grammar whose patterns all resolve', () => {
    assert.equal(grammarJson.scopeName, 'source.yaml.pod-manifests');
    assert.match(grammarJson.injectionSelector, /^L:source\.yaml\b/);
    for (const p of grammarJson.patterns) {
      const key = p.include.replace(/^#/, '');
      const rule = grammarJson.repository[key];
      assert.ok(rule, `#${key} is not in the repository`);
      assert.equal(typeof rule.match, 'string');
      for (const [n, c] of Object.entries(rule.captures ?? {})) assert.match((c as { name: string }).name, /\.pod-manifests$/, `#${key} capture ${n}`);
    }
  });
});

/** The part of vscode-textmate's API used here (it is not a dependency, so no types). */
interface TextMate {
  INITIAL: unknown;
  parseRawGrammar(content: string, filePath: string): unknown;
  Registry: new (options: { onigLib: Promise<unknown>; loadGrammar(scope: string): Promise<unknown>; getInjections(scope: string): string[] | undefined }) => {
    loadGrammar(scope: string): Promise<{
      tokenizeLine(line: string, state: unknown): { tokens: { startIndex: number; endIndex: number; scopes: string[] }[]; ruleStack: unknown };
    } | null>;
  };
}

interface Engine {
  vsctm: TextMate;
  onig: { loadWASM(data: ArrayBuffer | Uint8Array): Promise<void>; OnigScanner: any; OnigString: any };
  wasm: Buffer;
  yamlSyntaxes: string;
}

/** vscode-textmate/vscode-oniguruma and VS Code's YAML grammars, from where they are (or null). */
function findEngine(): Engine | null {
  const candidates: { modules: string; yaml: string }[] = [];
  if (process.env.CODE_SERVER_VSCODE_DIR)
    candidates.push({
      modules: path.join(process.env.CODE_SERVER_VSCODE_DIR, 'node_modules'),
      yaml: path.join(process.env.CODE_SERVER_VSCODE_DIR, 'extensions', 'yaml', 'syntaxes'),
    });
  const printed = spawnSync('bash', [path.join(ROOT, 'test', 'e2e', 'setup-code-server.sh'), '--print'], { encoding: 'utf8' });
  if (printed.status === 0) {
    // <cache>/cs/node_modules/.bin/code-server -> <cache>/cs/node_modules/code-server/lib/vscode
    const vscodeDir = path.resolve(path.dirname(printed.stdout.trim()), '..', 'code-server', 'lib', 'vscode');
    candidates.push({ modules: path.join(vscodeDir, 'node_modules'), yaml: path.join(vscodeDir, 'extensions', 'yaml', 'syntaxes') });
  }
  for (const own of [path.join(ROOT, 'node_modules')]) {
    for (const c of candidates)
      if (fs.existsSync(path.join(own, 'vscode-textmate')) && fs.existsSync(path.join(own, 'vscode-oniguruma')))
        candidates.unshift({ modules: own, yaml: c.yaml });
  }
  for (const c of candidates) {
    const tm = path.join(c.modules, 'vscode-textmate');
    const onig = path.join(c.modules, 'vscode-oniguruma');
    if (!fs.existsSync(tm) || !fs.existsSync(onig) || !fs.existsSync(path.join(c.yaml, 'yaml.tmLanguage.json'))) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- code-server's own copies, found at run time
    return { vsctm: require(tm), onig: require(onig), wasm: fs.readFileSync(path.join(onig, 'release', 'onig.wasm')), yamlSyntaxes: c.yaml };
  }
  return null;
}

interface Token {
  text: string;
  scopes: string[];
}

describe('grammar: tokenization with vscode-textmate', () => {
  const engine = findEngine();
  const skip = engine ? false : 'vscode-textmate/vscode-oniguruma not found (run bash test/e2e/setup-code-server.sh)';
  let lines: Token[][] = [];
  let source: string[] = [];

  before(async () => {
    if (!engine) return;
    await engine.onig.loadWASM(engine.wasm);
    const grammars = new Map<string, string>();
    for (const f of fs.readdirSync(engine.yamlSyntaxes)) {
      if (!f.endsWith('.json')) continue;
      const g = JSON.parse(fs.readFileSync(path.join(engine.yamlSyntaxes, f), 'utf8'));
      grammars.set(g.scopeName, path.join(engine.yamlSyntaxes, f));
    }
    grammars.set(grammarJson.scopeName, GRAMMAR_FILE);
    const registry = new engine.vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p: string[]) => new engine.onig.OnigScanner(p),
        createOnigString: (s: string) => new engine.onig.OnigString(s),
      }),
      loadGrammar: async (scope: string) => {
        const file = grammars.get(scope);
        return file ? engine.vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
      // what contributes.grammars injectTo does in VS Code
      getInjections: (scope: string) => (scope === 'source.yaml' ? [grammarJson.scopeName] : undefined),
    });
    const yaml = await registry.loadGrammar('source.yaml');
    assert.ok(yaml, 'source.yaml did not load');
    source = fs.readFileSync(path.join(__dirname, 'fixtures', 'pod.yaml'), 'utf8').split('\n');
    let state = engine.vsctm.INITIAL;
    lines = source.map((line) => {
      const r = yaml.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  });

  /** The scopes of the token that is exactly `text` on the first line containing `line`. */
  function scopesOf(line: string, text: string): string[] {
    const i = source.findIndex((l) => l.includes(line));
    assert.ok(i >= 0, `fixture has no line with ${JSON.stringify(line)}`);
    const tok = lines[i].find((t) => t.text === text);
    assert.ok(tok, `no token ${JSON.stringify(text)} on line ${i + 1}: ${JSON.stringify(lines[i].map((t) => t.text))}`);
    return tok.scopes;
  }
  const has = (scopes: string[], prefix: string) => scopes.some((s) => s.startsWith(prefix));

  it('resource quantities, with their suffix', { skip }, () => {
    assert.ok(has(scopesOf('cpu: 500m', '500'), 'constant.numeric.quantity'), scopesOf('cpu: 500m', '500').join(' '));
    assert.ok(has(scopesOf('cpu: 500m', 'm'), 'keyword.other.unit.suffix.quantity'));
    assert.ok(has(scopesOf('cpu: 500m', 'm'), 'constant.numeric.quantity'));
    assert.ok(has(scopesOf('memory: 1.5Gi', 'Gi'), 'keyword.other.unit.suffix.quantity'));
    assert.ok(has(scopesOf('memory: 1.5Gi', '1.5'), 'constant.numeric.quantity'));
    // inside a flow mapping
    assert.ok(has(scopesOf('limits: {cpu: 2k', 'k'), 'keyword.other.unit.suffix.quantity'));
    assert.ok(has(scopesOf('limits: {cpu: 2k', 'Mi'), 'keyword.other.unit.suffix.quantity'));
    assert.ok(has(scopesOf('limits: {cpu: 2k', 'e3'), 'keyword.other.unit.suffix.quantity'));
  });

  it('not a quantity: a bare integer, a comment', { skip }, () => {
    const port = source.findIndex((l) => l.includes('containerPort: 80'));
    assert.ok(!lines[port].some((t) => has(t.scopes, 'constant.numeric.quantity')));
    const cpu = source.findIndex((l) => l.includes('cpu: 500m'));
    const comment = lines[cpu].filter((t) => t.text.includes('250m'));
    assert.ok(comment.length > 0 && comment.every((t) => !has(t.scopes, 'constant.numeric.quantity') && has(t.scopes, 'comment')));
  });

  it('YAML 1.1 booleans (go-yaml v2): yes, on; not when quoted', { skip }, () => {
    assert.ok(has(scopesOf('enabled: yes', 'yes'), 'constant.language.boolean.yaml11'));
    assert.ok(has(scopesOf('stdin: on', 'on'), 'constant.language.boolean.yaml11'));
    assert.ok(!scopesOf('quoted: "yes"', 'yes').some((s) => s.startsWith('constant.language.boolean.yaml11')));
  });

  it('YAML 1.1 octal integers: 0644; not when quoted', { skip }, () => {
    assert.ok(has(scopesOf('defaultMode: 0644', '0644'), 'constant.numeric.integer.octal.yaml11'));
    assert.ok(has(scopesOf('mode: 0755', '0755'), 'constant.numeric.integer.octal.yaml11'));
    assert.ok(!scopesOf('key: "0755"', '0755').some((s) => s.startsWith('constant.numeric.integer.octal')));
  });

  it('image references: registry[:port]/name:tag@digest', { skip }, () => {
    const line = 'image: registry.example.com:5000';
    assert.ok(has(scopesOf(line, 'registry.example.com:5000'), 'entity.name.namespace.registry.image'));
    assert.ok(has(scopesOf(line, 'team/web-app'), 'entity.name.type.repository.image'));
    assert.ok(has(scopesOf(line, '1.27.3'), 'constant.other.tag.image'));
    assert.ok(has(scopesOf(line, 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'), 'constant.numeric.digest.image'));
    assert.ok(has(scopesOf('image: nginx', 'nginx'), 'entity.name.type.repository.image'));
    assert.ok(has(scopesOf('image: localhost:5000', 'localhost:5000'), 'entity.name.namespace.registry.image'));
    assert.ok(has(scopesOf('image: localhost:5000', 'latest'), 'constant.other.tag.image'));
  });

  it('keys and the YAML grammar around them are unchanged', { skip }, () => {
    assert.ok(has(scopesOf('stdin: on', 'stdin'), 'entity.name.tag'));
    assert.ok(has(scopesOf('defaultMode: 0644', 'defaultMode'), 'entity.name.tag'));
    assert.ok(has(scopesOf('tty: false', 'false'), 'constant.language.boolean'));
  });
});
