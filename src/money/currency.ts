/**
 * ISO 4217 currencies Heartland settles in, with their minor units.
 * Source: ../shared/reference/trade-rules.md §7 (X1 moneyphp/iso-currencies, X2 CLDR 45).
 * TWD keeps its ISO 2 digits in the ledger; CLDR's 0 cash digits are a display matter.
 */
export const CURRENCIES = {
  USD: { numeric: 840, minorUnits: 2 },
  CNY: { numeric: 156, minorUnits: 2 },
  HKD: { numeric: 344, minorUnits: 2 },
  TWD: { numeric: 901, minorUnits: 2 },
  JPY: { numeric: 392, minorUnits: 0 },
  KRW: { numeric: 410, minorUnits: 0 },
  SGD: { numeric: 702, minorUnits: 2 },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export function isCurrencyCode(value: string): value is CurrencyCode {
  return Object.hasOwn(CURRENCIES, value);
}

export function minorUnits(currency: CurrencyCode): number {
  return CURRENCIES[currency].minorUnits;
}
