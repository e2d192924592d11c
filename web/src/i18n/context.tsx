import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MarketJson } from '../api.ts';
import { apiQuery } from '../query.ts';
import { formatMessage } from './format-message.ts';
import { LOCALES, type Locale, MESSAGES, type MessageKey } from './messages.ts';

/** The market a buyer shops in and the language they read, picked from the browser, then switchable. */
export interface Shopper {
  locale: Locale;
  market: string;
  currency: string;
  markets: MarketJson[];
  setLocale(l: Locale): void;
  setMarket(m: string): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A market's name in the shopper's language (its code until the markets have loaded). */
  marketName(code: string): string;
}

const STORAGE = 'heartland.shopper';

/** A browser language tag → our locale and its usual market (zh-TW → zh-Hant in Taiwan). */
export function fromBrowser(languages: readonly string[]): { locale: Locale; market: string } {
  for (const tag of languages) {
    const l = tag.toLowerCase();
    if (l.startsWith('zh')) {
      if (l.includes('tw')) return { locale: 'zh-Hant', market: 'TW' };
      if (l.includes('hk') || l.includes('mo')) return { locale: 'zh-Hant', market: 'HK' };
      if (l.includes('hant')) return { locale: 'zh-Hant', market: 'TW' };
      return { locale: 'zh-Hans', market: 'CN' };
    }
    if (l.startsWith('ja')) return { locale: 'ja', market: 'JP' };
    if (l.startsWith('ko')) return { locale: 'ko', market: 'KR' };
    if (l.startsWith('en')) return { locale: 'en', market: 'SG' };
  }
  return { locale: 'en', market: 'SG' };
}

function initial(): { locale: Locale; market: string } {
  const params = new URLSearchParams(window.location.search);
  const saved = JSON.parse(localStorage.getItem(STORAGE) ?? 'null') as {
    locale?: Locale;
    market?: string;
  } | null;
  const guess = fromBrowser(navigator.languages ?? [navigator.language]);
  const locale = (params.get('locale') as Locale | null) ?? saved?.locale ?? guess.locale;
  return {
    locale: LOCALES.includes(locale) ? locale : guess.locale,
    market: params.get('market') ?? saved?.market ?? guess.market,
  };
}

/** Until the markets load (or if they fail), none: the same array each render keeps `value` stable. */
const NO_MARKETS: MarketJson[] = [];

const ShopperContext = createContext<Shopper | null>(null);

export function ShopperProvider({ children }: { children: ReactNode }) {
  const [{ locale, market }, setChoice] = useState(initial);
  const markets = useQuery(apiQuery<{ markets: MarketJson[] }>('/markets')).data?.markets ?? NO_MARKETS;
  useEffect(() => {
    localStorage.setItem(STORAGE, JSON.stringify({ locale, market }));
    document.documentElement.lang = locale;
  }, [locale, market]);
  const t = useCallback(
    (key: MessageKey, vars: Record<string, string | number> = {}) =>
      formatMessage(MESSAGES[locale][key], locale, vars),
    [locale],
  );
  const value = useMemo<Shopper>(
    () => ({
      locale,
      market,
      currency: markets.find((m) => m.code === market)?.currency ?? '',
      markets,
      setLocale: (l) => setChoice((c) => ({ ...c, locale: l })),
      // A new market brings its usual language, unless the shopper reads another one it offers.
      setMarket: (m) =>
        setChoice((c) => {
          const next = markets.find((x) => x.code === m);
          const keep = next?.locales.includes(c.locale);
          return {
            market: m,
            locale: keep ? c.locale : ((next?.defaultLocale as Locale | undefined) ?? c.locale),
          };
        }),
      t,
      marketName: (code) =>
        (markets.find((m) => m.code === code)?.name as Record<string, string> | undefined)?.[locale] ?? code,
    }),
    [locale, market, markets, t],
  );
  return <ShopperContext.Provider value={value}>{children}</ShopperContext.Provider>;
}

export function useShopper(): Shopper {
  const s = useContext(ShopperContext);
  if (!s) throw new Error('useShopper outside ShopperProvider');
  return s;
}
