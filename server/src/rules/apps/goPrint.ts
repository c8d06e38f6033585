/**
 * Go's %#v of the values the workload rules put in Invalid and Unsupported values (field.Error
 * prints a struct that way): a map[string]string and a pointer field inside a struct.
 */
import { goStr, Obj, present } from '../context';
import type { JsonValue } from '../../yaml/decode';

/** A map[string]string: keys sorted, `map[string]string(nil)` when absent. */
export function goStringMap(map: Obj | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const keys = Object.keys(map).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(goStr(map[k]))}`).join(', ')}}`;
}

/** A pointer field: nil, or an address, which differs on every request (shown as `0xc…`). */
export const goPointer = (type: string, v: JsonValue | undefined) => `(*${type})(${present(v) ? '0xc…' : 'nil'})`;
