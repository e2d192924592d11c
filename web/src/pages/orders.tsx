import '../buyer/buyer.css';
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { type OrderListJson, sendJson } from '../api-buyer.ts';
import { useProductNames } from '../buyer/cart-products.ts';
import { signInHref, useSession } from '../buyer/session.ts';
import { PAYMENT_POLL_MS, statusKey } from '../buyer/status.ts';
import { formatDate, formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';
import { apiQuery, invalidateApi } from '../query.ts';

/** The buyer's orders, newest first; asks again while a payment is still being captured. */
export default function Orders() {
  const { t, locale, market } = useShopper();
  const [, navigate] = useLocation();
  const [session, reload] = useSession();
  const signedIn = session.state === 'signed-in';
  // A refetch keeps the list on screen (no flash of "loading") and swaps it when the answer comes.
  const list = useQuery({
    ...apiQuery<OrderListJson>('/orders'),
    enabled: signedIn,
    refetchInterval: (q) =>
      q.state.data?.orders.some((o) => o.status === 'awaiting_payment') ? PAYMENT_POLL_MS : false,
  });
  const refresh = () => void invalidateApi('/orders');
  const names = useProductNames(
    list.isSuccess ? list.data.orders.flatMap((o) => o.lines.map((l) => l.productId)) : [],
    market,
    locale,
  );

  if (session.state === 'loading') return <p className="status">{t('loading')}</p>;
  if (session.state === 'signed-out') {
    return (
      <section className="buyer-page">
        <h1>{t('ordersTitle')}</h1>
        <p>
          <Link href={signInHref('/orders')}>{t('signIn')}</Link>
        </p>
      </section>
    );
  }
  const signOut = async () => {
    await sendJson('POST', '/auth/logout').catch(() => null);
    reload();
    navigate('/');
  };
  return (
    <section className="buyer-page">
      <h1>{t('ordersTitle')}</h1>
      <p>
        {t('signedInAs', { name: session.user.displayName })}{' '}
        <button type="button" className="link-button" onClick={signOut}>
          {t('signOut')}
        </button>
      </p>
      {list.isPending && <p className="status">{t('loading')}</p>}
      {list.isError && <p className="status">{t('error')}</p>}
      {list.isSuccess && list.data.orders.length === 0 && <p>{t('noOrders')}</p>}
      {list.isSuccess && list.data.orders.length > 0 && (
        <>
          <button type="button" className="link-button" onClick={refresh}>
            {t('refresh')}
          </button>
          <ul className="order-list">
            {list.data.orders.map((o) => {
              const first = o.lines[0];
              const name = first ? names.get(first.productId) : undefined;
              return (
                <li key={o.id} data-order={o.id}>
                  <p>
                    <Link href={`/orders/${o.id}`} lang={name ? name.lang : 'en'}>
                      {name?.title ?? first?.title ?? o.id}
                      {o.lines.length > 1 && ` +${o.lines.length - 1}`}
                    </Link>
                  </p>
                  {name && <p>{t('soldBy', { seller: name.seller })}</p>}
                  <p>
                    <span className="order-status">{t(statusKey(o.status))}</span> ·{' '}
                    {formatMoney(o.total, locale)} · {t('placedOn', { date: formatDate(o.placedAt, locale) })}
                  </p>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
