/** Binary search over items sorted by a number (line starts, document parts, a map's pairs by offset). */

/** The index of the last item whose key is at most `target`, or -1 when there is none. */
export function lastAtOrBefore<T>(items: readonly T[], keyOf: (item: T) => number, target: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]) <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
