/** The languages Heartland's buyers and listings use. */
export const LOCALES = ['en', 'zh-Hans', 'zh-Hant', 'ja', 'ko'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (s: string): s is Locale => (LOCALES as readonly string[]).includes(s);

/** Destination markets: East Asia first, then the five South-East Asian markets of issue 3. */
export const MARKET_CODES = ['CN', 'HK', 'TW', 'JP', 'KR', 'SG', 'VN', 'TH', 'MY', 'PH', 'ID'] as const;
export type MarketCode = (typeof MARKET_CODES)[number];
export const isMarketCode = (s: string): s is MarketCode => (MARKET_CODES as readonly string[]).includes(s);
