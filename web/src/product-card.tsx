import { Link } from 'wouter';
import type { SearchJson } from './api.ts';
import { formatMoney } from './format.ts';
import { useShopper } from './i18n/context.tsx';
import { stateName } from './i18n/us-states.ts';
import { Picture } from './picture.tsx';

type Hit = SearchJson['hits'][number];

/** One listing in a grid: its picture (lazy unless `eager`, sized), title, origin and the local price. */
export function ProductCard({ hit, eager = false }: { hit: Hit; eager?: boolean }) {
  const { t, locale } = useShopper();
  return (
    <li className="card">
      <Link href={`/p/${hit.productId}`}>
        {/* The picture comes with the hit: no redirect per card. The title beside it names the
            product, so the picture is decorative to a screen reader. */}
        {hit.pictureUrl ? (
          <Picture
            src={hit.pictureUrl}
            alt=""
            width={400}
            height={400}
            priority={eager}
            sizes="(min-width: 960px) 260px, (min-width: 600px) 31vw, 47vw"
          />
        ) : (
          <span className="no-picture" aria-hidden="true" />
        )}
        <span className="title" lang={hit.titleLocale}>
          {hit.title}
        </span>
      </Link>
      <span className="origin">{t('fromState', { state: stateName(hit.originState, locale) })}</span>
      {hit.price && (
        <span className="price">{t('priceFrom', { price: formatMoney(hit.price, locale) })}</span>
      )}
    </li>
  );
}
