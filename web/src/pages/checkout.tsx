import '../buyer/buyer.css';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { type PlacedCheckoutJson, ProblemError, type QuoteJsonT, sendJson } from '../api-buyer.ts';
import {
  type AddressDraft,
  AddressForm,
  addressBody,
  addressFieldErrors,
  EMPTY_ADDRESS,
} from '../buyer/address-form.tsx';
import { useCartProducts } from '../buyer/cart-products.ts';
import { AllowanceNote, IdentityStep } from '../buyer/china-steps.tsx';
import { signInHref, useSession } from '../buyer/session.ts';
import { cart, useCart } from '../cart-store.ts';
import { formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';

type Parcel = QuoteJsonT['orders'][number];

function ParcelView({
  parcel,
  n,
  sellerName,
  titles,
}: {
  parcel: Parcel;
  n: number;
  sellerName: string;
  titles: Map<string, string>;
}) {
  const { t, locale } = useShopper();
  return (
    <section className="parcel" aria-labelledby={`parcel-${n}`}>
      <h2 id={`parcel-${n}`}>{t('parcel', { n, seller: sellerName })}</h2>
      <ul className="cart-lines">
        {parcel.lines.map((l) => (
          <li key={l.variantId} className="cart-line">
            {titles.get(l.productId) ?? l.title} × {l.quantity}
          </li>
        ))}
      </ul>
      <dl className="amounts">
        <dt>{t('goods')}</dt>
        <dd>{formatMoney(parcel.goods, locale)}</dd>
        <dt>{t('shippingCost')}</dt>
        <dd>{formatMoney(parcel.shipping, locale)}</dd>
        <dt>{t('taxes')}</dt>
        <dd>{formatMoney(parcel.tax, locale)}</dd>
        <dt className="total">{t('total')}</dt>
        <dd className="total">{formatMoney(parcel.total, locale)}</dd>
      </dl>
    </section>
  );
}

/**
 * Checkout: a quote in the buyer's currency, split into one parcel per seller with its goods,
 * shipping, duties and taxes; China's real-name step and annual allowance; the delivery address
 * (checked by the API, its verdict shown per field); payment with the sandbox card.
 */
export default function Checkout() {
  const { t, locale, market } = useShopper();
  const [, navigate] = useLocation();
  const [session] = useSession();
  const lines = useCart();
  const products = useCartProducts(lines, market, locale);
  const [method, setMethod] = useState<'express' | 'surface'>('express');
  const [address, setAddress] = useState<AddressDraft>(EMPTY_ADDRESS);
  const [invalid, setInvalid] = useState<Set<keyof AddressDraft>>(new Set());
  const [identityReady, setIdentityReady] = useState(market !== 'CN');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signedIn = session.state === 'signed-in';
  const quoteBody = {
    market,
    shippingMethod: method,
    lines: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
  };
  // A quote is asked for (POST) like a read: again whenever the cart, market or method changes.
  const quote = useQuery({
    queryKey: ['/checkout/quotes', quoteBody],
    queryFn: () => sendJson<QuoteJsonT>('POST', '/checkout/quotes', quoteBody),
    enabled: signedIn && lines.length > 0,
    // Each visit prices afresh: a quote left from an earlier visit is never shown or paid.
    gcTime: 0,
  });

  if (session.state === 'loading') return <p className="status">{t('loading')}</p>;
  if (session.state === 'signed-out') {
    return (
      <section className="buyer-page">
        <h1>{t('checkoutTitle')}</h1>
        <p>
          <Link href={signInHref('/checkout')}>{t('signInToCheckout')}</Link>
        </p>
      </section>
    );
  }
  if (lines.length === 0) {
    return (
      <section className="buyer-page">
        <h1>{t('checkoutTitle')}</h1>
        <p>{t('cartEmpty')}</p>
      </section>
    );
  }
  const sellerNames = new Map<string, string>();
  const titles = new Map<string, string>();
  if (!products.isPending) {
    for (const g of products.data) {
      sellerNames.set(g.sellerId, g.sellerName);
      for (const i of g.items) if (i.product) titles.set(i.product.id, i.product.title);
    }
  }
  const q = quote.isSuccess ? quote.data : null;
  // China's annual allowance counts the customs value of cross-border e-commerce parcels only.
  const counted = q
    ? q.orders
        .filter((o) => o.regime.startsWith('CN_CBEC'))
        .reduce((sum, o) => sum + o.dutiableValue.amount, 0)
    : 0;

  const place = async (e: FormEvent) => {
    e.preventDefault();
    if (!q) return;
    setBusy(true);
    setFailure(null);
    setInvalid(new Set());
    try {
      const placed = await sendJson<PlacedCheckoutJson>(
        'POST',
        `/checkout/quotes/${q.id}/place`,
        { paymentMethod: 'pm_card_ok', deliveryAddress: addressBody(address, market) },
        crypto.randomUUID(),
      );
      cart.clear();
      navigate(placed.orders.length === 1 ? `/orders/${placed.orders[0]!.id}` : '/orders');
    } catch (err) {
      const fields =
        err instanceof ProblemError ? addressFieldErrors(err.errors) : new Set<keyof AddressDraft>();
      setInvalid(fields);
      const code = err instanceof ProblemError ? err.code : '';
      setFailure(
        code === 'orders.buyer_identity_required'
          ? t('identityWhy')
          : code.startsWith('payments.')
            ? t('paymentDeclined')
            : t('placeFailed'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="buyer-page">
      <h1>{t('checkoutTitle')}</h1>
      <form className="stack" onSubmit={place} noValidate>
        <fieldset>
          <legend>{t('shippingMethod')}</legend>
          {(['express', 'surface'] as const).map((m) => (
            <label key={m} className="choice">
              <input
                type="radio"
                name="shippingMethod"
                value={m}
                checked={method === m}
                onChange={() => setMethod(m)}
              />{' '}
              {t(m)}
            </label>
          ))}
        </fieldset>
        {quote.isPending && <p className="status">{t('loading')}</p>}
        {quote.isError && (
          <p role="alert" className="error">
            {quote.error instanceof ProblemError && quote.error.code === 'catalog.out_of_stock'
              ? t('outOfStock')
              : t('quoteFailed')}
          </p>
        )}
        {q && (
          <>
            {q.orders.map((o, i) => (
              <ParcelView
                key={o.sellerId}
                parcel={o}
                n={i + 1}
                sellerName={sellerNames.get(o.sellerId) ?? ''}
                titles={titles}
              />
            ))}
            <dl className="amounts grand-total">
              <dt className="total">{t('grandTotal')}</dt>
              <dd className="total">{formatMoney(q.totals.total, locale)}</dd>
            </dl>
          </>
        )}
        {market === 'CN' && (
          <>
            <IdentityStep onReady={setIdentityReady} />
            <AllowanceNote thisOrder={{ amount: counted, currency: q?.currency ?? 'CNY' }} />
          </>
        )}
        <AddressForm
          value={address}
          onChange={(next) => {
            setAddress(next);
            setFailure(null);
            // A field the buyer has changed is no longer the one the API refused.
            setInvalid((bad) => new Set([...bad].filter((f) => next[f] === address[f])));
          }}
          invalid={invalid}
        />
        <fieldset>
          <legend>{t('payment')}</legend>
          <label className="choice">
            <input type="radio" name="paymentMethod" value="pm_card_ok" checked readOnly /> {t('sandboxCard')}
          </label>
        </fieldset>
        {failure && (
          <p role="alert" className="error">
            {failure}
          </p>
        )}
        <button type="submit" disabled={!q || busy || !identityReady}>
          {busy
            ? t('placing')
            : q
              ? t('placeOrder', { amount: formatMoney(q.totals.total, locale) })
              : t('checkout')}
        </button>
      </form>
    </section>
  );
}
