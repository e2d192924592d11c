import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type OrderDetail, type SellerOrderJson, sendJson } from '../api-seller.ts';
import { formatMoney } from '../format.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { useSeller } from './center.tsx';
import { Problem } from './problem.tsx';

function Papers({ orderId }: { orderId: string }) {
  return (
    <span className="papers">
      <a href={`/api/v1/orders/${orderId}/commercial-invoice?format=pdf`} target="_blank" rel="noreferrer">
        Commercial invoice (PDF)
      </a>{' '}
      ·{' '}
      <a href={`/api/v1/orders/${orderId}/packing-list?format=pdf`} target="_blank" rel="noreferrer">
        Packing list (PDF)
      </a>
    </span>
  );
}

function ShipForm({ order, onShipped }: { order: SellerOrderJson; onShipped: (o: OrderDetail) => void }) {
  const { sellerId } = useSeller();
  const [carrier, setCarrier] = useState('UPS');
  const [tracking, setTracking] = useState('');
  const [itn, setItn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const short = order.id.slice(-6);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { carrier, trackingNumber: tracking.trim(), ...(itn.trim() ? { itn: itn.trim() } : {}) };
      onShipped(
        await sendJson<OrderDetail>('POST', `/sellers/${sellerId}/orders/${order.id}/shipment`, body, {
          idempotent: true,
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="ship-form" aria-label={`Ship order …${short}`}>
      <label>
        Carrier
        <input value={carrier} required maxLength={60} onChange={(e) => setCarrier(e.target.value)} />
      </label>
      <label>
        Tracking number
        <input
          value={tracking}
          required
          pattern="[A-Za-z0-9\-]{4,40}"
          title="4 to 40 letters, digits or dashes"
          onChange={(e) => setTracking(e.target.value)}
        />
      </label>
      <label>
        ITN (only when EEI was filed)
        <input
          value={itn}
          pattern="X[0-9]{14}"
          placeholder="X20261202123456"
          onChange={(e) => setItn(e.target.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Mark shipped
      </button>
      {error && (
        <p role="alert" className="seller-error">
          {error}
        </p>
      )}
    </form>
  );
}

function OrderSummary({ o }: { o: SellerOrderJson }) {
  return (
    <>
      <h3>
        Order …{o.id.slice(-6)} to {o.market} · {o.placedAt.slice(0, 10)}
      </h3>
      <p>
        {o.lines.map((l) => `${l.quantity} × ${l.title}`).join(', ')} — goods{' '}
        {formatMoney(o.goodsUsd, 'en-US')} + shipping {formatMoney(o.shippingUsd, 'en-US')} ·{' '}
        {o.shippingMethod}
      </p>
      {o.deliveryAddress && (
        <p className="address">
          Ship to: {o.deliveryAddress.recipientName}, {o.deliveryAddress.city}, {o.deliveryAddress.country}
        </p>
      )}
    </>
  );
}

export default function Orders() {
  const { sellerId } = useSeller();
  const [shipped, setShipped] = useState<OrderDetail | null>(null);
  const data = useQuery(
    apiQuery<{ orders: SellerOrderJson[] }>(`/sellers/${sellerId}/orders`, { limit: '100' }),
  );
  if (data.isPending) return <p className="status">Loading…</p>;
  if (data.isError) return <Problem error={data.error} />;
  const toShip = data.data.orders.filter((o) => o.status === 'paid');
  const others = data.data.orders.filter((o) => o.status !== 'paid' && o.status !== 'awaiting_payment');
  return (
    <section>
      <h1>Orders to ship</h1>
      {shipped && (
        <p role="status" className="ok">
          Order …{shipped.id.slice(-6)} shipped with {shipped.shipment?.carrier}{' '}
          {shipped.shipment?.trackingNumber}. The buyer’s confirmation window has started.
        </p>
      )}
      {toShip.length === 0 ? (
        <p>No paid orders are waiting to ship.</p>
      ) : (
        <ul className="orders">
          {toShip.map((o) => (
            <li key={o.id} className="order">
              <OrderSummary o={o} />
              <p>
                Customs papers: <Papers orderId={o.id} />
              </p>
              <ShipForm
                order={o}
                onShipped={(d) => {
                  setShipped(d);
                  void invalidateApi(`/sellers/${sellerId}/orders`, `/orders/${d.id}`);
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <h2>Shipped and earlier orders</h2>
      {others.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul className="orders">
          {others.map((o) => (
            <li key={o.id} className="order" data-order={o.id}>
              <OrderSummary o={o} />
              <p>
                Status: <strong>{o.status}</strong>
                {o.shippedAt && <> · shipped {o.shippedAt.slice(0, 10)}</>} · <Papers orderId={o.id} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
