/**
 * ISO 4217 currencies Heartland settles in, with their minor units.
 * Source: ../shared/reference/trade-rules.md §7 (X1 moneyphp/iso-currencies, X2 CLDR 45).
 * TWD and IDR keep their ISO 2 digits in the ledger; CLDR's 0 cash digits (whole dollars, whole
 * rupiah) are a display matter: see `cashDigits`. VND, like JPY and KRW, has no minor unit.
 */
export const CURRENCIES = {
  USD: { numeric: 840, minorUnits: 2 },
  CNY: { numeric: 156, minorUnits: 2 },
  HKD: { numeric: 344, minorUnits: 2 },
  TWD: { numeric: 901, minorUnits: 2 },
  JPY: { numeric: 392, minorUnits: 0 },
  KRW: { numeric: 410, minorUnits: 0 },
  SGD: { numeric: 702, minorUnits: 2 },
  VND: { numeric: 704, minorUnits: 0 },
  THB: { numeric: 764, minorUnits: 2 },
  MYR: { numeric: 458, minorUnits: 2 },
  PHP: { numeric: 608, minorUnits: 2 },
  IDR: { numeric: 360, minorUnits: 2 },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCIES, value);
}

export function minorUnits(currency: CurrencyCode): number {
  return CURRENCIES[currency].minorUnits;
}

/** CLDR `_cashDigits` where they differ from the ISO digits (reference §7, X2): shown and paid in whole units. */
const CASH_DIGITS: Partial<Record<CurrencyCode, number>> = { TWD: 0, IDR: 0 };

/**
 * Digits a price is shown and paid with. Amounts are still kept in ISO minor units; a display
 * layer rounds to these digits (sub-rupiah amounts are not used in practice).
 *
 * @example cashDigits('IDR') // 0, while minorUnits('IDR') is 2
 */
export function cashDigits(currency: CurrencyCode): number {
  return CASH_DIGITS[currency] ?? minorUnits(currency);
}
