/**
 * The workspace's ConfigMaps, Secrets, PersistentVolumeClaims, ServiceAccounts and Namespaces, read
 * in the background from the YAML and JSON files under the workspace folders and kept current from
 * the open documents and the client's file events (service/workspaceObjects.ts reads each text).
 *
 * Never in a keystroke's way: the work is done on the main thread in slices of at most SLICE_MS
 * (4 ms), each followed by setImmediate, so that the messages that arrived meanwhile (didChange,
 * completion) are handled between two slices, and no slice runs while other work waits in
 * setImmediate's queue (a message being handled, a validation, diagnostics being sent): a
 * keystroke waits at most for the rest of the slice under way when it arrives.
 * A slice lists directories (a few entries at a time), reads files and analyses their texts, one
 * `---` document at a time, looking at the clock between two steps. The disk is read with small
 * synchronous reads (open, fstat, read, close: ~10–20 µs for a manifest; listing and reading the
 * bench's 2,000 files ~40 ms in all). Measured in process on those files, async fs took 0.8–1.1 s
 * to index them (~1 s of CPU, its round trips through libuv's pool), the synchronous reads 0.3–0.5
 * s; with the main thread 80 % busy (a 5 ms task every 6 ms, as typing in a big Pod), 6.6 s
 * against 0.6 s: each async round trip waited for the main thread. A file that names none of the
 * kinds (`kind: ConfigMap`, …) is not parsed at all; one document is parsed whole in its step
 * (a 1 MiB ConfigMap of 40,000 keys: ~0.5 s at once, the one case a keystroke may wait for).
 *
 * Bounded: at most MAX_FILES files are read, each of at most MAX_FILE_BYTES; directories named in
 * SKIPPED_DIRECTORIES and those whose name starts with a dot are not entered, symbolic links not
 * followed. What is kept is only what IndexedObject holds (names, keys, ranges): a file's text is
 * dropped once analysed, a Secret's values with it.
 */
import { closeSync, Dir, fstatSync, openSync, opendirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceIndexStats } from '../../protocol/messages';
import { pathOfUri } from './fileUris';
import { INDEXED_KINDS, IndexedKind, IndexedObject, mayDefineObjects, objectsByDocument, objectsInText } from './service/workspaceObjects';

export const MAX_FILES = 20_000;
export const MAX_FILE_BYTES = 1 << 20;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'out', 'vendor', 'target']);
const INDEXED_FILE = /\.(ya?ml|json)$/i;
/** The longest stretch of work between two looks at the LSP messages. */
const SLICE_MS = 4;
/** An open document's text up to this length is analysed at once in setFile; a longer one in the background. */
const AT_ONCE_CHARS = 32 * 1024;
/** The longest the slices give way to other work at a time (yielding()). */
const YIELD_MS = 50;
/** onDidChange is called at most this often. */
const NOTIFY_MS = 200;

/**
 * The memory estimate (`bytes`), per V8's 64-bit layout, rounded up: a string costs 2 bytes a
 * character (as if two-byte; one-byte strings cost half) and a 16-byte header; an object with a
 * few fields ~48 bytes (an IndexedObject, a key's entry, a FileEntry, an array); a Range is three
 * objects (the range, two positions) ~96 bytes; a Map entry ~32 bytes. A file's uri is counted
 * once, with the file (its objects share the string). The views by kind and by name, made on
 * demand, are not counted (arrays of references: ~8 bytes an object). Checked against the heap
 * (node --expose-gc, heapUsed after collecting, before and after indexing the bench's 2,000
 * files): 2,391 KiB estimated, 2,540 KiB measured.
 */
const STRING_HEADER = 16;
const OBJECT_COST = 48;
const RANGE_COST = 96;
const ENTRY_COST = 32;
const stringCost = (s: string) => STRING_HEADER + 2 * s.length;

interface FileEntry {
  objects: IndexedObject[];
  bytes: number;
}

/** A file to read: found by the walk (its generation given when it is read), or named by a file event. */
interface Read {
  path: string;
  /** Its uri as this index keys it (keyOf), and as its objects say it. */
  uri: string;
  generation?: number;
}

/** A text to analyse: a file read from the disk, or a long open document's. */
interface Work {
  /** The uri its objects say (the editor's, for an open document's text). */
  uri: string;
  key: string;
  /** The text of the uri this work is for: stale when the uri has been given another since. */
  generation: number;
  text: string;
  steps?: Iterator<IndexedObject[]>;
  found: IndexedObject[];
}

