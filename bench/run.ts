/**
 * `npm run bench`: our language server against yaml-language-server, side by side in one run.
 *
 * Both are spawned over stdio as an editor spawns them, alternating server by round, and given
 * the same Pod schema (yaml-language-server gets our JSON Schema with the descriptions added, its
 * network schema store off). Figures: spawn → initialize, spawn → first diagnostics, edit →
 * diagnostics (wall and the server's CPU time) on four generated documents, completion and hover
 * latencies, planted errors found, peak RSS; each against the floor, the time to parse the same
 * text once with the `yaml` package. Prints a Markdown table and writes it to bench/results.md.
 *
 * Typing: a new key and its value typed as a user types them, one keystroke per didChange (the
 * newline with its indentation, then one character per change), each waited for until the server
 * publishes its diagnostics; per keystroke, the server's CPU (the on-CPU time of all its threads,
 * from /proc/<pid>/task/<tid>/schedstat, in ns) and the wall time to the publication. At three
 * places in (b) and (e) (spec level, metadata.labels, a container in the middle of the list), in
 * the middle Pod of (c), and at (b)'s spec level again with full-text sync (the whole text in each
 * didChange). Each typed line is deleted again afterwards (not measured).
 *
 * BENCH_ROUNDS (default 3) rounds per server; BENCH_REQUESTS (default 20) completion and hover
 * requests per document per round (pooled over the rounds: ≥ 50 each); BENCH_EDITS (default 30)
 * edits per document per round; BENCH_TYPING=0 leaves the typing out; BENCH_THEIR_TYPING_ROUNDS
 * (default 1) of yaml-language-server's rounds type (it takes ~0.5 s a keystroke in (b) and (e),
 * ~1 s in (c): ~85 s a round), ours type in every round.
 *
 * Workspace (ours only: yaml-language-server has no index of the workspace's objects): a
 * generated workspace of BENCH_WORKSPACE_FILES (default 2,000; 0 leaves it out) YAML files, the
 * server started with it as its workspace folder; (b) opened at once and `hostname: web-1` typed
 * at its spec level, again and again for as long as the index is being built (at least twice);
 * the same typing, as many times, in a server without a workspace; then the index's time to
 * complete, its files, objects and memory estimate (WorkspaceIndexStatsRequest), and the peak RSS
 * of each. BENCH_ONLY_OURS=1 runs pod-manifests only (a quick check; the table's other column
 * stays empty).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { compilePodValidator, jsonSchemaOf } from '../server/src/schema/ajv';
import { schemasFromDirectory } from '../server/src/schema/load';
import type { SchemaModel } from '../server/src/schema/model';
import { NEWEST } from '../server/src/schema/versions';
import { WorkspaceIndexStatsRequest, type WorkspaceIndexStats } from '../protocol/messages';
import { bigDeployment, bigPod, bigPodWithErrors, manyPods, prng, smallPod, workspaceFiles } from './docs';
import { clockTicks, cpuMs, cpuNs, peakRssMiB, ServerSpec, spawnServer, STOP_GRACE_MS } from './lsp';

const REPO = resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20);
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
/** The first edits after opening are also reported on their own: they include compiling the edit path. */
const FIRST_EDITS = Math.min(10, EDITS);
const TYPING = process.env.BENCH_TYPING !== '0';
const THEIR_TYPING_ROUNDS = Math.min(ROUNDS, Number(process.env.BENCH_THEIR_TYPING_ROUNDS ?? 1));
/** Typing goals, per keystroke: the server's CPU time, median and 95th percentile. */
const TYPING_P50_MS = 10;
const TYPING_P95_MS = 25;
const ONLY_OURS = process.env.BENCH_ONLY_OURS === '1';
const WORKSPACE_FILES = Number(process.env.BENCH_WORKSPACE_FILES ?? 2000);
/** The workspace goal: typing while the index is built, keystroke → diagnostics wall p50 no more than this above without. */
const WORKSPACE_WALL_MS = 10;

// ---------------------------------------------------------------------------------------------
// yaml-language-server's schema: ours, with every type's and field's description.

function describedSchema(model: SchemaModel): Record<string, unknown> {
  const schema = jsonSchemaOf(model) as { definitions: Record<string, { properties: Record<string, Record<string, unknown>>; description?: string }> };
  for (const [name, def] of Object.entries(schema.definitions)) {
    const type = model.type(name);
    if (!type) continue;
    if (type.description) def.description = type.description;
    for (const [prop, s] of Object.entries(def.properties)) {
      const d = type.properties[prop]?.description;
      if (d) s.description = d;
    }
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: `${model.schema.root} (Kubernetes ${model.version})`, ...schema };
}

