import { quotientDecimal, ratio } from '../../../money/index.ts';

/** Shares as exact decimal strings: the figures and the accuracy rule use no floating point. */

/** n/d ≥ share, exactly. */
export function atLeastShare(n: number, d: number, share: string): boolean {
  const r = ratio(share);
  return BigInt(n) * r.d >= r.n * BigInt(d);
}

/**
 * n/d as a decimal string with `places` digits, rounded half-to-even; null when d is 0.
 * @example shareString(2, 3) // '0.6667'
 */
export function shareString(n: number, d: number, places = 4): string | null {
  return quotientDecimal(BigInt(n), BigInt(d), places);
}
