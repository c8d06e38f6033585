/**
 * The schedule grammar the API server parses a CronJob's schedule with: robfig/cron's
 * ParseStandard (parser.go: Parse, getField, getRange, parseIntOrName, mustParseInt,
 * parseDescriptor). Five fields (minute, hour, day of month, month, day of week), each a
 * comma-separated list of `*` or `?`, `n`, `a-b`, with `/step`; months JAN-DEC and days SUN-SAT
 * by name in any case; the descriptors @yearly @annually @monthly @weekly @daily @midnight
 * @hourly and `@every <Go duration>`.
 *
 * Two versions: robfig/cron v1.1.0 up to 1.21 (its errors capitalised, a field-count error quoting
 * the whole schedule), v3 from 1.22 (lower case, the fields printed as a Go slice `[a b]`, and an
 * optional `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix whose zone must load).
 */
import { atoi } from '../strconv';
import { loadLocation } from './timeZone';

/** unicode.IsSpace: where strings.Fields splits and strings.TrimSpace trims. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const FIELDS = new RegExp(`[^${GO_SPACE}]+`, 'g');
const TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g');

interface Bounds {
  min: bigint;
  max: bigint;
  names?: Record<string, bigint>;
}

const names = (list: string[], first: number) => Object.fromEntries(list.map((n, i) => [n, BigInt(first + i)]));
const MINUTES: Bounds = { min: 0n, max: 59n };
const HOURS: Bounds = { min: 0n, max: 23n };
const DOM: Bounds = { min: 1n, max: 31n };
const MONTHS: Bounds = { min: 1n, max: 12n, names: names(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'], 1) };
const DOW: Bounds = { min: 0n, max: 6n, names: names(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], 0) };

/** v1.1.0 starts its messages with a capital, v3 does not. */
type Say = (text: string) => string;
const v1: Say = (t) => t[0].toUpperCase() + t.slice(1);
const v3: Say = (t) => t;

/** mustParseInt */
function mustParseInt(expr: string, say: Say): bigint | string {
  const [n, err] = atoi(expr);
  if (err) return say(`failed to parse int from ${expr}: ${err}`);
  if (n < 0n) return say(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

/** parseIntOrName */
function parseIntOrName(expr: string, r: Bounds, say: Say): bigint | string {
  const named = r.names?.[expr.toLowerCase()];
  return named !== undefined ? named : mustParseInt(expr, say);
}

/** getRange: `number | number "-" number [ "/" number ]`, or `*` / `?` with an optional step. */
function getRange(expr: string, r: Bounds, say: Say): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: bigint;
  let end: bigint;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // What follows a star's hyphen is never read: `*-5` is every value.
    start = r.min;
    end = r.max;
  } else {
    const low = parseIntOrName(lowAndHigh[0], r, say);
    if (typeof low === 'string') return low;
    start = low;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1], r, say);
      if (typeof high === 'string') return high;
      end = high;
    } else return say(`too many hyphens: ${expr}`);
  }
  let step = 1n;
  if (rangeAndStep.length === 2) {
    const s = mustParseInt(rangeAndStep[1], say);
    if (typeof s === 'string') return s;
    step = s;
    // "N/step" means "N-max/step".
    if (lowAndHigh.length === 1) end = r.max;
  } else if (rangeAndStep.length > 2) return say(`too many slashes: ${expr}`);
  if (start < r.min) return say(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) return say(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) return say(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0n) return say(`step of range should be a positive number: ${expr}`);
  return undefined;
}

/** getField: a comma-separated list of ranges (strings.FieldsFunc: empty items are skipped). */
function getField(field: string, r: Bounds, say: Say): string | undefined {
  for (const expr of field.split(',')) {
    if (expr === '') continue;
    const err = getRange(expr, r, say);
    if (err) return err;
  }
  return undefined;
}

/** parseDescriptor */
function parseDescriptor(descriptor: string, say: Say): string | undefined {
  if (['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'].includes(descriptor)) return undefined;
  const every = '@every ';
  if (descriptor.startsWith(every)) {
    const err = parseDuration(descriptor.slice(every.length));
    return err ? say(`failed to parse duration ${descriptor}: ${err}`) : undefined;
  }
  return say(`unrecognized descriptor: ${descriptor}`);
}

