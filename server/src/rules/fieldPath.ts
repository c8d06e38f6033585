/**
 * A field path as apimachinery's field.Path prints it (`spec.containers[1].ports[0].name`,
 * `metadata.labels[app]`), carrying the JSON segments that locate it in the document.
 */
export type Segment = string | number;

export class FieldPath {
  private constructor(
    readonly segments: readonly Segment[],
    private readonly text: string,
  ) {}

  static root(...names: string[]): FieldPath {
    return names.reduce((p, n) => p.child(n), new FieldPath([], ''));
  }

  /** `.name` */
  child(name: string): FieldPath {
    return new FieldPath([...this.segments, name], this.text ? `${this.text}.${name}` : name);
  }

  /** `[i]` */
  index(i: number): FieldPath {
    return new FieldPath([...this.segments, i], `${this.text}[${i}]`);
  }

  /** `[key]`: a map entry. */
  key(k: string): FieldPath {
    return new FieldPath([...this.segments, k], `${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}
