import type { Locale, MarketCode } from '../../kernel/locales.ts';
import type { CurrencyCode } from '../../money/index.ts';

/** A destination market as buyers and other modules see it. */
export interface Market {
  code: MarketCode;
  name: Record<Locale, string>;
  currency: CurrencyCode;
  defaultLocale: Locale;
  locales: Locale[];
  /** Days after shipping before receipt is confirmed on the buyer's behalf (policy data). */
  confirmationWindowDays: { express: number; surface: number };
}

/** A USD→currency rate with where it came from and when it applied. */
export interface FxRate {
  id: string;
  base: 'USD';
  quote: CurrencyCode;
  /** Decimal string, e.g. "7.1200"; never a float. */
  rate: string;
  source: string;
  asOf: Date;
}

/** A rate string is a positive decimal with at most 12 decimals (and 18 integer digits). */
const RATE_RE = /^\d{1,18}(\.\d{1,12})?$/;
export function isValidRate(rate: string): boolean {
  return RATE_RE.test(rate) && /[1-9]/.test(rate);
}
