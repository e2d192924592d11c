import { useQuery } from '@tanstack/react-query';
import { useLocation, useSearch } from 'wouter';
import type { CategoryJson, SearchJson } from '../api.ts';
import { useShopper } from '../i18n/context.tsx';
import { stateName } from '../i18n/us-states.ts';
import { ProductCard } from '../product-card.tsx';
import { apiQuery } from '../query.ts';

const SORTS = [
  ['relevance', 'sortRelevance'],
  ['price_asc', 'sortPriceAsc'],
  ['price_desc', 'sortPriceDesc'],
  ['newest', 'sortNewest'],
] as const;

/** Search results with category and state facets and a sort, all kept in the address (shareable). */
export default function Search() {
  const { t, locale, market } = useShopper();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const state = params.get('state') ?? '';
  const sort = params.get('sort') ?? 'relevance';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    navigate(`/search?${next.toString()}`);
  };
  const categories = useQuery(apiQuery<CategoryJson[]>('/categories'));
  const results = useQuery(
    apiQuery<SearchJson>('/search', { q, locale, market, category, state, sort, pageSize: '24' }),
  );
  const names = new Map(
    categories.isSuccess
      ? categories.data.map((c) => [c.slug, (c.names as Record<string, string>)[locale] ?? c.slug])
      : [],
  );
  return (
    <section aria-labelledby="results">
      <h1 id="results">
        {q ? `“${q}”` : t('search')}
        {results.isSuccess && <span className="count"> {t('results', { count: results.data.total })}</span>}
      </h1>
      {results.isSuccess && (
        <form className="facets" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('category')}
            <select value={category} onChange={(e) => set('category', e.target.value)}>
              <option value="">{t('allCategories')}</option>
              {results.data.facets.categories.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {names.get(c.slug) ?? c.slug} ({c.count})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('state')}
            <select value={state} onChange={(e) => set('state', e.target.value)}>
              <option value="">{t('allStates')}</option>
              {results.data.facets.states.map((s) => (
                <option key={s.code} value={s.code}>
                  {stateName(s.code, locale)} ({s.count})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sort')}
            <select value={sort} onChange={(e) => set('sort', e.target.value)}>
              {SORTS.map(([value, key]) => (
                <option key={value} value={value}>
                  {t(key)}
                </option>
              ))}
            </select>
          </label>
        </form>
      )}
      {results.isPending && <p className="status">{t('loading')}</p>}
      {results.isError && <p className="status">{t('error')}</p>}
      {results.isSuccess && results.data.hits.length === 0 && <p className="status">{t('noResults')}</p>}
      {results.isSuccess && (
        <ul className="grid">
          {results.data.hits.map((hit, i) => (
            <ProductCard key={hit.productId} hit={hit} eager={i < 2} />
          ))}
        </ul>
      )}
    </section>
  );
}
