/**
 * Per-container memoization. After an edit the decoder shares every unchanged container object
 * with the previous Pod (decoded values are never mutated), so a container's results can be kept
 * with the container object and reused while it and what the check reads of the rest of the Pod
 * stay the same. With 200 containers this turns a rule run into a look-up per container.
 *
 * A result is kept with the path the container had; when it moved (a container inserted before
 * it), its errors are re-rooted to the new index.
 */
import { WeakCache, weakCache } from '../caches';
import type { Obj } from './context';
import { FieldError, reroot } from './errors';
import type { FieldPath } from '../path/fieldPath';

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
  private readonly cache: WeakCache<Obj, Entry[]>;

  /** `name` says which check, in cacheNames(). */
  constructor(
    name: string,
    private readonly check: (c: Obj, path: FieldPath, ctx: C) => FieldError[],
  ) {
    this.cache = weakCache(`rules: ${name} per container`);
  }

  run(c: Obj, path: FieldPath, ctx: C, key: string): readonly FieldError[] {
    let entries = this.cache.get(c);
    if (!entries) entries = this.cache.set(c, []);
    const entry = entries.find((e) => e.key === key);
    if (!entry) {
      const errs = this.check(c, path, ctx);
      if (entries.length >= MAX_ENTRIES) entries.shift();
      entries.push({ key, path, errs });
      return errs;
    }
    if (entry.path !== path && !entry.path.equals(path)) {
      // Moved: the errors as the check gives them at the new path, kept there so the next edit finds them.
      entry.errs = entry.errs.map((e) => reroot(e, entry.path, path));
      entry.path = path;
    }
    return entry.errs;
  }
}
