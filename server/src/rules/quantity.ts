/**
 * Exact resource.Quantity arithmetic for the rules (k8s.io/apimachinery/pkg/api/resource): the
 * value ParseQuantity makes of a quantity, Cmp, MilliValue/Value, the canonical String() the API
 * server prints in its messages (`1.5` → "1500m", `2048Mi` → "2Gi", `1e3` → "1e3") and Go's %#v of
 * a Quantity. Used by container resources and overhead, downward API divisors, volume sizes and
 * the fractional-bytes warning. (The grammar alone, for the schema check and hover, is
 * ../schema/quantity.ts.)
 */
import type { JsonValue } from '../yaml/decode';
import { boundedCache } from '../caches';
import { quantityOf } from '../schema/quantity';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The value is `n / 10^d` exactly. */
export interface Quantity {
  n: bigint;
  d: number;
  format: QuantityFormat;
}

const TEN = BigInt(10);
const ZERO = BigInt(0);
const pow10 = (k: number) => TEN ** BigInt(k);
const abs = (x: bigint) => (x < ZERO ? -x : x);

/**
 * Parsed quantities by the value written: the same few (`100m`, `128Mi`) recur in every container
 * and every run. The Quantity objects are shared, so frozen; the table is emptied when it grows
 * past its bound (values typed one character at a time).
 */
const parsed = boundedCache<string | number, Readonly<Quantity> | undefined>('rules: parsed quantities', 1000);

/** ParseQuantity over a decoded value (a string, or a bare number); undefined where it fails. */
export function parseQuantity(value: JsonValue | undefined): Readonly<Quantity> | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  // A number and its text are told apart by the key's type; a number's result depends only on String(n).
  let q = parsed.get(value);
  if (q === undefined && !parsed.has(value)) {
    q = parse(value);
    if (q) Object.freeze(q);
    parsed.set(value, q);
  }
  return q;
}

function parse(value: string | number): Quantity | undefined {
  const p = quantityOf(value);
  if (!p) return undefined;
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(p.number);
  if (!m) return undefined;
  const [, sign, int, frac = ''] = m;
  let n = BigInt((int || '0') + frac);
  let d = frac.length;
  let format: QuantityFormat;
  if (p.base === 2) {
    n *= BigInt(2) ** BigInt(p.exponent);
    format = 'BinarySI';
  } else {
    if (p.exponent >= 0) n *= pow10(p.exponent);
    else d += -p.exponent;
    format = /^[eE]/.test(p.suffix) ? 'DecimalExponent' : 'DecimalSI';
  }
  // Non-zero values are rounded up (away from zero) to the nano precision.
  if (d > 9) {
    const unit = pow10(d - 9);
    const q = n / unit;
    n = n % unit === ZERO ? q : q + BigInt(1);
    d = 9;
  }
  if (sign === '-') n = -n;
  if (format === 'BinarySI' && n !== ZERO && abs(n) < pow10(d)) format = 'DecimalSI';
  return { n, d, format };
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  const x = a.n * pow10(b.d);
  const y = b.n * pow10(a.d);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (q: Quantity) => q.n === ZERO;
export const isNegative = (q: Quantity) => q.n < ZERO;

/** ScaledValue rounding up: the value in units of 10^-scale. */
function scaled(q: Quantity, scale: number): bigint {
  // value * 10^scale = n * 10^(scale - d)
  const shift = scale - q.d;
  if (shift >= 0) return q.n * pow10(shift);
  const unit = pow10(-shift);
  const t = q.n / unit;
  return q.n % unit === ZERO ? t : q.n > ZERO ? t + BigInt(1) : t - BigInt(1);
}

export const milliValue = (q: Quantity) => scaled(q, 3);
export const intValue = (q: Quantity) => scaled(q, 0);

const DEC_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String(): CanonicalizeBytes. */
export function quantityString(q: Quantity): string {
  if (q.n === ZERO) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const one024 = BigInt(1024) * pow10(q.d);
    if (abs(q.n) < one024 || q.n % pow10(q.d) !== ZERO) format = 'DecimalSI';
    else {
      let v = q.n / pow10(q.d);
      let k = 0;
      while (v % BigInt(1024) === ZERO && k < BIN_SUFFIX.length - 1) {
        v /= BigInt(1024);
        k++;
      }
      return `${v}${BIN_SUFFIX[k]}`;
    }
  }
  let m = q.n;
  let exp = -q.d;
  while (m % TEN === ZERO) {
    m /= TEN;
    exp++;
  }
  const r = ((exp % 3) + 3) % 3;
  m *= pow10(r);
  exp -= r;
  if (format === 'DecimalExponent') return exp === 0 ? `${m}` : `${m}e${exp}`;
  return `${m}${DEC_SUFFIX[exp] ?? ''}`;
}

/**
 * How Go's %#v prints the resource.Quantity that ParseQuantity makes of this value, where it takes
 * the int64 fast path (`resource.Quantity{i:resource.int64Amount{value:500, scale:-3}, …}`);
 * undefined where it would hold an *inf.Dec (whose address is printed).
 */
export function goQuantityText(value: JsonValue | undefined): string | undefined {
  let str: string;
  if (typeof value === 'string') str = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) str = String(value).replace(/e\+/, 'e');
  else return undefined;
  const m = /^([+-]?)0*([0-9]*)(?:\.([0-9]*))?(.*)$/.exec(str);
  const p = quantityOf(str);
  if (!m || !p) return undefined;
  const [, sign, int, denom = ''] = m;
  const num = int || '0';
  const format: QuantityFormat = p.base === 2 ? 'BinarySI' : /^[eE]/.test(p.suffix) ? 'DecimalExponent' : 'DecimalSI';
  let scale = 0;
  let mantissa = BigInt(1);
  let precision: number;
  if (format === 'BinarySI') {
    if (denom.length !== 0) return undefined;
    mantissa = BigInt(2) ** BigInt(p.exponent);
    precision = 15 - num.length - Math.trunc((p.exponent * 3) / 10) - 1;
  } else {
    scale = p.exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision < 0) return undefined;
  scale -= denom.length;
  if (scale < -9) return undefined;
  const shifted = num + denom;
  let result = BigInt(shifted) * mantissa;
  if (result > BigInt('9223372036854775807')) return undefined;
  if (sign === '-') result = -result;
  const reuse =
    format === 'BinarySI'
      ? p.exponent % 10 === 0 && (BigInt(shifted) & BigInt(7)) !== BigInt(0)
      : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return `resource.Quantity{i:resource.int64Amount{value:${result}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${JSON.stringify(reuse ? str : '')}, Format:"${format}"}`;
}
