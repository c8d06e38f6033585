/**
 * Go's %#v of the values rules put in Invalid and Unsupported values (field.Error prints a
 * struct that way): a map[string]string, a slice, and a pointer field inside a struct.
 */
import { goStr, Obj, present } from './context';
import type { JsonValue } from '../yaml/decode';

/** A map[string]string: keys sorted, `map[string]string(nil)` when absent. */
export function goStringMap(map: Obj | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const keys = Object.keys(map).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(goStr(map[k]))}`).join(', ')}}`;
}

/** A []T: each item as `item` prints it, `[]T(nil)` when the list is absent. */
export function goSlice(type: string, list: JsonValue | undefined, item: (v: JsonValue) => string): string {
  return Array.isArray(list) ? `[]${type}{${list.map(item).join(', ')}}` : `[]${type}(nil)`;
}

/** A pointer field: nil, or an address, which differs on every request (shown as `0xc…`). */
export const goPointer = (type: string, v: JsonValue | undefined) => `(*${type})(${present(v) ? '0xc…' : 'nil'})`;
