import { Link } from 'wouter';
import { type CategoryJson, getJson, type SearchJson } from '../api.ts';
import { useShopper } from '../i18n/context.tsx';
import { stateName } from '../i18n/us-states.ts';
import { ProductCard } from '../product-card.tsx';
import { useApi } from '../use-api.ts';

/** Home: what Heartland is, the categories, the Midwest states the goods come from, and featured listings. */
export function Home() {
  const { t, locale, market } = useShopper();
  const categories = useApi(() => getJson<CategoryJson[]>('/categories'), []);
  const featured = useApi(
    () => getJson<SearchJson>('/search', { locale, market, pageSize: '12', inStock: 'true' }),
    [locale, market],
  );
  return (
    <>
      <section className="hero">
        <h1>{t('tagline')}</h1>
      </section>
      <section aria-labelledby="categories">
        <h2 id="categories">{t('categories')}</h2>
        {categories.state === 'ready' && (
          <ul className="chips">
            {categories.data
              .filter((c) => c.parent === null)
              .map((c) => (
                <li key={c.slug}>
                  <Link href={`/search?category=${c.slug}`}>
                    {(c.names as Record<string, string>)[locale]}
                  </Link>
                </li>
              ))}
          </ul>
        )}
      </section>
      {featured.state === 'ready' && (
        <>
          <section aria-labelledby="states">
            <h2 id="states">{t('featuredStates')}</h2>
            <ul className="chips">
              {featured.data.facets.states.map((s) => (
                <li key={s.code}>
                  <Link href={`/search?state=${s.code}`}>{stateName(s.code, locale)}</Link>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="featured">
            <h2 id="featured">{t('featured')}</h2>
            <ul className="grid">
              {featured.data.hits.map((hit, i) => (
                <ProductCard key={hit.productId} hit={hit} eager={i < 2} />
              ))}
            </ul>
          </section>
        </>
      )}
      {featured.state === 'loading' && <p className="status">{t('loading')}</p>}
      {featured.state === 'error' && <p className="status">{t('error')}</p>}
    </>
  );
}
