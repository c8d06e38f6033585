/**
 * Numbers in messages, formatted without Intl: its first use wakes ICU (~15 ms), which the
 * server cannot afford on its way to the first diagnostics.
 */

/** 1073741824 → "1,073,741,824". */
export function thousands(n: number | string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 0.5 → "0.5", 1536 → "1,536", 2/3 with 2 digits → "0.67". */
export function formatNumber(n: number, maxFractionDigits: number): string {
  const [int, frac] = n.toFixed(maxFractionDigits).split('.');
  const trimmed = frac?.replace(/0+$/, '');
  return thousands(int) + (trimmed ? `.${trimmed}` : '');
}