/**
 * What the index keys a uri by: a file's uri as Node writes it. The editor writes some characters
 * of a path otherwise (VS Code: `%40` for `@`, `%2B` for `+`, `c%3A` for a drive), and its open
 * document must replace the file the walk found, not stand beside it.
 */
function keyOf(uri: string): string {
  const path = pathOfUri(uri);
  return path === undefined ? uri : pathToFileURL(path).href;
}

export class WorkspaceIndex {
  /** key (keyOf) → the file's objects: every file read (the count of files), with or without objects. */
  private readonly files = new Map<string, FileEntry>();
  /** Files whose text is the editor's (setFile), not the disk's, until readFile. */
  private readonly open = new Set<string>();
  /**
   * uri → the text it was last given (a number, never reused), while a read or an analysis of it
   * is under way: the work of an earlier text is dropped when it ends.
   */
  private readonly generations = new Map<string, number>();
  private generation = 0;
  private roots: string[] = [];
  private readonly directories: string[] = [];
  private listing?: { path: string; dir: Dir };
  private readonly toRead: Read[] = [];
  private readonly toAnalyse: Work[] = [];
  private found = 0;
  private scheduled = false;
  /** When start() was called, and when the scan it started was done (what elapsedMs tells). */
  private startedAt?: number;
  private finishedAt?: number;
  private bytes = 0;
  private byKind?: Map<IndexedKind, IndexedObject[]>;
  private byName?: Map<IndexedKind, Map<string, IndexedObject[]>>;
  private readonly listeners: (() => void)[] = [];
  private notifyTimer?: NodeJS.Timeout;
  /** Since when the slices have given way to other work (yielding()), if they have. */
  private yieldingSince?: number;

  /** Starts reading the YAML and JSON files under `roots` (directories), in the background. */
  start(roots: string[]): void {
    this.roots = roots;
    this.startedAt = performance.now();
    this.finishedAt = undefined;
    this.directories.push(...roots);
    this.schedule();
  }

  /**
   * A file's text now (an open document's: it stands for the file until readFile), or undefined
   * when the file (or directory) is gone; true when that changed what is indexed (ranges aside).
   * A long text that may define objects is analysed in the background: false, and onDidChange
   * tells.
   */
  setFile(uri: string, text: string | undefined): boolean {
    const key = keyOf(uri);
    const generation = this.nextGeneration(key);
    if (text === undefined) {
      this.open.delete(key);
      // A directory deleted: its files with it (a watcher may tell only the directory).
      let changed = false;
      const below = key.endsWith('/') ? key : `${key}/`;
      for (const file of [...this.files.keys()]) if (file.startsWith(below) && !this.open.has(file)) changed = this.put(file, undefined) || changed;
      return this.put(key, undefined) || changed;
    }
    this.open.add(key);
    if (!mayDefineObjects(text)) return this.put(key, []);
    if (text.length <= AT_ONCE_CHARS) return this.put(key, objectsInText(uri, text));
    // Before the files of the scan: the user is looking at this one.
    this.toAnalyse.unshift({ uri, key, generation, text, found: [] });
    this.schedule();
    return false;
  }

  /**
   * A file as the disk has it now (created or changed outside the editor, or its document
   * closed), read again in the background; forgotten when it is gone or not under the roots.
   */
  readFile(uri: string): void {
    const key = keyOf(uri);
    const generation = this.nextGeneration(key);
    this.open.delete(key);
    const path = pathOfUri(uri);
    if (!path || !this.underRoots(path)) {
      this.put(key, undefined);
      return;
    }
    this.toRead.unshift({ path, uri: key, generation });
    this.schedule();
  }

  objects(kind: IndexedKind): readonly IndexedObject[] {
    if (!this.byKind) {
      this.byKind = new Map(INDEXED_KINDS.map((k) => [k, []]));
      for (const file of this.files.values()) for (const o of file.objects) this.byKind.get(o.kind)!.push(o);
    }
    return this.byKind.get(kind) ?? [];
  }

