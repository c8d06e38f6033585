/**
 * metav1.Time as the API server decodes it (creationTimestamp, deletionTimestamp, a condition's
 * lastTransitionTime …): Go's time.Parse(time.RFC3339, s), whose failure is a decode error (400)
 * in Go's words, checked against v1.20.2:
 *   parsing time "2020-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"
 *   parsing time "2020-13-01T00:00:00Z": month out of range
 */

const LAYOUT = '2006-01-02T15:04:05Z07:00';

/**
 * What the schema check lets through (ajv `pattern`, words from `timeError`): the RFC 3339 shape,
 * each number in its range, each month's days (29 February in any year: the one gap).
 */
export const RFC3339_PATTERN =
  '^\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2\\d))' +
  'T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|[+-]\\d{2}:\\d{2})$';

type Element = { std: string; digits?: 'fixed' | 'loose' | 'year'; range?: [string, number, number] };

/** The layout's elements in order: literals, and numbers with their range as Go checks it. */
const ELEMENTS: Element[] = [
  { std: '2006', digits: 'year' },
  { std: '-' },
  { std: '01', digits: 'fixed', range: ['month', 1, 12] },
  { std: '-' },
  { std: '02', digits: 'fixed', range: ['day', 1, 31] },
  { std: 'T' },
  { std: '15', digits: 'loose', range: ['hour', 0, 23] },
  { std: ':' },
  { std: '04', digits: 'fixed', range: ['minute', 0, 59] },
  { std: ':' },
  { std: '05', digits: 'fixed', range: ['second', 0, 59] },
  { std: 'Z07:00' },
];

const isDigit = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';

/** Go's error for a string that is not an RFC 3339 time, or undefined when it is one. */
export function timeError(value: string): string | undefined {
  const bad = (rest: string, std: string) =>
    `parsing time ${JSON.stringify(value)} as ${JSON.stringify(LAYOUT)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(std)}`;
  const outOfRange = (what: string) => `parsing time ${JSON.stringify(value)}: ${what} out of range`;
  let rest = value;
  let year = 0;
  let month = 0;
  let day = 0;
  for (const el of ELEMENTS) {
    if (!el.digits && el.std !== 'Z07:00') {
      if (!rest.startsWith(el.std)) return bad(rest, el.std);
      rest = rest.slice(el.std.length);
      continue;
    }
    if (el.std === 'Z07:00') {
      if (rest.startsWith('Z')) rest = rest.slice(1);
      else if (rest.length >= 6 && (rest[0] === '+' || rest[0] === '-') && rest[3] === ':' && [1, 2, 4, 5].every((i) => isDigit(rest, i))) rest = rest.slice(6);
      else return bad(rest, el.std);
      continue;
    }
    let n: number;
    if (el.digits === 'year') {
      if (rest.length < 4 || ![0, 1, 2, 3].every((i) => isDigit(rest, i))) return bad(rest, el.std);
      n = Number(rest.slice(0, 4));
      rest = rest.slice(4);
      year = n;
    } else {
      if (!isDigit(rest, 0) || (el.digits === 'fixed' && !isDigit(rest, 1))) return bad(rest, el.std);
      const width = isDigit(rest, 1) ? 2 : 1;
      n = Number(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (el.range && (n < el.range[1] || n > el.range[2])) return outOfRange(el.range[0]);
    if (el.std === '01') month = n;
    if (el.std === '02') day = n;
    // A fractional second needs no place in the layout.
    if (el.std === '05' && rest[0] === '.' && isDigit(rest, 1)) {
      let i = 1;
      while (isDigit(rest, i)) i++;
      rest = rest.slice(i);
    }
  }
  if (rest) return `parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(rest)}`;
  if (day > daysIn(month, year)) return outOfRange('day');
  return undefined;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
