import TABLE from '../../data/currencies.json' with { type: 'json' };

/**
 * ISO 4217 currencies Heartland settles in, with their minor units, from `data/currencies.json`
 * (source: ../shared/reference/trade-rules.md §7, X1 moneyphp/iso-currencies, X2 CLDR 45). The web
 * reads the same file, so the server and the shop count and show the same digits.
 * TWD and IDR keep their ISO 2 digits in the ledger; CLDR's 0 cash digits (whole dollars, whole
 * rupiah) are a display matter: see `cashDigits`. VND, like JPY and KRW, has no minor unit.
 */
export const CURRENCIES = TABLE.currencies;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCIES, value);
}

export function minorUnits(currency: CurrencyCode): number {
  return CURRENCIES[currency].minorUnits;
}

/**
 * Digits a price is shown and paid with: CLDR `_cashDigits` where they differ from the ISO digits
 * (reference §7, X2), else the ISO digits. Amounts are still kept in ISO minor units; a display
 * layer rounds to these digits (sub-rupiah amounts are not used in practice).
 *
 * @example cashDigits('IDR') // 0, while minorUnits('IDR') is 2
 */
export function cashDigits(currency: CurrencyCode): number {
  const entry: { minorUnits: number; cashDigits?: number } = CURRENCIES[currency];
  return entry.cashDigits ?? entry.minorUnits;
}
