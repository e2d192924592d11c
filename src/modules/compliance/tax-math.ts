import { type CurrencyCode, type Money, minorUnits, parseDecimal } from '../../money/index.ts';

/** Thresholds in major units, compared exactly. Rate arithmetic (Ratio) lives in src/money/ratio.ts. */

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
