import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PRODUCT_PICTURE_SIZES } from '../../../common/image-sizes.ts';
import { ApiError, type BadgesJson, type ProductPageJson, type ReviewsJson } from '../api.ts';
import { AttributeValues, attributesText } from '../attribute-values.tsx';
import { AddToCart } from '../buyer/add-to-cart.tsx';
import { formatDate, formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';
import { stateName } from '../i18n/us-states.ts';
import { LotCard } from '../lot-card.tsx';
import { Picture } from '../picture.tsx';
import { apiQuery } from '../query.ts';
import { NotFound } from './not-found.tsx';

type Page = ProductPageJson;

function PriceBreakdown({ variant }: { variant: Page['variants'][number] }) {
  const { t, locale } = useShopper();
  return (
    <dl className="breakdown">
      <dt>{t('price')}</dt>
      <dd>{formatMoney(variant.price, locale)}</dd>
      {variant.estimatedShipping && (
        <>
          <dt>{t('shipping')}</dt>
          <dd>{formatMoney(variant.estimatedShipping, locale)}</dd>
        </>
      )}
      {variant.estimatedTax && (
        <>
          <dt>{t('dutiesTaxes')}</dt>
          <dd>{formatMoney(variant.estimatedTax, locale)}</dd>
        </>
      )}
      {variant.deliveredPrice && (
        <>
          <dt className="total">{t('delivered')}</dt>
          <dd className="total">{formatMoney(variant.deliveredPrice, locale)}</dd>
        </>
      )}
    </dl>
  );
}

function Provenance({ lots }: { lots: Page['provenance'] }) {
  const { t } = useShopper();
  if (lots.length === 0) return null;
  return (
    <section aria-labelledby="provenance" className="provenance">
      <h2 id="provenance">{t('provenance')}</h2>
      {lots.map((lot) => (
        <LotCard key={lot.lotNumber} lot={lot} />
      ))}
    </section>
  );
}

function Reviews({ productId }: { productId: string }) {
  const { t, locale } = useShopper();
  const reviews = useQuery(apiQuery<ReviewsJson>(`/products/${productId}/reviews`, { limit: '10' }));
  if (!reviews.isSuccess) return null;
  const { summary, reviews: list } = reviews.data;
  return (
    <section aria-labelledby="reviews">
      <h2 id="reviews">{t('reviews')}</h2>
      {summary.count === 0 ? (
        <p>{t('noReviews')}</p>
      ) : (
        <p>{t('rating', { average: summary.average ?? '', count: summary.count })}</p>
      )}
      <ul className="reviews">
        {list.map((r) => (
          <li key={r.id} lang={r.locale}>
            <p>
              <strong>{'★'.repeat(r.rating)}</strong> {r.title} — {r.buyer},{' '}
              {formatDate(r.publishedAt, locale)}
            </p>
            <p>{r.body}</p>
            {r.reply && (
              <blockquote lang={r.reply.locale}>
                {t('sellerReply')}: {r.reply.body}
              </blockquote>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A product as a buyer in their market sees it: local price with duties and taxes, provenance, seller, reviews. */
export default function Product({ id }: { id: string }) {
  const { t, locale, market } = useShopper();
  const page = useQuery(apiQuery<Page>(`/storefront/products/${id}`, { market, locale }));
  const [chosen, setChosen] = useState(0);
  const sellerId = page.data?.seller.id ?? '';
  const badges = useQuery({
    ...apiQuery<BadgesJson>(`/sellers/${sellerId}/badges`, { locale }),
    enabled: sellerId !== '',
  });
  if (page.isPending) return <p className="status">{t('loading')}</p>;
  if (page.isError) {
    const problem = page.error instanceof ApiError ? page.error : null;
    // Not sold in this market is said as such; an id that names no product (or is no id) is not found.
    if (problem?.code === 'storefront.not_available_in_market')
      return <p className="status">{t('notAvailable')}</p>;
    if (problem?.status === 404 || problem?.status === 400) return <NotFound what="product" />;
    return <p className="status">{t('error')}</p>;
  }
  const p = page.data;
  // Stock in a Chinese bonded zone is said in the shopper's language, not by the seller's English note.
  // An option holds text only: it is marked English when every value in it is.
  const variantLabel = (v: Page['variants'][number]) => {
    const values = attributesText(v);
    const bonded = v.fulfilledFrom === 'CN_BONDED' ? t('bondedStock') : '';
    const text = [values.text, bonded].filter(Boolean).join(' · ') || v.sku;
    return { text, lang: bonded ? undefined : values.lang };
  };
  const variant = p.variants[Math.min(chosen, p.variants.length - 1)]!;
  const image = p.images[0];
  return (
    <article className="product">
      {image && (
        <Picture
          className="hero-image"
          src={image.url}
          // A seller's alt text is English; another language names the picture by the product's title.
          alt={locale === 'en' ? (image.alt ?? p.title) : p.title}
          width={800}
          height={800}
          priority
          // The server's preload hint names the same sizes (src/http/web-app.ts).
          sizes={PRODUCT_PICTURE_SIZES}
        />
      )}
      <div className="details">
        {/* The seller's own words fall back to English where untranslated: marked so, for readers and screen readers. */}
        <h1 lang={p.titleLocale}>{p.title}</h1>
        <p className="origin">{t('fromState', { state: stateName(p.originState, locale) })}</p>
        {p.variants.length > 1 && (
          <label>
            {t('variant')}
            <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
              {p.variants.map((v, i) => {
                const label = variantLabel(v);
                return (
                  <option key={v.id} value={i} lang={label.lang === locale ? undefined : label.lang}>
                    {label.text} — {formatMoney(v.price, locale)}
                  </option>
                );
              })}
            </select>
          </label>
        )}
        {Object.keys(variant.attributes).length > 0 && (
          <p className="variant-attributes" data-testid="variant-attributes">
            <AttributeValues variant={variant} />
          </p>
        )}
        <PriceBreakdown variant={variant} />
        <p className="stock">{variant.inStock ? t('inStock') : t('outOfStock')}</p>
        <AddToCart productId={p.id} variantId={variant.id} inStock={variant.inStock} />
        <p className="fx">{t('fxNote', { currency: variant.price.currency, rate: p.fxRate.rate })}</p>
        {variant.taxRules.length > 0 && (
          <details className="tax-rules">
            <summary>{t('taxRules')}</summary>
            <ul>
              {variant.taxRules.map((r) => (
                <li key={r.ruleId}>
                  {r.title}
                  {/* The data's full rule texts are English: an English reader gets them too. */}
                  {locale === 'en' && <p lang={r.descriptionLang}>{r.description}</p>}
                </li>
              ))}
            </ul>
          </details>
        )}
        <p className="description" lang={p.titleLocale}>
          {p.description}
        </p>
      </div>
      <Provenance lots={p.provenance} />
      <section aria-labelledby="seller" className="seller">
        <h2 id="seller">{t('seller')}</h2>
        <p>
          <strong>{p.seller.name}</strong> · {p.seller.city}, {stateName(p.seller.usState, locale)}
          {p.seller.isFarm && ` · ${t('farm')}`}
          {p.seller.founded && ` · ${t('founded', { year: p.seller.founded })}`}
        </p>
        {badges.isSuccess && (
          <ul className="chips">
            {badges.data.badges.map((b) => (
              <li key={b.code} className="badge">
                {b.label}
              </li>
            ))}
          </ul>
        )}
        {p.seller.description && <p lang={p.seller.descriptionLocale ?? undefined}>{p.seller.description}</p>}
      </section>
      <Reviews productId={p.id} />
    </article>
  );
}
