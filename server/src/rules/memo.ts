/**
 * Per-container memoization. After an edit the decoder shares every unchanged container object
 * with the previous Pod (decoded values are never mutated), so a container's results can be kept
 * with the container object and reused while it and what the check reads of the rest of the Pod
 * stay the same. With 200 containers this turns a rule run into a look-up per container.
 *
 * A result is kept with the path the container had; when it moved (a container inserted before
 * it), its errors are re-rooted to the new index.
 */
import type { Obj } from './context';
import type { FieldError } from './errors';
import { FieldPath } from './fieldPath';

export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

interface Entry {
  /** The context the result was computed in. */
  key: string;
  path: FieldPath;
  errs: readonly FieldError[];
}

/** Contexts kept per container: enough for a few versions or list kinds, bounded when the Pod-level facts keep changing. */
const MAX_ENTRIES = 8;

/**
 * One check over a single container, memoized. `key` must name everything the check reads
 * outside the container and its path (version, volumes, hostNetwork …): two calls with the same
 * container object and key give the same errors, up to the path prefix.
 */
export class ContainerMemo<C> {
  private readonly cache = new WeakMap<Obj, Entry[]>();

  constructor(private readonly check: (c: Obj, path: FieldPath, ctx: C) => FieldError[]) {}

  run(c: Obj, path: FieldPath, ctx: C, key: string): readonly FieldError[] {
    let entries = this.cache.get(c);
    if (!entries) this.cache.set(c, (entries = []));
    const entry = entries.find((e) => e.key === key);
    if (!entry) {
      const errs = this.check(c, path, ctx);
      if (entries.length >= MAX_ENTRIES) entries.shift();
      entries.push({ key, path, errs });
      return errs;
    }
    if (entry.path !== path && !entry.path.equals(path)) {
      // Moved: kept under the new path, so the next edit finds it as it is.
      entry.errs = entry.errs.map((e) => reroot(e, entry.path, path));
      entry.path = path;
    }
    return entry.errs;
  }
}

/** The error as the check gives it for the container at `to` (its paths under `from` moved there). */
function reroot(e: FieldError, from: FieldPath, to: FieldPath): FieldError {
  const moved: FieldError = { ...e, path: e.path.reroot(from, to) };
  if (e.at) moved.at = e.at.reroot(from, to);
  return moved;
}

/**
 * `spec.<kind>[i]`, one object per place: rules visit every container on every run, and the memo
 * recognises an unmoved container by its path's identity.
 */
const SPEC = FieldPath.root('spec');
const ITEM_PATHS: Record<ContainerKind, FieldPath[]> = { containers: [], initContainers: [], ephemeralContainers: [] };
const LIST_PATHS: Record<ContainerKind, FieldPath> = {
  containers: SPEC.child('containers'),
  initContainers: SPEC.child('initContainers'),
  ephemeralContainers: SPEC.child('ephemeralContainers'),
};

export function containerPath(kind: ContainerKind, i: number): FieldPath {
  const paths = ITEM_PATHS[kind];
  for (let n = paths.length; n <= i; n++) paths.push(LIST_PATHS[kind].index(n));
  return paths[i];
}
