/**
 * Which files a Kustomization names as patches (`patches`, `patchesStrategicMerge`,
 * `patchesJson6902`): partial by design, so they are checked as patches (service option
 * `isPatch`). Read from the `kustomization.yaml` (or `.yml`, or `Kustomization`) of the file's
 * folder and of the folders above it (an overlay may patch a file of its own or a shared one),
 * each read once per change of its modification time. Files under `resources` are whole objects,
 * checked as usual. The core never reads the disk: the adapters (CLI, server) use this.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathOfUri } from './fileUris';
import { parse } from 'yaml';

const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** How many folders up a kustomization may be that patches a file. */
const LEVELS = 4;

const cache = new Map<string, { mtimeMs: number; patches: Set<string> }>();

/** The absolute paths of the patches a kustomization file names. */
function patchesOf(file: string): Set<string> {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return new Set(); // gone since it was seen
  }
  const cached = cache.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.patches;
  const patches = new Set<string>();
  try {
    const k = parse(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    const dir = dirname(file);
    const add = (p: unknown) => {
      if (typeof p === 'string' && p && !p.includes('\n')) patches.add(resolve(dir, p));
    };
    for (const p of asList(k?.patchesStrategicMerge)) add(p);
    for (const p of [...asList(k?.patches), ...asList(k?.patchesJson6902)]) if (p && typeof p === 'object') add((p as { path?: unknown }).path);
  } catch {
    // A kustomization that does not parse names nothing; the editor shows its own YAML errors.
  }
  cache.set(file, { mtimeMs, patches });
  return patches;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Whether a kustomization in the file's folder or above names it as a patch. */
export function isKustomizePatch(path: string): boolean {
  const file = resolve(path);
  let dir = dirname(file);
  for (let level = 0; level < LEVELS; level++) {
    for (const name of NAMES) {
      const k = join(dir, name);
      if (existsSync(k) && patchesOf(k).has(file)) return true;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return false;
}

/** The same for a document's URI. */
export function isKustomizePatchUri(uri: string): boolean {
  const path = pathOfUri(uri);
  return path !== undefined && isKustomizePatch(path);
}

/** Whether a file is a kustomization (its change re-checks the files it names). */
export function isKustomization(uri: string): boolean {
  return NAMES.some((n) => uri.endsWith(`/${n}`));
}
