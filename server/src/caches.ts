/**
 * Every cache the checks keep between runs, made here so that none hides in a module: a look at
 * `cacheNames()` lists them all, and `clearCaches()` empties them all (the tests compare results
 * from warm caches with fresh ones).
 *
 * Two kinds, both safe to keep for the server's lifetime:
 * - WeakCache: keyed by an object that an edit replaces. The decoded Pod after an edit shares
 *   every part the edit did not touch (yaml/reparse.ts), so those parts' results are found again,
 *   and a result goes away with its object.
 * - BoundedCache: keyed by a small value (a version, a quantity's text); emptied when it grows
 *   past its bound (values typed one character at a time would otherwise pile up).
 */
interface Clearable {
  readonly name: string;
  clear(): void;
}

const registry: Clearable[] = [];

export class WeakCache<K extends object, V> implements Clearable {
  private map = new WeakMap<K, V>();
  constructor(readonly name: string) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): V {
    this.map.set(key, value);
    return value;
  }
  clear(): void {
    this.map = new WeakMap();
  }
}

export class BoundedCache<K, V> implements Clearable {
  private readonly map = new Map<K, V>();
  constructor(
    readonly name: string,
    private readonly max: number,
  ) {}
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  has(key: K): boolean {
    return this.map.has(key);
  }
  set(key: K, value: V): V {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }
  clear(): void {
    this.map.clear();
  }
}

/** A cache keyed by objects, registered under `name`. */
export function weakCache<K extends object, V>(name: string): WeakCache<K, V> {
  return register(new WeakCache<K, V>(name));
}

/** A cache of at most `max` entries, registered under `name`. */
export function boundedCache<K, V>(name: string, max: number): BoundedCache<K, V> {
  return register(new BoundedCache<K, V>(name, max));
}

function register<C extends Clearable>(cache: C): C {
  registry.push(cache);
  return cache;
}

export function clearCaches(): void {
  for (const c of registry) c.clear();
}

export function cacheNames(): string[] {
  return registry.map((c) => c.name);
}
