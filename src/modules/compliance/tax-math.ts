import {
  type CurrencyCode,
  divRoundHalfEven,
  type Money,
  minorUnits,
  parseDecimal,
} from '../../money/index.ts';

/**
 * Exact rational arithmetic for tax rates. China's CBEC formula divides by (1 − CT), which no
 * decimal holds exactly (1 / 0.85), so rates are kept as fractions and a tax is rounded once,
 * half to even, when it becomes money.
 */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

export const ONE: Ratio = { n: 1n, d: 1n };

export function ratio(decimal: string): Ratio {
  const p = parseDecimal(decimal);
  return { n: p.units, d: 10n ** BigInt(p.scale) };
}

export const mul = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.n, d: a.d * b.d });
export const sub = (a: Ratio, b: Ratio): Ratio => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export function div(a: Ratio, b: Ratio): Ratio {
  if (b.n <= 0n) throw new Error('division by a non-positive ratio');
  return { n: a.n * b.d, d: a.d * b.n };
}

/** amount × r, rounded once, half to even, in the same currency. */
export function applyRatio(m: Money, r: Ratio): Money {
  return { amount: divRoundHalfEven(m.amount * r.n, r.d), currency: m.currency };
}

/** A major-unit decimal ("5000.00") as exact minor units of a currency. */
export function majorToMinor(decimal: string, currency: CurrencyCode): bigint {
  const p = parseDecimal(decimal);
  const mu = minorUnits(currency);
  if (p.scale <= mu) return p.units * 10n ** BigInt(mu - p.scale);
  const f = 10n ** BigInt(p.scale - mu);
  if (p.units % f !== 0n) throw new Error(`${decimal} has more decimals than ${currency} allows`);
  return p.units / f;
}

/** value ≤ limit, the limit a major-unit decimal in value's currency. */
export function atMost(value: Money, limitMajor: string): boolean {
  return value.amount <= majorToMinor(limitMajor, value.currency);
}

/** value ≤ limitUsd × usdRate, compared exactly (no rounding of the converted threshold). */
export function atMostUsd(value: Money, limitUsd: string, usdRate: string): boolean {
  const l = parseDecimal(limitUsd);
  const r = parseDecimal(usdRate);
  const lhs = value.amount * 10n ** BigInt(l.scale + r.scale);
  const rhs = l.units * r.units * 10n ** BigInt(minorUnits(value.currency));
  return lhs <= rhs;
}
