import { divRoundHalfEven, formatDecimal, type Money, parseDecimal } from './money.ts';

/**
 * Exact rational arithmetic for rates. China's CBEC formula divides by (1 − CT), which no decimal
 * holds exactly (1 / 0.85), so a rate is kept as a fraction and rounded once, half to even, when
 * it becomes money. Fractions are not reduced: only their value matters.
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

export const ONE: Ratio = { n: 1n, d: 1n };
export const ZERO_RATIO: Ratio = { n: 0n, d: 1n };

/** A decimal string ("0.13") as an exact fraction (13/100). */
export function ratio(decimal: string): Ratio {
  const p = parseDecimal(decimal);
  return { n: p.units, d: 10n ** BigInt(p.scale) };
}

export const mulRatio = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, d: a.d * b.d });
export const addRatio = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const subRatio = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const oneMinus = (a: Ratio): Ratio => subRatio(ONE, a);

/** a ÷ b; b must be positive (a rate of 1 − CT at 100% or more would divide by zero or flip the sign). */
export function divRatio(a: Ratio, b: Ratio): Ratio {
  if (b.n <= 0n || b.d <= 0n) throw new Error('division by a non-positive ratio');
  return { n: a.n * b.d, d: a.d * b.n };
}

/** amount × r, rounded once, half to even, in the same currency. */
export function applyRatio(m: Money, r: Ratio): Money {
  return { amount: divRoundHalfEven(m.amount * r.n, r.d), currency: m.currency };
}

/** A fraction of minor units rounded once, half to even, into whole ones. */
export const roundRatio = (r: Ratio): bigint => divRoundHalfEven(r.n, r.d);

/** The same value, exactly: a/b = c/d. */
export const sameRatio = (a: Ratio, b: Ratio): boolean => a.n * b.d === b.n * a.d;

/**
 * n/d as a decimal string with `places` decimals, rounded once, half to even; null when d is 0.
 *
 * @example quotientDecimal(2n, 3n, 4) // '0.6667'
 */
export function quotientDecimal(n: bigint, d: bigint, places: number): string | null {
  if (d === 0n) return null;
  if (!Number.isSafeInteger(places) || places < 0) throw new Error('places must be a whole number');
  const [num, den] = d < 0n ? [-n, -d] : [n, d];
  const q = divRoundHalfEven(num * 10n ** BigInt(places), den);
  const text = formatDecimal({ units: q < 0n ? -q : q, scale: places });
  return q < 0n ? `-${text}` : text;
}
