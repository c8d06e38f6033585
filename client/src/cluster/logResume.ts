/**
 * Where a followed log is, so a new request after a dropped stream continues it without
 * repeating or losing lines. Lines are requested with timestamps; a resumed request asks for
 * sinceTime = the last timestamp seen, which the API server hands to the kubelet truncated to
 * whole seconds, so the answer starts with lines already shown. Those are skipped: every line
 * older than the last one seen, and as many lines with exactly the last timestamp as were
 * already shown (several lines can share one timestamp). A line cut off by the drop was never
 * shown, and comes again whole.
 */
import { StringDecoder } from 'node:string_decoder';

export interface LogLine {
  /** the kubelet's RFC3339Nano time, when the line had one */
  timestamp?: string;
  /** the line without its timestamp and newline */
  text: string;
}

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/;

/** RFC3339(Nano) → nanoseconds since the epoch, comparable whatever the zone or precision. */
export function timestampKey(ts: string): bigint | undefined {
  const m = TS.exec(ts);
  if (!m) return undefined;
  const ms = Date.parse(m[1] + m[3]);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** Splits "TIMESTAMP text" as the kubelet writes it with timestamps=true. */
export function splitTimestamp(raw: string): LogLine & { key?: bigint } {
  const sp = raw.indexOf(' ');
  const head = sp < 0 ? raw : raw.slice(0, sp);
  const key = timestampKey(head);
  if (key === undefined) return { text: raw };
  return { timestamp: head, key, text: sp < 0 ? '' : raw.slice(sp + 1) };
}

export class LogResume {
  private decoder = new StringDecoder('utf8');
  private partial = '';
  private last: { key: bigint; raw: string } | undefined;
  private countAtLast = 0;
  private resuming = false;
  private skippedAtLast = 0;
  /** repeated lines left out so far (resumes always repeat at least the last line seen) */
  skipped = 0;

  /** The new complete lines in a chunk of the stream, repeats left out. */
  push(chunk: Buffer | string): LogLine[] {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.partial = parts.pop()!;
    const out: LogLine[] = [];
    for (const raw of parts) {
      const line = this.accept(raw);
      if (line) out.push(line);
    }
    return out;
  }

  /** The stream ended cleanly: a last line without a newline counts. */
  end(): LogLine[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    this.decoder = new StringDecoder('utf8');
    const line = rest ? this.accept(rest) : undefined;
    return line ? [line] : [];
  }

  /** The stream is gone: forget the cut-off line; the next lines may repeat what was shown. */
  lost(): void {
    this.partial = '';
    this.decoder = new StringDecoder('utf8');
    if (this.last) {
      this.resuming = true;
      this.skippedAtLast = 0;
    }
  }

  /** The sinceTime for the resumed request; undefined when no timestamped line was seen. */
  get sinceTime(): string | undefined {
    return this.last?.raw;
  }

  private accept(raw: string): (LogLine & { key?: bigint }) | undefined {
    const line = splitTimestamp(raw);
    const key = line.key;
    if (key === undefined) return line;
    if (this.resuming && this.last) {
      if (key < this.last.key) {
        this.skipped += 1;
        return undefined;
      }
      if (key === this.last.key && this.skippedAtLast < this.countAtLast) {
        this.skippedAtLast += 1;
        this.skipped += 1;
        return undefined;
      }
      this.resuming = false;
    }
    if (this.last && key === this.last.key) this.countAtLast += 1;
    else {
      this.last = { key, raw: line.timestamp! };
      this.countAtLast = 1;
    }
    return line;
  }
}
