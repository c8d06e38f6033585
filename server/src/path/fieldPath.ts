/**
 * A field path as apimachinery's field.Path prints it (`spec.containers[1].ports[0].name`,
 * `metadata.labels[app]`), carrying the JSON segments that locate it in the document.
 *
 * Rules build a path for every item they visit, so a path is a link to its parent (O(1) to make);
 * its segments are gathered on first use, which is only for the few paths an error names.
 */
import type { JsonValue } from '../yaml/decode';
import type { Segment } from './segments';

/** How a segment was appended: `.name`, `[i]` or `[key]`. */
type Step = 'child' | 'index' | 'key';

export class FieldPath {
  private segs: readonly Segment[] | undefined;

  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly step: Step | undefined,
    private readonly last: Segment | undefined,
    private readonly text: string,
    private readonly depth: number,
  ) {}

  private static readonly EMPTY = new FieldPath(undefined, undefined, undefined, '', 0);

  static root(...names: string[]): FieldPath {
    return names.reduce((p, n) => p.child(n), FieldPath.EMPTY);
  }

  /** The JSON segments, root first. */
  get segments(): readonly Segment[] {
    if (!this.segs) this.segs = this.parent ? [...this.parent.segments, this.last!] : [];
    return this.segs;
  }

  /** `.name` */
  child(name: string): FieldPath {
    return new FieldPath(this, 'child', name, this.text ? `${this.text}.${name}` : name, this.depth + 1);
  }

  /** `[i]` */
  index(i: number): FieldPath {
    return new FieldPath(this, 'index', i, `${this.text}[${i}]`, this.depth + 1);
  }

  /** `[key]`: a map entry. */
  key(k: string): FieldPath {
    return new FieldPath(this, 'key', k, `${this.text}[${k}]`, this.depth + 1);
  }

  /** The same path: same text and segments. */
  equals(other: FieldPath): boolean {
    if (this === other) return true;
    if (this.text !== other.text || this.depth !== other.depth) return false;
    const a = this.segments;
    const b = other.segments;
    return a.every((s, i) => s === b[i]);
  }

  /**
   * This path with its prefix `from` replaced by `to` (`spec.containers[3].image` →
   * `spec.containers[4].image`), each later segment appended as it was; a path outside `from`
   * is returned as it is.
   */
  reroot(from: FieldPath, to: FieldPath): FieldPath {
    const steps: FieldPath[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- a walk up the parent links
    let p: FieldPath | undefined = this;
    while (p && p.depth > from.depth) {
      steps.push(p);
      p = p.parent;
    }
    if (!p || !p.equals(from)) return this;
    let out = to;
    for (let i = steps.length - 1; i >= 0; i--) {
      const s = steps[i];
      out = s.step === 'index' ? out.index(s.last as number) : s.step === 'key' ? out.key(s.last as string) : out.child(s.last as string);
    }
    return out;
  }

  toString(): string {
    return this.text;
  }
}

/** `spec.containers[0].name` (validation), `.spec.containers[name="app"].image` (apply), `metadata.labels[app]`. */
export function parseFieldPath(path: string, root: JsonValue): Segment[] | undefined {
  const segments: Segment[] = [];
  let value: JsonValue | undefined = root;
  const re = /\.?([^.[\]]+)|\[([^\]]*)\]/gy;
  const text = path.startsWith('.') ? path : `.${path}`;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let seg: Segment;
    if (m[1] !== undefined) seg = m[1];
    else {
      const inside = m[2];
      if (/^\d+$/.test(inside) && Array.isArray(value)) seg = Number(inside);
      else if (inside.includes('=') && Array.isArray(value)) {
        const i = indexByKeys(value, inside);
        if (i < 0) return segments.length ? segments : undefined;
        seg = i;
      } else seg = inside;
    }
    segments.push(seg);
    value = value !== null && typeof value === 'object' ? (value as Record<string, JsonValue>)[seg as string] : undefined;
    if (re.lastIndex >= text.length) break;
  }
  return segments;
}

/** `name="app"` or `containerPort=80,protocol="TCP"`: the first list item with those keys. */
export function indexByKeys(list: JsonValue[], keys: string, skip = 0): number {
  const wanted = keys.split(',').map((kv) => {
    const [k, raw] = kv.split(/=(.*)/s, 2);
    let v: unknown = raw;
    try {
      v = JSON.parse(raw);
    } catch {
      /* an unquoted string */
    }
    return [k.trim(), v] as const;
  });
  let seen = 0;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    if (wanted.every(([k, v]) => (k === '' ? item : (item as Record<string, unknown>)[k]) === v) && seen++ >= skip) return i;
  }
  return -1;
}
