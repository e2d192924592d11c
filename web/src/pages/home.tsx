import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { CategoryJson, SearchJson } from '../api.ts';
import { useShopper } from '../i18n/context.tsx';
import { stateName } from '../i18n/us-states.ts';
import { ProductCard } from '../product-card.tsx';
import { apiQuery } from '../query.ts';

/** Home: what Heartland is, the categories, the Midwest states the goods come from, and featured listings. */
export function Home() {
  const { t, locale, market } = useShopper();
  const categories = useQuery(apiQuery<CategoryJson[]>('/categories'));
  const featured = useQuery(
    apiQuery<SearchJson>('/search', { locale, market, pageSize: '12', inStock: 'true' }),
  );
  return (
    <>
      <section className="hero">
        <h1>{t('tagline')}</h1>
      </section>
      <section aria-labelledby="categories">
        <h2 id="categories">{t('categories')}</h2>
        {categories.isSuccess && (
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
      {/* The featured listings wait for the categories above them: shown first, they would be pushed
          down the screen when the categories arrive (a layout shift). */}
      {featured.isSuccess && !categories.isPending && (
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
      {!featured.isError && (featured.isPending || categories.isPending) && (
        <p className="status">{t('loading')}</p>
      )}
      {featured.isError && <p className="status">{t('error')}</p>}
    </>
  );
}
