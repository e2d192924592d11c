import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { SuggestJson } from './api.ts';
import { CartLink } from './buyer/cart-link.tsx';
import { useShopper } from './i18n/context.tsx';
import { LOCALES, type Locale } from './i18n/messages.ts';
import { apiQuery } from './query.ts';

const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  ja: '日本語',
  ko: '한국어',
};

/** The search box with instant suggestions (a labelled combobox: arrows and Enter work). */
function SearchBox() {
  const { t, locale, market } = useShopper();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const [q, setQ] = useState(params.get('q') ?? '');
  const [active, setActive] = useState(-1);
  // Suggestions follow typing only: arriving on /search?q=… must not open the list.
  const [typing, setTyping] = useState(false);
  // What was typed, once typing pauses (120 ms): one request per pause, not per key.
  const [asked, setAsked] = useState('');
  const listId = useId();
  useEffect(() => {
    const timer = setTimeout(() => setAsked(q), 120);
    return () => clearTimeout(timer);
  }, [q]);
  const open = typing && q.trim().length > 0 && asked.trim().length > 0;
  const suggest = useQuery({
    ...apiQuery<SuggestJson>('/search/suggest', { q: asked, locale, market }),
    enabled: open,
    // The list stays while the next answer comes.
    placeholderData: keepPreviousData,
  });
  const suggestions: SuggestJson['suggestions'] = open ? (suggest.data?.suggestions.slice(0, 6) ?? []) : [];
  const go = (productId: string) => {
    setTyping(false);
    navigate(`/p/${productId}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTyping(false);
    const chosen = suggestions[active];
    if (chosen) navigate(`/p/${chosen.productId}`);
    else navigate(`/search?q=${encodeURIComponent(q)}`);
  };
  return (
    <search>
      <form className="search" onSubmit={submit}>
        <label htmlFor="q" className="visually-hidden">
          {t('search')}
        </label>
        <input
          id="q"
          type="search"
          value={q}
          placeholder={t('searchPlaceholder')}
          autoComplete="off"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          onChange={(e) => {
            setTyping(true);
            setQ(e.target.value);
            setActive(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, suggestions.length - 1));
            if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, -1));
            if (e.key === 'Escape') setTyping(false);
          }}
        />
        <button type="submit">{t('search')}</button>
        {suggestions.length > 0 && (
          <div id={listId} role="listbox" aria-label={t('suggestions')} className="suggestions">
            {suggestions.map((s, i) => (
              <div
                key={s.productId}
                id={`${listId}-${i}`}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                onClick={() => go(s.productId)}
                onKeyDown={(e) => e.key === 'Enter' && go(s.productId)}
              >
                {s.title}
              </div>
            ))}
          </div>
        )}
      </form>
    </search>
  );
}

export function Header() {
  const { t, locale, market, markets, setLocale, setMarket } = useShopper();
  return (
    <header className="site">
      <div className="bar">
        <Link href="/" className="brand" aria-label={`Heartland — ${t('home')}`}>
          Heartland
        </Link>
        <Link href="/verify" className="verify-link">
          {t('verifyNav')}
        </Link>
        <CartLink />
        <div className="pickers">
          <label>
            <span className="visually-hidden">{t('market')}</span>
            <select value={market} onChange={(e) => setMarket(e.target.value)}>
              {markets.map((m) => (
                <option key={m.code} value={m.code}>
                  {(m.name as Record<string, string>)[locale] ?? m.code} · {m.currency}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="visually-hidden">{t('language')}</span>
            <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <SearchBox />
    </header>
  );
}