/**
 * cron.ParseStandard: undefined when the schedule parses, else the parser's error, which the
 * server gives as the detail of `Invalid value: "<schedule>"`. `v3`: robfig/cron v3 (from 1.22).
 */
export function parseStandard(spec: string, isV3: boolean): string | undefined {
  const say = isV3 ? v3 : v1;
  if (spec.length === 0) return say('empty spec string');
  if (isV3 && (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ='))) {
    const space = spec.indexOf(' ');
    // v3 cuts the zone at the first space; with none, it slices past the end and panics.
    if (space < 0)
      return 'runtime error: slice bounds out of range (robfig/cron v3 needs a space after the TZ= or CRON_TZ= zone; the API server fails on this schedule)';
    const zone = spec.slice(spec.indexOf('=') + 1, space);
    const err = loadLocation(zone);
    if (err) return `provided bad location ${zone}: ${err}`;
    spec = spec.slice(space).replace(TRIM, '');
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, say);
  const fields = spec.match(FIELDS) ?? [];
  if (fields.length !== 5) return say(`expected exactly 5 fields, found ${fields.length}: ${isV3 ? `[${fields.join(' ')}]` : spec}`);
  const bounds = [MINUTES, HOURS, DOM, MONTHS, DOW];
  for (let i = 0; i < 5; i++) {
    const err = getField(fields[i], bounds[i], say);
    if (err) return err;
  }
  return undefined;
}

/** time.ParseDuration's units, in nanoseconds. */
const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  '\u00b5s': 1000n,
  '\u03bcs': 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};
const LIMIT = 1n << 63n;

/** time's quote: non-ASCII and control bytes as \xNN, quotes and backslashes escaped. */
function timeQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (code >= 0x80 || code < 0x20) for (const b of Buffer.from(c, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += c === '"' || c === '\\' ? `\\${c}` : c;
  }
  return `${out}"`;
}

/** time.ParseDuration: undefined when it parses (any sign: Every() makes anything under 1s one second), else Go's error. */
export function parseDuration(orig: string): string | undefined {
  const invalidDuration = `time: invalid duration ${timeQuote(orig)}`;
  let s = orig;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  if (s === '0') return undefined;
  if (s === '') return invalidDuration;
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalidDuration;
    const int = /^[0-9]*/.exec(s)![0];
    s = s.slice(int.length);
    let v = 0n;
    for (const c of int) {
      // leadingInt: an overflow is an invalid duration
      if (v > LIMIT / 10n) return invalidDuration;
      v = v * 10n + BigInt(c.charCodeAt(0) - 48);
      if (v > LIMIT) return invalidDuration;
    }
    let frac = '';
    if (s[0] === '.') {
      frac = /^[0-9]*/.exec(s.slice(1))![0];
      s = s.slice(1 + frac.length);
    }
    if (int === '' && frac === '') return invalidDuration;
    const unitText = /^[^.0-9]*/.exec(s)![0];
    if (unitText === '') return `time: missing unit in duration ${timeQuote(orig)}`;
    s = s.slice(unitText.length);
    const unit = UNITS[unitText];
    if (unit === undefined) return `time: unknown unit ${timeQuote(unitText)} in duration ${timeQuote(orig)}`;
    if (v > LIMIT / unit) return invalidDuration;
    v *= unit;
    if (frac !== '') {
      // leadingFraction keeps the digits that fit; float64 arithmetic, as Go does.
      let f = 0n;
      let scale = 1;
      for (const c of frac) {
        const y = f * 10n + BigInt(c.charCodeAt(0) - 48);
        if (f > (LIMIT - 1n) / 10n || y > LIMIT) break;
        f = y;
        scale *= 10;
      }
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return invalidDuration;
    }
    d += v;
    if (d > LIMIT) return invalidDuration;
  }
  if (orig[0] !== '-' && d > LIMIT - 1n) return invalidDuration;
  return undefined;
}