function serverSpecs(): ServerSpec[] {
  const schemas = schemasFromDirectory(join(REPO, 'schemas'), compilePodValidator);
  const dir = mkdtempSync(join(tmpdir(), 'pod-bench-'));
  const schemaFile = join(dir, 'pod.schema.json');
  writeFileSync(schemaFile, JSON.stringify(describedSchema(schemas(NEWEST))));
  // (e) is a Deployment: yaml-language-server gets the Deployment's schema for it.
  const deploymentFile = join(dir, 'deployment.schema.json');
  writeFileSync(deploymentFile, JSON.stringify(describedSchema(schemas(NEWEST, 'Deployment'))));
  const specs: ServerSpec[] = [
    { name: 'pod-manifests', command: process.execPath, args: [join(REPO, 'dist', 'server.js'), '--stdio'] },
    {
      name: 'yaml-language-server',
      command: process.execPath,
      args: [join(REPO, 'node_modules', 'yaml-language-server', 'out', 'server', 'src', 'server.js'), '--stdio'],
      settings: {
        yaml: {
          schemas: { [pathToFileURL(schemaFile).href]: ['*-a.yaml', '*-b.yaml', '*-c.yaml', '*-d.yaml'], [pathToFileURL(deploymentFile).href]: '*-e.yaml' },
          schemaStore: { enable: false, url: '' },
          validate: true,
          hover: true,
          completion: true,
          format: { enable: false },
          yamlVersion: '1.1',
          maxItemsComputed: 5000,
        },
        http: { proxy: '', proxyStrictSSL: false },
        editor: { tabSize: 2 },
        files: { associations: {} },
      },
    },
  ];
  return ONLY_OURS ? specs.slice(0, 1) : specs;
}

// ---------------------------------------------------------------------------------------------
// The documents and the positions asked about.

interface Doc {
  key: 'a' | 'b' | 'c' | 'e';
  label: string;
  text: string;
  lines: string[];
  /** The line edited: an image reference, in the middle of the document. */
  editLine: number;
}

function makeDoc(key: Doc['key'], label: string, text: string, editAt: number): Doc {
  const lines = text.split('\n');
  const images = lines.map((l, i) => (/^\s+image: /.test(l) ? i : -1)).filter((i) => i >= 0);
  return { key, label, text, lines, editLine: images[Math.floor(images.length * editAt)] };
}

interface Ask {
  line: number;
  character: number;
}

/** Completion positions: half at a key inside a container, half at an enum value. */
function completionPositions(doc: Doc, n: number, seed: number): Ask[] {
  const rnd = prng(seed);
  // A container's keys start where its image does (column 6 in a Pod, 10 in a Deployment's template).
  const col = doc.lines[doc.editLine].search(/\S/);
  const keyLine = new RegExp(`^ {${col}}[a-zA-Z]+:`);
  const keys = doc.lines.map((l, i) => (keyLine.test(l) ? i : -1)).filter((i) => i >= 0);
  const values = doc.lines.map((l, i) => (/^\s+(imagePullPolicy|protocol): /.test(l) ? i : -1)).filter((i) => i >= 0);
  const out: Ask[] = [];
  for (let k = 0; k < n; k++) {
    if (k % 2 === 0) {
      const line = keys[Math.floor(rnd() * keys.length)];
      out.push({ line, character: col + 2 });
    } else {
      const line = values[Math.floor(rnd() * values.length)];
      out.push({ line, character: doc.lines[line].indexOf(': ') + 2 });
    }
  }
  return out;
}

