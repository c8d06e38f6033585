/**
 * Plain-scalar resolution as Kubernetes does it. Kubernetes decodes YAML with go-yaml v2 (YAML 1.1
 * rules), then converts to JSON: `yes`/`on`/`y` are `true`, `0644` is 420, `1e3` is 1000,
 * `12:30` stays a string (go-yaml has no sexagesimal numbers), `~` is null.
 */
export type ScalarValue = string | number | boolean | null;

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INFINITY = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
const NEG_INFINITY = new Set(['-.inf', '-.Inf', '-.INF']);
const NAN = new Set(['.nan', '.NaN', '.NAN']);

export function resolvePlainScalar(source: string): ScalarValue {
  if (NULL.has(source)) return null;
  if (TRUE.has(source)) return true;
  if (FALSE.has(source)) return false;
  const c = source.charCodeAt(0);
  // Only scalars that start like a number can be one (go-yaml's resolve table does the same).
  if (!(c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57))) return source;
  if (INFINITY.has(source)) return Infinity;
  if (NEG_INFINITY.has(source)) return -Infinity;
  if (NAN.has(source)) return NaN;
  const plain = source.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (YAML_FLOAT.test(plain)) return Number(plain);
  return source;
}

/** strconv.ParseInt(s, 0, 64) plus go-yaml's own `0b` handling. */
function parseGoInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const digits = m[2];
  let n: number;
  if (/^0[xX]/.test(digits)) n = parseInt(digits.slice(2), 16);
  else if (/^0[oO]/.test(digits)) n = parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) n = parseInt(digits.slice(2), 2);
  else if (digits.length > 1 && digits[0] === '0') n = parseInt(digits.slice(1), 8);
  else n = parseInt(digits, 10);
  return sign * n;
}

/** How sigs.k8s.io/yaml turns a non-string map key into the JSON key Kubernetes sees. */
export function keyToString(key: ScalarValue): string {
  if (key === null) return 'null';
  return String(key);
}
