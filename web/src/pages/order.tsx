import '../buyer/buyer.css';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { type OrderDetail, sendJson } from '../api-buyer.ts';
import { useProductNames } from '../buyer/cart-products.ts';
import { PAYMENT_POLL_MS, statusKey, trackingKey } from '../buyer/status.ts';
import { formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';
import { apiQuery, invalidateApi } from '../query.ts';

const when = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

function DisputeForm({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const { t } = useShopper();
  const [reason, setReason] = useState('');
  const [state, setState] = useState<'idle' | 'sent' | 'failed'>('idle');
  const send = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await sendJson('POST', `/orders/${orderId}/disputes`, { reason });
      setState('sent');
      onDone();
    } catch {
      setState('failed');
    }
  };
  if (state === 'sent') return <p className="notice">{t('disputeOpened')}</p>;
  return (
    <details>
      <summary>{t('openDispute')}</summary>
      <form className="stack" onSubmit={send}>
        <label>
          {t('disputeReason')}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
        </label>
        {state === 'failed' && (
          <p role="alert" className="error">
            {t('actionFailed')}
          </p>
        )}
        <button type="submit" disabled={reason.trim() === ''}>
          {t('sendDispute')}
        </button>
      </form>
    </details>
  );
}

/** One order: amounts, status history, tracking, confirm receipt, open a dispute. */
export default function Order({ id }: { id: string }) {
  const { t, locale, market } = useShopper();
  const [message, setMessage] = useState<string | null>(null);
  const order = useQuery({
    ...apiQuery<OrderDetail>(`/orders/${id}`),
    refetchInterval: (q) => (q.state.data?.status === 'awaiting_payment' ? PAYMENT_POLL_MS : false),
  });
  const refresh = () => void invalidateApi(`/orders/${id}`, '/orders');
  const names = useProductNames(
    order.isSuccess ? order.data.lines.map((l) => l.productId) : [],
    market,
    locale,
  );
  if (order.isPending) return <p className="status">{t('loading')}</p>;
  if (order.isError) return <p className="status">{t('error')}</p>;
  const o = order.data;
  const confirm = async () => {
    setMessage(null);
    try {
      await sendJson('POST', `/orders/${o.id}/confirm-receipt`, undefined, crypto.randomUUID());
      setMessage(t('receiptConfirmed'));
      refresh();
    } catch {
      setMessage(t('actionFailed'));
    }
  };
  const canConfirm = o.status === 'shipped' || o.status === 'delivered';
  const canDispute = canConfirm;
  return (
    <section className="buyer-page">
      <p>
        <Link href="/orders">{t('allOrders')}</Link>
      </p>
      <h1>{t('orderTitle', { id: o.id.slice(-8) })}</h1>
      <p>
        {t('status')}: <span className="order-status">{t(statusKey(o.status))}</span>
      </p>
      <section aria-labelledby="order-lines">
        <h2 id="order-lines">{t('goods')}</h2>
        <ul className="cart-lines">
          {o.lines.map((l) => {
            const name = names.get(l.productId);
            return (
              <li key={l.lineNo} className="cart-line" lang={name ? name.lang : 'en'}>
                {name?.title ?? l.title} × {l.quantity}
              </li>
            );
          })}
        </ul>
        <dl className="amounts">
          <dt>{t('goods')}</dt>
          <dd>{formatMoney(o.goods, locale)}</dd>
          <dt>{t('shippingCost')}</dt>
          <dd>{formatMoney(o.shipping, locale)}</dd>
          <dt>{t('taxes')}</dt>
          <dd>{formatMoney(o.tax, locale)}</dd>
          <dt className="total">{t('total')}</dt>
          <dd className="total">{formatMoney(o.total, locale)}</dd>
        </dl>
        {o.escrow?.status === 'held' && <p>{t('escrowHeld')}</p>}
      </section>
      {o.deliveryAddress && (
        <section aria-labelledby="deliver-to">
          <h2 id="deliver-to">{t('deliverTo')}</h2>
          <p>
            {o.deliveryAddress.recipientName} · {o.deliveryAddress.phone}
            <br />
            {[
              o.deliveryAddress.postalCode,
              o.deliveryAddress.region,
              o.deliveryAddress.city,
              ...o.deliveryAddress.lines,
            ]
              .filter(Boolean)
              .join(' ')}
          </p>
        </section>
      )}
      {o.shipment && (
        <section aria-labelledby="tracking">
          <h2 id="tracking">{t('tracking')}</h2>
          <p>
            {o.shipment.carrier} · {o.shipment.trackingNumber}
          </p>
          <ol className="timeline">
            {o.shipment.events.map((e) => (
              <li key={`${e.at}-${e.status}`}>
                {when(e.at, locale)} · {t(trackingKey(e.status))} · {e.location}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="history">
        <h2 id="history">{t('history')}</h2>
        <ol className="timeline">
          {o.events.map((e) => (
            <li key={`${e.at}-${e.to}`}>
              {when(e.at, locale)} · {t(statusKey(e.to))}
            </li>
          ))}
        </ol>
      </section>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
      {canConfirm && (
        <button type="button" onClick={confirm}>
          {t('confirmReceipt')}
        </button>
      )}
      {canDispute && <DisputeForm orderId={o.id} onDone={refresh} />}
    </section>
  );
}
