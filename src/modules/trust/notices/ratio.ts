import { quotientDecimal } from '../../../money/index.ts';

/** Shares as exact decimal strings: the figures and the accuracy rule use no floating point. */

/** '0.9' → 9/10. */
export function parseShare(s: string): { num: bigint; den: bigint } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal share: ${s}`);
  const frac = m[2] ?? '';
  const den = 10n ** BigInt(frac.length);
  return { num: BigInt(m[1]!) * den + BigInt(frac || '0'), den };
}

/** n/d ≥ share, exactly. */
export function atLeastShare(n: number, d: number, share: string): boolean {
  const { num, den } = parseShare(share);
  return BigInt(n) * den >= num * BigInt(d);
}

/**
 * n/d as a decimal string with `places` digits, rounded half-to-even; null when d is 0.
 * @example shareString(2, 3) // '0.6667'
 */
export function shareString(n: number, d: number, places = 4): string | null {
  return quotientDecimal(BigInt(n), BigInt(d), places);
}