/** Hover positions: the middle of a random key. */
function hoverPositions(doc: Doc, n: number, seed: number): Ask[] {
  const rnd = prng(seed);
  const keys = doc.lines.map((l, i) => (/^\s+(- )?[a-zA-Z]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
  const out: Ask[] = [];
  for (let k = 0; k < n; k++) {
    const line = keys[Math.floor(rnd() * keys.length)];
    const m = /^(\s+(?:- )?)([a-zA-Z]+):/.exec(doc.lines[line])!;
    out.push({ line, character: m[1].length + Math.floor(m[2].length / 2) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Typing: where, what, and one key typed letter by letter.

interface Place {
  id: string;
  /** For the rows: what is typed where. */
  what: string;
  /** The text typed on a new line, after its newline and indentation. */
  typed: string;
  /** The line at whose end the newline is typed (the new line takes its indentation). */
  after: (doc: Doc) => number;
  /** Full-text sync: the whole text in each didChange, rather than the range typed. */
  full?: boolean;
}

const lineOf = (doc: Doc, re: RegExp) => {
  const i = doc.lines.findIndex((l) => re.test(l));
  if (i < 0) throw new Error(`bench: no line ${re} in ${doc.label}`);
  return i;
};
const SPEC_LEVEL = (doc: Doc) => lineOf(doc, /^\s+restartPolicy: Always$/);
const LABELS = (doc: Doc) => lineOf(doc, /^\s+tier: backend$/);
const MIDDLE_CONTAINER = (doc: Doc) => doc.editLine;

function places(key: Doc['key']): Place[] {
  const hostname = { typed: 'hostname: web-1', after: SPEC_LEVEL };
  const tier = { typed: 'tier2: backend', after: LABELS };
  const workingDir = { typed: 'workingDir: /srv', after: MIDDLE_CONTAINER };
  switch (key) {
    case 'b':
      return [
        { id: 'spec', what: '`hostname: web-1` at spec level', ...hostname },
        { id: 'labels', what: '`tier2: backend` in metadata.labels', ...tier },
        { id: 'container', what: '`workingDir: /srv` in the middle container', ...workingDir },
        { id: 'spec-full', what: '`hostname: web-1` at spec level, full-text sync', ...hostname, full: true },
      ];
    case 'e':
      return [
        { id: 'spec', what: "`hostname: web-1` at the template's spec level", ...hostname },
        { id: 'labels', what: "`tier2: backend` in the template's metadata.labels", ...tier },
        { id: 'container', what: "`workingDir: /srv` in the template's middle container", ...workingDir },
      ];
    case 'c':
      return [{ id: 'container', what: "`workingDir: /srv` in the middle Pod's container", ...workingDir }];
    default:
      return [];
  }
}

type Server = ReturnType<typeof spawnServer>;

interface Keystrokes {
  /** Server CPU per keystroke, ms (from schedstat, ns). */
  cpu: number[];
  /** didChange sent → its diagnostics published, ms. */
  wall: number[];
  /** Diagnostics after the last keystroke (the key and value typed: a valid document, none). */
  last: number;
}

/**
 * Types `place.typed` on a new line after `place.after` of `lines` (the server's text, updated as
 * typed): the newline and indentation, then one character per didChange, each awaited to its
 * publication; then deletes the line again (one change, awaited, not measured). The CPU readings
 * follow each other: everything the server does from the first keystroke to the last
 * publication is in some keystroke's figure.
 */
async function typeKey(server: Server, uri: string, version: { v: number }, lines: string[], after: number, place: Place): Promise<Keystrokes> {
  const out: Keystrokes = { cpu: [], wall: [], last: 0 };
  const indent = /^ */.exec(lines[after])![0];
  const end = lines[after].length;
  const pos = (line: number, character: number) => ({ line, character });
  const send = (range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string) =>
    server.change(uri, ++version.v, [place.full ? { text: lines.join('\n') } : { range, text }]);
  let before = cpuNs(server.pid);
  for (let k = 0; k <= place.typed.length; k++) {
    let range;
    let text;
    if (k === 0) {
      range = { start: pos(after, end), end: pos(after, end) };
      text = `\n${indent}`;
      lines.splice(after + 1, 0, indent);
    } else {
      const col = indent.length + k - 1;
      range = { start: pos(after + 1, col), end: pos(after + 1, col) };
      text = place.typed[k - 1];
      lines[after + 1] += text;
    }
    const t = performance.now();
    out.last = (await send(range, text)).length;
    out.wall.push(performance.now() - t);
    const now = cpuNs(server.pid);
    out.cpu.push((now - before) / 1e6);
    before = now;
  }
  const typedLine = lines[after + 1];
  lines.splice(after + 1, 1);
  await send({ start: pos(after, end), end: pos(after + 1, typedLine.length) }, '');
  return out;
}

// ---------------------------------------------------------------------------------------------
// One server, one round.

interface DocFigures {
  open: number;
  editWall: number[];
  editCpu: number;
  /** CPU per edit over the first FIRST_EDITS edits. */
  firstEditsCpu: number;
  completion: number[];
  hover: number[];
  completionEmpty: number;
  hoverEmpty: number;
  diagnostics: number;
  /** Keystrokes by place id (none in a round without typing). */
  typing: Record<string, Keystrokes | undefined>;
}

interface RoundFigures {
  init: number;
  firstDiagnostics: number;
  docs: Partial<Record<Doc['key'], DocFigures>>;
  plantedFound: number;
  plantedDiagnostics: number;
  peakRss: number;
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** The workspace scenario's figures, pooled over the rounds. */
function workspaceFigures(runs: { with: WorkspaceFigures; without: WorkspaceFigures }[]) {
  const typing = (f: WorkspaceFigures[]) => {
    const wall = f.flatMap((x) => x.keystrokes.flatMap((k) => k.wall));
    const cpu = f.flatMap((x) => x.keystrokes.flatMap((k) => k.cpu));
    return { wall, wallP50: quantile(wall, 0.5), wallP95: quantile(wall, 0.95), cpuP50: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95) };
  };
  const index = runs.map((r) => r.with.index!);
  return {
    with: typing(runs.map((r) => r.with)),
    without: typing(runs.map((r) => r.without)),
    repeats: median(runs.map((r) => r.with.repeats)),
    elapsedMs: median(index.map((s) => s.elapsedMs)),
    files: median(index.map((s) => s.files)),
    objects: median(index.map((s) => s.objects)),
    bytes: median(index.map((s) => s.bytes)),
    rssWith: median(runs.map((r) => r.with.peakRss)),
    rssWithout: median(runs.map((r) => r.without.peakRss)),
  };
}

async function runRound(
  spec: ServerSpec,
  docs: Doc[],
  planted: { text: string; planted: { line: number }[] },
  round: number,
  typing: boolean,
): Promise<RoundFigures> {
  const server = spawnServer(spec);
  try {
    const init = await server.initialize();
    const figures: RoundFigures = { init, firstDiagnostics: NaN, docs: {}, plantedFound: 0, plantedDiagnostics: 0, peakRss: NaN };
    for (const doc of docs) {
      const uri = `file:///bench/r${round}-${doc.key}.yaml`;
      const opened = performance.now();
      const diagnostics = await server.open(uri, doc.text);
      const open = performance.now() - opened;
      if (doc.key === 'a') figures.firstDiagnostics = performance.now() - server.spawnedAt;
      const f: DocFigures = {
        open,
        editWall: [],
        editCpu: NaN,
        firstEditsCpu: NaN,
        completion: [],
        hover: [],
        completionEmpty: 0,
        hoverEmpty: 0,
        diagnostics: diagnostics.length,
        typing: {},
      };
      // Edits: the image tag of one container (in (c): of one Pod in the middle), an incremental change.
      const original = doc.lines[doc.editLine];
      const cpuBefore = cpuMs(server.pid);
      for (let k = 1; k <= EDITS; k++) {
        const newLine = original.replace(/:[^:]*$/, `:2.${round}.${k}`);
        const t = performance.now();
        await server.change(uri, k + 1, [
          { range: { start: { line: doc.editLine, character: 0 }, end: { line: doc.editLine, character: doc.lines[doc.editLine].length } }, text: newLine },
        ]);
        f.editWall.push(performance.now() - t);
        doc.lines[doc.editLine] = newLine;
        if (k === FIRST_EDITS) f.firstEditsCpu = (cpuMs(server.pid) - cpuBefore) / FIRST_EDITS;
      }
      f.editCpu = (cpuMs(server.pid) - cpuBefore) / EDITS;
      // The server's text, for the typing.
      const live = [...doc.lines];
      doc.lines[doc.editLine] = original;
      if (doc.key !== 'c') {
        for (const at of completionPositions(doc, REQUESTS, 1000 * round + doc.key.charCodeAt(0))) {
          const t = performance.now();
          const r = await server.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: at });
          f.completion.push(performance.now() - t);
          const items = Array.isArray(r) ? r : (r?.items ?? []);
          if (items.length === 0) f.completionEmpty++;
        }
        for (const at of hoverPositions(doc, REQUESTS, 2000 * round + doc.key.charCodeAt(0))) {
          const t = performance.now();
          const r = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at });
          f.hover.push(performance.now() - t);
          if (!r) f.hoverEmpty++;
        }
      }
      if (typing) {
        const version = { v: EDITS + 1 };
        for (const place of places(doc.key)) f.typing[place.id] = await typeKey(server, uri, version, live, place.after(doc), place);
      }
      figures.docs[doc.key] = f;
      await server.close(uri);
    }
    const uri = `file:///bench/r${round}-d.yaml`;
    const found = await server.open(uri, planted.text);
    figures.plantedDiagnostics = found.length;
    figures.plantedFound = planted.planted.filter((p) => found.some((d) => d.range.start.line <= p.line && p.line <= d.range.end.line)).length;
    await server.close(uri);
    figures.peakRss = peakRssMiB(server.pid);
    // A feature that threw answers with its fallback (no diagnostics, say), which would pass for speed.
    if (spec.name === 'pod-manifests' && server.loggedErrors.length > 0)
      throw new Error(`bench: ${spec.name} logged errors:\n${server.loggedErrors.join('\n')}`);
    return figures;
  } finally {
    await server.stop(STOP_GRACE_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// The workspace scenario (ours only).

/** Writes the generated workspace into a new temporary directory; returns it. */
function writeWorkspace(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'pod-bench-workspace-'));
  for (const f of workspaceFiles(n)) {
    const path = join(dir, ...f.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.text);
  }
  return dir;
}

interface WorkspaceFigures {
  keystrokes: Keystrokes[];
  /** How many times the key was typed (each started while the index was pending, but the first). */
  repeats: number;
  /** The index once complete (with a workspace). */
  index?: WorkspaceIndexStats;
  peakRss: number;
}

/**
 * A server started with `workspace` (or none), (b) opened at once and `place` typed in it: `repeats`
 * times, or (with a workspace and no `repeats`) for as long as the index is pending, at least twice.
 */
async function typingWithWorkspace(spec: ServerSpec, doc: Doc, place: Place, workspace: string | undefined, repeats?: number): Promise<WorkspaceFigures> {
  const server = spawnServer(spec, workspace ? { workspaceFolder: workspace } : {});
  const stats = () => server.request<WorkspaceIndexStats>(WorkspaceIndexStatsRequest.method, null);
  try {
    await server.initialize();
    // A document of the workspace that is not on disk yet (the index takes the editor's text).
    const uri = pathToFileURL(join(workspace ?? tmpdir(), 'typed-b.yaml')).href;
    await server.open(uri, doc.text);
    const lines = [...doc.lines];
    const version = { v: 1 };
    const figures: WorkspaceFigures = { keystrokes: [], repeats: 0, peakRss: NaN };
    for (;;) {
      figures.keystrokes.push(await typeKey(server, uri, version, lines, place.after(doc), place));
      figures.repeats++;
      if (repeats !== undefined ? figures.repeats >= repeats : figures.repeats >= 2 && (await stats()).pending === 0) break;
      if (figures.repeats >= 200) throw new Error('bench: the workspace index is still pending after 200 repetitions of the typing');
    }
    if (workspace) {
      let s = await stats();
      while (s.pending > 0) {
        await new Promise((r) => setTimeout(r, 20));
        s = await stats();
      }
      figures.index = s;
    }
    figures.peakRss = peakRssMiB(server.pid);
    if (server.loggedErrors.length > 0) throw new Error(`bench: ${spec.name} logged errors:\n${server.loggedErrors.join('\n')}`);
    return figures;
  } finally {
    await server.stop(STOP_GRACE_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// The floor: parsing the same text once with `yaml`.

function floor(text: string): number {
  // Warm: the parser's code compiled, as it is in a running server.
  for (let i = 0; i < 3; i++) parseAllDocuments(text);
  const times: number[] = [];
  const until = performance.now() + 300;
  while (times.length < 5 || (times.length < 200 && performance.now() < until)) {
    const t = performance.now();
    parseAllDocuments(text);
    times.push(performance.now() - t);
  }
  return median(times);
}

// ---------------------------------------------------------------------------------------------

const ms = (x: number) => (Number.isNaN(x) ? '–' : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const ratio = (theirs: number, ours: number) => (ours > 0 ? `${(theirs / ours).toFixed(1)}×` : ours === 0 && theirs > 0 ? '> 100×' : '–');

async function main() {
  const started = performance.now();
  if (!existsSync(join(REPO, 'dist', 'server.js')) || !existsSync(join(REPO, 'dist', 'validators'))) {
    process.stderr.write('bench: no dist/server.js yet: npm run build\n');
    execSync('npm run build', { cwd: REPO, stdio: 'inherit' });
  }
  const specs = serverSpecs();
  const docs: Doc[] = [
    makeDoc('a', '(a) ~50-line Pod', smallPod(), 0),
    makeDoc('b', '(b) Pod with 200 containers', bigPod(), 0.5),
    makeDoc('c', '(c) 500 Pods in one file', manyPods(), 0.5),
    makeDoc('e', '(e) Deployment with 200 containers', bigDeployment(), 0.5),
  ];
  const planted = bigPodWithErrors();
  const results = new Map<string, RoundFigures[]>(specs.map((s) => [s.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which server goes first.
    const order = round % 2 === 0 ? specs : [...specs].reverse();
    for (const spec of order) {
      const t = performance.now();
      const r = await runRound(spec, docs, planted, round, TYPING && (spec === specs[0] || round < THEIR_TYPING_ROUNDS));
      results.get(spec.name)!.push(r);
      process.stderr.write(`round ${round + 1}/${ROUNDS} ${spec.name}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
  }
  // The workspace scenario: ours, with the workspace (typing for as long as it is indexed), then without (as many times).
  const workspaceRuns: { with: WorkspaceFigures; without: WorkspaceFigures }[] = [];
  const workspacePlace = places('b')[0];
  if (TYPING && WORKSPACE_FILES > 0) {
    const workspace = writeWorkspace(WORKSPACE_FILES);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const t = performance.now();
        const withIndex = await typingWithWorkspace(specs[0], docs[1], workspacePlace, workspace);
        const without = await typingWithWorkspace(specs[0], docs[1], workspacePlace, undefined, withIndex.repeats);
        workspaceRuns.push({ with: withIndex, without });
        process.stderr.write(`round ${round + 1}/${ROUNDS} workspace (${WORKSPACE_FILES} files): ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      }
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }
  const floors = Object.fromEntries(docs.map((d) => [d.key, floor(d.text)])) as Record<Doc['key'], number>;

  const ours = results.get(specs[0].name)!;
  const theirs = results.get('yaml-language-server') ?? [];
  const med = (rs: RoundFigures[], f: (r: RoundFigures) => number) => median(rs.map(f));
  const pool = (rs: RoundFigures[], f: (r: RoundFigures) => number[]) => rs.flatMap(f);
  const lines: string[] = [];
  const row = (figure: string, o: number, t: number, fl: number | undefined, fmt = ms) =>
    lines.push(`| ${figure} | ${fmt(o)} | ${fmt(t)} | ${ratio(t, o)} | ${fl === undefined ? '' : ms(fl)} |`);
  lines.push('| figure | pod-manifests | yaml-language-server 1.25 | ratio | floor: `yaml` parse |');
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  row(
    'spawn → initialize',
    med(ours, (r) => r.init),
    med(theirs, (r) => r.init),
    undefined,
  );
  row(
    'spawn → first diagnostics (a)',
    med(ours, (r) => r.firstDiagnostics),
    med(theirs, (r) => r.firstDiagnostics),
    floors.a,
  );
  for (const d of docs) {
    const g = (rs: RoundFigures[]) => rs.map((r) => r.docs[d.key]!);
    row(`${d.label}: open → diagnostics`, median(g(ours).map((x) => x.open)), median(g(theirs).map((x) => x.open)), floors[d.key]);
    row(`${d.label}: edit → diagnostics, wall p50`, median(g(ours).flatMap((x) => x.editWall)), median(g(theirs).flatMap((x) => x.editWall)), floors[d.key]);
    row(`${d.label}: edit → diagnostics, server CPU`, median(g(ours).map((x) => x.editCpu)), median(g(theirs).map((x) => x.editCpu)), floors[d.key]);
    if (FIRST_EDITS < EDITS) {
      row(
        `${d.label}: … server CPU, first ${FIRST_EDITS} edits after opening`,
        median(g(ours).map((x) => x.firstEditsCpu)),
        median(g(theirs).map((x) => x.firstEditsCpu)),
        floors[d.key],
      );
    }
    for (const p of TYPING ? places(d.key) : []) {
      const o = g(ours).flatMap((x) => x.typing[p.id] ?? []);
      const t = g(theirs).flatMap((x) => x.typing[p.id] ?? []);
      const oc = o.flatMap((x) => x.cpu);
      const tc = t.flatMap((x) => x.cpu);
      row(`${d.label}: typing ${p.what}, server CPU per keystroke p50 (n = ${oc.length}; ${tc.length})`, quantile(oc, 0.5), quantile(tc, 0.5), floors[d.key]);
      row(`${d.label}: … server CPU per keystroke p95`, quantile(oc, 0.95), quantile(tc, 0.95), floors[d.key]);
      row(`${d.label}: … keystroke → diagnostics, wall p50`, median(o.flatMap((x) => x.wall)), median(t.flatMap((x) => x.wall)), floors[d.key]);
    }
    if (d.key === 'c') continue;
    for (const [what, pick] of [
      ['completion', (x: DocFigures) => x.completion],
      ['hover', (x: DocFigures) => x.hover],
    ] as const) {
      const o = g(ours).flatMap(pick);
      const t = g(theirs).flatMap(pick);
      row(`${d.label}: ${what} p50 (n = ${o.length})`, quantile(o, 0.5), quantile(t, 0.5), floors[d.key]);
      row(`${d.label}: ${what} p95`, quantile(o, 0.95), quantile(t, 0.95), floors[d.key]);
    }
  }
  lines.push(
    `| (d) 20 planted errors: found (diagnostics) | ${med(ours, (r) => r.plantedFound)} (${med(ours, (r) => r.plantedDiagnostics)}) | ${med(theirs, (r) => r.plantedFound)} (${med(theirs, (r) => r.plantedDiagnostics)}) | | |`,
  );
  const mib = (x: number) => `${x.toFixed(0)} MiB`;
  lines.push(
    `| peak RSS (VmHWM) | ${mib(med(ours, (r) => r.peakRss))} | ${mib(med(theirs, (r) => r.peakRss))} | ${ratio(
      med(theirs, (r) => r.peakRss),
      med(ours, (r) => r.peakRss),
    )} | |`,
  );
  const ws = workspaceRuns.length > 0 ? workspaceFigures(workspaceRuns) : undefined;
  if (ws) {
    const none = 'n/a: no workspace index';
    const w = `workspace of ${WORKSPACE_FILES.toLocaleString('en')} files`;
    const own = (figure: string, value: string) => lines.push(`| ${figure} | ${value} | ${none} | | |`);
    own(`(b) typing ${workspacePlace.what} while a ${w} is indexed: keystroke → diagnostics, wall p50 (n = ${ws.with.wall.length})`, ms(ws.with.wallP50));
    own('… wall p95', ms(ws.with.wallP95));
    own(`… the same typing without a workspace: wall p50 (n = ${ws.without.wall.length})`, ms(ws.without.wallP50));
    own('… without a workspace: wall p95', ms(ws.without.wallP95));
    own('… difference (with − without): wall p50', ms(ws.with.wallP50 - ws.without.wallP50));
    own('… difference (with − without): wall p95', ms(ws.with.wallP95 - ws.without.wallP95));
    own(
      "… server CPU per keystroke p50, with (the index's slices between two keystrokes included) / without",
      `${ms(ws.with.cpuP50)} / ${ms(ws.without.cpuP50)}`,
    );
    own('… server CPU per keystroke p95, with / without', `${ms(ws.with.cpuP95)} / ${ms(ws.without.cpuP95)}`);
    own(`${w}: the index's time to complete, initialized → last file analysed (while typing: the key typed ${ws.repeats} times)`, ms(ws.elapsedMs));
    own(`${w}: files read (the open document included) / objects indexed`, `${ws.files} / ${ws.objects}`);
    own(`${w}: the index's memory (its estimate, \`bytes\`)`, `${(ws.bytes / 1024).toFixed(0)} KiB`);
    own(`${w}: peak RSS (VmHWM), with / without the workspace`, `${mib(ws.rssWith)} / ${mib(ws.rssWithout)}`);
  }

  // Sanity notes: empty answers and unexpected diagnostics on the valid documents.
  const notes: string[] = [
    'yaml-language-server waits 200 ms (its validationDelayMs) before validating a changed or opened document, so its wall figures for diagnostics include that wait: compare the CPU figures.',
  ];
  if (TYPING) {
    notes.push(
      "Typing waits for each keystroke's diagnostics before the next keystroke. pod-manifests validates once the burst of changes already received is handled (setImmediate, no delay), so a faster typist gets the same work per keystroke; yaml-language-server's 200 ms delay would fold keystrokes under 200 ms apart into one validation.",
    );
  }
  for (const [name, rs] of results) {
    for (const d of docs) {
      const x = rs.map((r) => r.docs[d.key]!);
      const diag = Math.max(...x.map((y) => y.diagnostics));
      const ce = x.reduce((s, y) => s + y.completionEmpty, 0);
      const he = x.reduce((s, y) => s + y.hoverEmpty, 0);
      if (diag > 0) notes.push(`${name}: ${diag} diagnostics on the valid document ${d.label}`);
      for (const p of TYPING ? places(d.key) : []) {
        const last = Math.max(...x.map((y) => y.typing[p.id]?.last ?? 0));
        if (last > 0) notes.push(`${name}: ${d.label}: ${last} diagnostics after typing ${p.what}`);
      }
      if (d.key !== 'c' && (ce > 0 || he > 0)) notes.push(`${name}: ${d.label}: ${ce} empty completions, ${he} empty hovers of ${x.length * REQUESTS} each`);
    }
  }

  const goals: [string, boolean, string][] = [];
  const cpuRatio = (k: Doc['key']) => median(theirs.map((r) => r.docs[k]!.editCpu)) / median(ours.map((r) => r.docs[k]!.editCpu));
  const p50 = (rs: RoundFigures[], k: Doc['key'], w: 'completion' | 'hover') =>
    quantile(
      pool(rs, (r) => r.docs[k]![w]),
      0.5,
    );
  for (const k of ['b', 'c'] as const) goals.push([`≥ 10× less CPU per edit in (${k})`, cpuRatio(k) >= 10, `${cpuRatio(k).toFixed(1)}×`]);
  for (const w of ['completion', 'hover'] as const) {
    const r = p50(theirs, 'b', w) / p50(ours, 'b', w);
    goals.push([`≥ 10× faster ${w} p50 in (b)`, r >= 10, `${r.toFixed(1)}×`]);
  }
  const first = med(ours, (r) => r.firstDiagnostics);
  goals.push(['spawn → first diagnostics ≤ 150 ms', first <= 150, ms(first)]);
  const rss = med(ours, (r) => r.peakRss);
  goals.push(['peak RSS ≤ 80 MiB', rss <= 80, mib(rss)]);
  const ca = median(ours.flatMap((r) => r.docs.c!.editWall)) / median(ours.flatMap((r) => r.docs.a!.editWall));
  goals.push(['edit → diagnostics in (c) within 2× of (a) (wall p50)', ca <= 2, `${ca.toFixed(2)}×`]);
  // The same edit in the same containers, in a Deployment's template rather than a Pod.
  // CPU is read in clock ticks: two readings per figure, so a difference under 2 ticks over the edits is not one.
  const cpuE = median(ours.map((r) => r.docs.e!.editCpu));
  const cpuB = median(ours.map((r) => r.docs.b!.editCpu));
  const resolution = (2 * 1000) / clockTicks() / EDITS;
  goals.push([
    `server CPU per edit in (e) no more than in (b) (± ${ms(resolution)}: 2 clock ticks over the edits)`,
    cpuE <= cpuB + resolution,
    `${ms(cpuE)} vs ${ms(cpuB)} (${(cpuE / cpuB).toFixed(2)}×)`,
  ]);
  for (const d of TYPING ? docs : []) {
    for (const p of places(d.key)) {
      const cpu = ours.flatMap((r) => r.docs[d.key]!.typing[p.id]!.cpu);
      const [q50, q95] = [quantile(cpu, 0.5), quantile(cpu, 0.95)];
      goals.push([
        `typing ${p.what} in (${d.key}): server CPU per keystroke p50 ≤ ${TYPING_P50_MS} ms and p95 ≤ ${TYPING_P95_MS} ms`,
        q50 <= TYPING_P50_MS && q95 <= TYPING_P95_MS,
        `p50 ${ms(q50)}, p95 ${ms(q95)}`,
      ]);
    }
  }

  const header = [
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; ${ROUNDS} rounds per server, alternating; medians over the rounds, latencies pooled; ${EDITS} edits and ${REQUESTS} completion + ${REQUESTS} hover requests per document per round; CPU = Δ(utime + stime) of the server process over the edits ÷ edits (clock tick ${(1000 / clockTicks()).toFixed(0)} ms).${
      TYPING
        ? ` Typing: a key and its value typed on a new line, one didChange per keystroke (the newline with its indentation, then one character each: \`hostname: web-1\` 16 keystrokes, \`tier2: backend\` 15, \`workingDir: /srv\` 17), each waited for until the server publishes its diagnostics, once per place per round typed in: pod-manifests in all ${ROUNDS} rounds, yaml-language-server in ${THEIR_TYPING_ROUNDS} (it is slow), so each row pools ${ROUNDS} resp. ${THEIR_TYPING_ROUNDS} × the key's keystrokes (n = ours; theirs); server CPU per keystroke = Δ of the on-CPU time of all the server's threads (first field of /proc/<pid>/task/*/schedstat, ns) from one keystroke's publication to the next's; ranged changes unless the row says full-text sync; p95 is the 95th percentile, interpolated.`
        : ''
    } Ratio = yaml-language-server ÷ pod-manifests. Documents: (a) ${docs[0].lines.length} lines, (b) ${docs[1].lines.length} lines, (c) ${docs[2].lines.length} lines, (d) = (b) with 20 planted errors, (e) ${docs[3].lines.length} lines: (b)'s Pod as a Deployment's template.`,
    '',
  ];
  if (ws) {
    const d = ws.with.wallP50 - ws.without.wallP50;
    goals.push([
      `typing in (b) while a ${WORKSPACE_FILES.toLocaleString('en')}-file workspace is indexed: keystroke → diagnostics wall p50 within ${WORKSPACE_WALL_MS} ms of without`,
      d <= WORKSPACE_WALL_MS,
      `${ms(ws.with.wallP50)} vs ${ms(ws.without.wallP50)} (${d >= 0 ? '+' : '−'}${ms(Math.abs(d))})`,
    ]);
  }
  const goalLines = ['', '| goal | met | measured |', '| --- | :---: | ---: |', ...goals.map(([g, ok, m]) => `| ${g} | ${ok ? 'yes' : '**no**'} | ${m} |`)];
  if (ws) {
    notes.push(
      `Workspace: ${WORKSPACE_FILES.toLocaleString('en')} generated YAML files (bench/docs.ts workspaceFiles: Deployments, Services, ConfigMaps with 3–27 keys, Secrets, PVCs, ServiceAccounts; some files with several documents), pod-manifests only (yaml-language-server keeps no index of the workspace's objects). Per round a server is started with the workspace as its folder, (b) is opened at once and the key typed again and again (each keystroke awaited, as above) for as long as the index is pending; then a server without a workspace types the same key as many times. The index reads the disk in small synchronous reads and analyses, in slices of ≤ 4 ms between the LSP messages; \`bytes\` is its own estimate of what it keeps (workspaceIndex.ts).`,
    );
  }
  const noteLines = notes.length ? ['', ...notes.map((n) => `- ${n}`)] : [];
  const out = [...header, ...lines, ...goalLines, ...noteLines, ''].join('\n');
  process.stdout.write(out);
  writeFileSync(join(__dirname, 'results.md'), out);
  process.stderr.write(`bench: ${((performance.now() - started) / 1000).toFixed(0)} s; written to bench/results.md\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
