import { type CurrencyCode, isCurrencyCode, minorUnits } from './currency.ts';

/** An amount in integer minor units of one currency. Never a float. */
export interface Money {
  readonly amount: bigint;
  readonly currency: CurrencyCode;
}

export function money(amount: bigint | number | string, currency: CurrencyCode): Money {
  const a = typeof amount === 'bigint' ? amount : BigInt(amount);
  return { amount: a, currency };
}

export const zero = (currency: CurrencyCode): Money => ({ amount: 0n, currency });

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

export function multiply(a: Money, factor: bigint | number): Money {
  return { amount: a.amount * BigInt(factor), currency: a.currency };
}

export function sum(items: readonly Money[], currency: CurrencyCode): Money {
  let total = 0n;
  for (const m of items) {
    if (m.currency !== currency) throw new Error(`currency mismatch: ${m.currency} vs ${currency}`);
    total += m.amount;
  }
  return { amount: total, currency };
}

export const equals = (a: Money, b: Money) => a.currency === b.currency && a.amount === b.amount;

/** Divides n/d (d > 0) rounding half to even: the one rounding rule for money. */
export function divRoundHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new Error('divisor must be positive');
  const negative = n < 0n;
  const an = negative ? -n : n;
  let q = an / d;
  const r = an % d;
  const twice = r * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** A decimal given as a string ("7.1234"), held exactly as numerator / 10^scale. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL_RE = /^(\d{1,18})(?:\.(\d{1,18}))?$/;

export function parseDecimal(text: string): Decimal {
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const frac = m[2] ?? '';
  return { units: BigInt(m[1]! + frac), scale: frac.length };
}

export function formatDecimal(d: Decimal): string {
  if (d.scale === 0) return d.units.toString();
  const s = d.units.toString().padStart(d.scale + 1, '0');
  return `${s.slice(0, -d.scale)}.${s.slice(-d.scale)}`;
}

/**
 * Multiplies money by a decimal rate (a percentage as 0.091, an FX rate as 7.1234) and rounds
 * once, half to even, into the target currency's minor units.
 */
export function applyRate(m: Money, rate: Decimal | string, target: CurrencyCode = m.currency): Money {
  const r = typeof rate === 'string' ? parseDecimal(rate) : rate;
  const fromExp = minorUnits(m.currency);
  const toExp = minorUnits(target);
  // amount_minor / 10^from * rate * 10^to  = amount * units * 10^to / (10^scale * 10^from)
  const n = m.amount * r.units * 10n ** BigInt(toExp);
  const d = 10n ** BigInt(r.scale + fromExp);
  return { amount: divRoundHalfEven(n, d), currency: target };
}

/**
 * Splits an amount in proportion to weights, so that the parts add up exactly to the whole
 * (largest remainder; ties go to the earlier part).
 */
export function allocate(m: Money, weights: readonly bigint[]): Money[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total <= 0n) throw new Error('weights must sum to a positive number');
  const parts = weights.map((w) => (m.amount * w) / total);
  let rest = m.amount - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, rem: (m.amount * w) % total }))
    .sort((a, b) => (b.rem > a.rem ? 1 : b.rem < a.rem ? -1 : a.i - b.i));
  for (const { i } of order) {
    if (rest === 0n) break;
    parts[i] = parts[i]! + (rest > 0n ? 1n : -1n);
    rest += rest > 0n ? -1n : 1n;
  }
  return parts.map((amount) => ({ amount, currency: m.currency }));
}

/** A plain JSON form for the API: integer minor units and the ISO code. */
export interface MoneyJson {
  amount: number;
  currency: string;
}

export function toJson(m: Money): MoneyJson {
  if (m.amount > BigInt(Number.MAX_SAFE_INTEGER) || m.amount < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error('amount exceeds the safe integer range for JSON');
  }
  return { amount: Number(m.amount), currency: m.currency };
}

export function fromJson(j: MoneyJson): Money {
  if (!Number.isSafeInteger(j.amount)) throw new Error('amount must be an integer of minor units');
  if (!isCurrencyCode(j.currency)) throw new Error(`unknown currency ${j.currency}`);
  return { amount: BigInt(j.amount), currency: j.currency };
}

/** "12.34 USD" for logs and CLI output. */
export function format(m: Money): string {
  const exp = minorUnits(m.currency);
  const neg = m.amount < 0n;
  const abs = neg ? -m.amount : m.amount;
  return `${neg ? '-' : ''}${formatDecimal({ units: abs, scale: exp })} ${m.currency}`;
}
