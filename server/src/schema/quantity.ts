/**
 * Kubernetes' resource.Quantity grammar (k8s.io/apimachinery/pkg/api/resource), so that `500m`,
 * `1Gi`, `2`, `0.5` and `1e3` pass, `1.5.5` and `10 Gi` do not, and a hover can say what they mean.
 *
 *   <quantity> ::= <signedNumber><suffix>
 *   <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei | n | u | m | "" | k | M | G | T | P | E | e<signedNumber> | E<signedNumber>
 */
import { formatNumber } from '../format';

export const QUANTITY_REGEXP_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const QUANTITY_ERROR = `quantities must match the regular expression '${QUANTITY_REGEXP_TEXT}'`;

/**
 * The same grammar as one regular expression, for the JSON Schema check (surrounding spaces are
 * allowed: Quantity.UnmarshalJSON trims them). A test keeps it and parseQuantity in step.
 */
export const QUANTITY_PATTERN = '^\\s*[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?\\s*$';

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export interface ParsedQuantity {
  /** The number as written, without its suffix. */
  number: string;
  suffix: string;
  /** Base 2 (binary suffix) or 10. */
  base: 2 | 10;
  exponent: number;
  /** The value in base units (cores, bytes, ...); approximate for huge or tiny numbers. */
  value: number;
}

/** Parses as resource.ParseQuantity does; undefined where it would fail. */
export function parseQuantity(text: string): ParsedQuantity | undefined {
  if (text.length === 0) return undefined;
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(text);
  if (!m) return undefined;
  const [, number, suffix] = m;
  let base: 2 | 10;
  let exponent: number;
  if (suffix in BINARY) {
    base = 2;
    exponent = BINARY[suffix];
  } else if (suffix in DECIMAL) {
    base = 10;
    exponent = DECIMAL[suffix];
  } else {
    const e = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
    if (!e) return undefined;
    base = 10;
    exponent = Number(e[1]);
  }
  const value = Number(number) * Math.pow(base, exponent);
  return { number, suffix, base, exponent, value };
}

/**
 * A JSON value as Quantity.UnmarshalJSON takes it: a string, or a bare JSON number (`cpu: 2`,
 * `cpu: 0.5`, `memory: 1e3` in YAML), whose text is parsed the same way.
 */
export function quantityOf(value: unknown): ParsedQuantity | undefined {
  if (typeof value === 'string') return parseQuantity(value.trim()); // UnmarshalJSON trims spaces
  if (typeof value === 'number' && Number.isFinite(value)) return parseQuantity(numberText(value));
  return undefined;
}

/** How Go's encoding/json writes a float64, near enough for the quantity grammar. */
function numberText(n: number): string {
  const s = String(n);
  return s.replace(/e\+/, 'e');
}

/** `500m` → "0.5 CPU" style explanations for hover. */
export function explainQuantity(text: string, resource?: string): string | undefined {
  const q = parseQuantity(text);
  if (!q) return undefined;
  const v = q.value;
  const num = (n: number) => formatNumber(n, 6);
  if (resource === 'cpu') {
    return `${text} = ${num(v)} CPU (${num(v * 1000)} millicores)`;
  }
  if (resource && /memory|storage|hugepages/.test(resource)) {
    return `${text} = ${num(v)} bytes${v >= 1024 ? ` (${humanBytes(v)})` : ''}`;
  }
  if (q.base === 2) return `${text} = ${num(v)} (${text.slice(0, -2)} × 2^${q.exponent})`;
  if (q.exponent !== 0) return `${text} = ${num(v)}`;
  return undefined;
}

function humanBytes(v: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let i = -1;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${formatNumber(v, 2)} ${units[i]}`;
}