  find(kind: IndexedKind, name: string): readonly IndexedObject[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const k of INDEXED_KINDS) {
        const names = new Map<string, IndexedObject[]>();
        for (const o of this.objects(k)) {
          const same = names.get(o.name);
          if (same) same.push(o);
          else names.set(o.name, [o]);
        }
        this.byName.set(k, names);
      }
    }
    return this.byName.get(kind)?.get(name) ?? [];
  }

  stats(): WorkspaceIndexStats {
    let objects = 0;
    for (const file of this.files.values()) objects += file.objects.length;
    const elapsedMs = this.startedAt === undefined ? 0 : (this.finishedAt ?? performance.now()) - this.startedAt;
    return { files: this.files.size, pending: this.pending(), objects, bytes: this.bytes, elapsedMs };
  }

  /** `listener` is called when the indexed objects change (ranges aside), at most every NOTIFY_MS. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return {
      dispose: () => {
        const i = this.listeners.indexOf(listener);
        if (i >= 0) this.listeners.splice(i, 1);
      },
    };
  }

  /** Stops the background work (what is indexed stays). */
  dispose(): void {
    this.directories.length = 0;
    this.closeListing();
    this.toRead.length = 0;
    this.toAnalyse.length = 0;
    clearTimeout(this.notifyTimer);
    this.listeners.length = 0;
  }

  // -------------------------------------------------------------------------------------------

  /** Directories still to list, files still to read, texts still to analyse. */
  private pending(): number {
    return this.directories.length + (this.listing ? 1 : 0) + this.toRead.length + this.toAnalyse.length;
  }

  private nextGeneration(key: string): number {
    this.generations.set(key, ++this.generation);
    return this.generation;
  }

  private underRoots(path: string): boolean {
    if (!INDEXED_FILE.test(path)) return false;
    return this.roots.some((root) => {
      const rel = relative(root, path);
      if (!rel || rel.startsWith('..') || rel.startsWith(sep)) return false;
      return rel
        .split(sep)
        .slice(0, -1)
        .every((d) => !SKIPPED_DIRECTORIES.has(d) && !d.startsWith('.'));
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.slice();
    });
  }

  /**
   * One slice: steps until SLICE_MS is spent. Texts to analyse first (what is read is dropped
   * soonest), then files to read, then directories to list: what waits in memory stays small.
   */
  private slice(): void {
    if (this.yielding()) {
      this.schedule();
      return;
    }
    const deadline = performance.now() + SLICE_MS;
    do {
      if (this.toAnalyse.length > 0) this.analyse(this.toAnalyse[0]);
      else if (this.toRead.length > 0) this.read(this.toRead.shift()!);
      else if (this.listing || this.directories.length > 0) this.list();
      else break;
    } while (performance.now() < deadline);
    if (this.pending() > 0) this.schedule();
    else if (this.startedAt !== undefined) this.finishedAt ??= performance.now();
  }

  /**
   * Whether the slice gives way: while anything else waits in setImmediate's queue. A keystroke
   * goes through the event loop in several hops, each one an immediate (the message read from
   * stdin is handled in one, jsonrpc's writer sends the diagnostics in another, the validation
   * runs in a third: server.ts), and each would otherwise wait behind a slice: measured, 25 ms
   * from a keystroke to its diagnostics in (b) against 7 ms without the index. Not for longer
   * than YIELD_MS at a time, so that the index goes on under any load.
   */
  private yielding(): boolean {
    if (otherImmediates() === 0) {
      this.yieldingSince = undefined;
      return false;
    }
    const now = performance.now();
    this.yieldingSince ??= now;
    if (now - this.yieldingSince < YIELD_MS) return true;
    this.yieldingSince = undefined;
    return false;
  }

  /** One document of a text analysed; the text's objects put in place when it is done, or dropped when stale. */
  private analyse(work: Work): void {
    if (this.generations.get(work.key) !== work.generation) {
      this.toAnalyse.shift();
      return;
    }
    work.steps ??= objectsByDocument(work.uri, work.text);
    const next = work.steps.next();
    if (!next.done) {
      work.found.push(...next.value);
      return;
    }
    this.toAnalyse.shift();
    this.put(work.key, work.found);
  }

  /** One file read: its text to analyse, or its (no) objects put in place at once. */
  private read(file: Read): void {
    if (file.generation === undefined) {
      // Found by the walk: an open document stands for it.
      if (this.open.has(file.uri)) return;
      file.generation = this.nextGeneration(file.uri);
    }
    if (this.generations.get(file.uri) !== file.generation) return;
    let text: string | undefined;
    let fd: number | undefined;
    try {
      fd = openSync(file.path, 'r');
      // Over the bound: read as a file without objects.
      text = fstatSync(fd).size <= MAX_FILE_BYTES ? readFileSync(fd, 'utf8') : '';
    } catch {
      text = undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    if (text === undefined) this.put(file.uri, undefined);
    else if (!mayDefineObjects(text)) this.put(file.uri, []);
    else this.toAnalyse.push({ uri: file.uri, key: file.uri, generation: file.generation, text, found: [] });
  }

  /** A few entries of the directory being listed (or the next one opened). */
  private list(): void {
    if (this.found >= MAX_FILES) {
      this.directories.length = 0;
      this.closeListing();
      return;
    }
    if (!this.listing) {
      const path = this.directories.pop()!;
      try {
        this.listing = { path, dir: opendirSync(path, { bufferSize: 32 }) };
      } catch {
        // Unreadable, or gone since it was found: nothing in it is indexed.
      }
      return;
    }
    const { path, dir } = this.listing;
    for (let k = 0; k < 32; k++) {
      let e;
      try {
        e = dir.readSync();
      } catch {
        e = null;
      }
      if (!e) {
        this.closeListing();
        return;
      }
      if (e.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(e.name) && !e.name.startsWith('.')) this.directories.push(join(path, e.name));
      } else if (e.isFile() && INDEXED_FILE.test(e.name) && this.found < MAX_FILES) {
        this.found++;
        const file = join(path, e.name);
        this.toRead.push({ path: file, uri: pathToFileURL(file).href });
      }
    }
  }

  private closeListing(): void {
    try {
      this.listing?.dir.closeSync();
    } catch {
      // Already closed.
    }
    this.listing = undefined;
  }

  /** A file's objects now (undefined: no such file); true when that changed them, ranges aside. */
  private put(key: string, objects: IndexedObject[] | undefined): boolean {
    // Settled: whatever work on this file is still under way is for an earlier text.
    this.generations.delete(key);
    const before = this.files.get(key);
    if (before) this.bytes -= before.bytes;
    if (objects === undefined) {
      this.files.delete(key);
      return before && before.objects.length > 0 ? this.changed() : false;
    }
    const entry: FileEntry = { objects, bytes: fileCost(key, objects) };
    this.files.set(key, entry);
    this.bytes += entry.bytes;
    if (sameObjects(before?.objects ?? [], objects)) {
      // The same objects, maybe moved: the views are made again with the new ranges, nothing to tell.
      if (objects.length > 0) this.byKind = this.byName = undefined;
      return false;
    }
    return this.changed();
  }

  private changed(): boolean {
    this.byKind = this.byName = undefined;
    if (!this.notifyTimer && this.listeners.length > 0)
      this.notifyTimer = setTimeout(() => {
        this.notifyTimer = undefined;
        for (const l of [...this.listeners]) l();
      }, NOTIFY_MS);
    return true;
  }
}

