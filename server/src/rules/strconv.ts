/**
 * The bits of Go's strconv the rules need: strconv.Quote (the `%q` of an error message) and
 * strconv.Atoi with its errors, for the cron grammar, the index lists of a success policy and
 * IntOrString.IntValue (numbers.ts).
 */

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;
const ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** strconv.Quote: `"…"` with Go's escapes for quotes, backslashes and unprintable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const c of s) {
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (PRINTABLE.test(c)) out += c;
    else if (ESCAPES[c]) out += ESCAPES[c];
    else {
      const code = c.codePointAt(0)!;
      if (code < 0x80) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

/**
 * strconv.Atoi on a 64-bit server: the int it returns and its error's text
 * (`strconv.Atoi: parsing "x": invalid syntax`, `… value out of range`). As Go's, the int is 0
 * on bad syntax and the nearest int64 when out of range.
 */
export function atoi(s: string): [bigint, string | undefined] {
  const fail = (n: bigint, why: string): [bigint, string] => [n, `strconv.Atoi: parsing ${goQuote(s)}: ${why}`];
  let digits = s;
  let negative = false;
  if (digits[0] === '+' || digits[0] === '-') {
    negative = digits[0] === '-';
    digits = digits.slice(1);
  }
  const nearest = negative ? -(MAX_INT64 + 1n) : MAX_INT64;
  // ParseUint stops at the first character that is not a digit or at the first uint64 overflow;
  // ParseInt then checks the int64 range.
  if (digits === '') return fail(0n, 'invalid syntax');
  let n = 0n;
  for (const c of digits) {
    if (c < '0' || c > '9') return fail(0n, 'invalid syntax');
    n = n * 10n + BigInt(c.charCodeAt(0) - 48);
    if (n > MAX_UINT64) return fail(nearest, 'value out of range');
  }
  if (n > (negative ? MAX_INT64 + 1n : MAX_INT64)) return fail(nearest, 'value out of range');
  return [negative ? -n : n, undefined];
}
