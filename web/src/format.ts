import CURRENCY_TABLE from '../../data/currencies.json';
import type { MoneyJson } from './api.ts';

type Digits = { minorUnits: number; cashDigits?: number };
const CURRENCIES: Record<string, Digits | undefined> = CURRENCY_TABLE.currencies;

/**
 * An integer of minor units as an exact decimal string with `minorUnits` digits after the point:
 * (123456, 2) → "1234.56", (-5, 2) → "-0.05", (1500, 0) → "1500". BigInt, never a float division.
 */
export function minorToDecimal(amount: number | bigint, minorUnits: number): string {
  const n = BigInt(amount);
  const abs = (n < 0n ? -n : n).toString().padStart(minorUnits + 1, '0');
  const decimal = minorUnits === 0 ? abs : `${abs.slice(0, -minorUnits)}.${abs.slice(-minorUnits)}`;
  return n < 0n ? `-${decimal}` : decimal;
}

/**
 * A price in the buyer's locale and currency. The amount is an integer of ISO minor units (the
 * server's count, from the shared `data/currencies.json`); it becomes an exact decimal string for
 * Intl, which formats strings exactly. Shoppers see cash digits (TWD and IDR in whole units, JPY,
 * KRW and VND without decimals), rounded half-to-even like the server's money; `ledger` shows
 * every minor unit, for the books.
 */
export function formatMoney(money: MoneyJson, locale: string, show: 'cash' | 'ledger' = 'cash'): string {
  const entry = CURRENCIES[money.currency];
  const minorUnits = entry?.minorUnits ?? 2;
  const digits = show === 'cash' ? (entry?.cashDigits ?? minorUnits) : minorUnits;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    roundingMode: 'halfEven',
  });
  // Intl accepts decimal strings (ECMA-402 NumberFormat v3) and rounds them as decimals.
  return format.format(minorToDecimal(money.amount, minorUnits) as Intl.StringNumericLiteral);
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

export function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}
