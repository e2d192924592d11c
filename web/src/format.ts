import type { MoneyJson } from './api.ts';

/** Minor units per currency, as the server's money module counts them (ISO 4217). */
const DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, IDR: 2, TWD: 2 };

/**
 * A price in the buyer's locale and currency. The amount is an integer of minor units; it is
 * turned into an exact decimal string (never a float) for Intl, which formats strings exactly.
 * JPY and KRW show no decimals.
 */
export function formatMoney(money: MoneyJson, locale: string): string {
  const digits = DIGITS[money.currency] ?? 2;
  const negative = money.amount < 0;
  const abs = String(Math.abs(money.amount)).padStart(digits + 1, '0');
  const decimal = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Intl accepts decimal strings (ECMA-402 NumberFormat v3) and formats them without rounding.
  return format.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
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
