import { applyRate, type CurrencyCode, minorUnits, money, parseDecimal } from '../../money/index.ts';

/** The price a buyer sees: USD cents converted at `rate` (USD→currency), rounded once half-to-even. */
export function displayedPrice(usdCents: bigint, rate: string, currency: CurrencyCode): bigint {
  return applyRate(money(usdCents, 'USD'), rate, currency).amount;
}

/** USD cents whose converted value is close to `local` (an estimate the bounds below correct). */
function estimate(local: bigint, rate: string, currency: CurrencyCode): bigint {
  const r = parseDecimal(rate);
  if (r.units <= 0n) throw new Error('an FX rate must be positive');
  // local / 10^to / rate * 10^2  =  local * 10^(scale + 2) / (units * 10^to)
  return (
    (local * 10n ** BigInt(r.scale + minorUnits('USD'))) / (r.units * 10n ** BigInt(minorUnits(currency)))
  );
}

/**
 * A price filter in the buyer's currency, as USD bounds that select exactly the products whose
 * displayed price is within [minLocal, maxLocal]: the smallest USD amount shown at or above
 * `minLocal`, the largest shown at or below `maxLocal`. Rounding both ways by hand instead
 * would drop or add products at the edges (a CNY 72.34 product filtered by "≥ 72.34").
 */
export function usdBoundsFor(
  local: { min?: bigint; max?: bigint },
  rate: string,
  currency: CurrencyCode,
): { min?: bigint; max?: bigint } {
  const shown = (usd: bigint) => displayedPrice(usd, rate, currency);
  const out: { min?: bigint; max?: bigint } = {};
  if (local.min !== undefined) {
    let u = estimate(local.min, rate, currency);
    // The displayed price is monotonic in the USD price; the estimate is off by a few units at most.
    while (u > 0n && shown(u - 1n) >= local.min) u -= 1n;
    while (shown(u) < local.min) u += 1n;
    out.min = u;
  }
  if (local.max !== undefined) {
    let u = estimate(local.max, rate, currency);
    while (shown(u + 1n) <= local.max) u += 1n;
    while (u > 0n && shown(u) > local.max) u -= 1n;
    out.max = u;
  }
  return out;
}
