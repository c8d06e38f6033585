/** Offset ⇄ line/character within one text (UTF-16 code units, as LSP counts them). */
import { lastAtOrBefore } from '../bisect';

export interface Position {
  line: number;
  character: number;
}

export class LineMap {
  private readonly starts: number[];

  /** @param starts the lines' starts, when known (`afterEdit`); else read from the text. */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    this.starts = starts ?? [0];
    if (!starts) for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  /**
   * The map of `text`, which is `old`'s text with [start, oldEnd) replaced (new length − old =
   * `delta`): only the replaced lines are read, the rest move (on every keystroke, a 6,400-line
   * Pod is not scanned again).
   */
  static afterEdit(old: LineMap, text: string, start: number, oldEnd: number, delta: number): LineMap {
    const before = old.starts;
    // Starts whose line break lies before the change stay; those after it move.
    const k = lastAtOrBefore(before, (s) => s, start) + 1;
    const added: number[] = [];
    const newEnd = oldEnd + delta;
    for (let i = text.indexOf('\n', start); i >= 0 && i < newEnd; i = text.indexOf('\n', i + 1)) added.push(i + 1);
    let m = k;
    while (m < before.length && before[m] - 1 < oldEnd) m++;
    // One array of the final length: growing it by push would copy it a few times per keystroke.
    const starts = before.slice(0, k + added.length + before.length - m);
    for (let i = 0; i < added.length; i++) starts[k + i] = added[i];
    for (let i = k + added.length; m < before.length; m++, i++) starts[i] = before[m] + delta;
    return new LineMap(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.starts, (start) => start, offset);
    return { line, character: offset - this.starts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const end = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), end);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$/, '');
  }
}