/**
 * How many immediates wait to run, other than the one running (process.getActiveResourcesInfo:
 * one `Immediate` for each; ~0.3 µs). 0 where Node does not tell.
 */
function otherImmediates(): number {
  if (typeof process.getActiveResourcesInfo !== 'function') return 0;
  let n = 0;
  for (const r of process.getActiveResourcesInfo()) if (r === 'Immediate') n++;
  return n;
}

/** Whether two lists of objects say the same, ranges aside (what a diagnostic may depend on). */
function sameObjects(a: readonly IndexedObject[], b: readonly IndexedObject[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    if (x.kind !== y.kind || x.name !== y.name || x.namespace !== y.namespace || x.keys.length !== y.keys.length) return false;
    if (!x.keys.every((k, j) => k.key === y.keys[j].key)) return false;
    const xl = Object.entries(x.labels ?? {});
    const yl = y.labels ?? {};
    return xl.length === Object.keys(yl).length && xl.every(([k, v]) => yl[k] === v);
  });
}

/** The estimate of what a file's entry keeps (see the constants above). */
function fileCost(uri: string, objects: IndexedObject[]): number {
  let bytes = ENTRY_COST + 2 * OBJECT_COST + stringCost(uri);
  for (const o of objects) {
    bytes += 2 * OBJECT_COST + RANGE_COST + stringCost(o.name) + (o.namespace === undefined ? 0 : stringCost(o.namespace));
    for (const k of o.keys) bytes += OBJECT_COST + RANGE_COST + stringCost(k.key);
    if (o.labels) {
      bytes += OBJECT_COST;
      for (const [k, v] of Object.entries(o.labels)) bytes += ENTRY_COST + stringCost(k) + stringCost(v);
    }
  }
  return bytes;
}
