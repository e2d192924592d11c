import { useQuery } from '@tanstack/react-query';
import type { SellerMoneyJson, SellerOrderJson } from '../api-seller.ts';
import { formatMoney } from '../format.ts';
import { apiQuery } from '../query.ts';
import { useSeller } from './center.tsx';
import { Problem } from './problem.tsx';

const IN_ESCROW = new Set(['paid', 'shipped', 'delivered', 'disputed']);
const SERIES = [
  { key: 'escrow', label: 'In escrow', color: '#b5651d' },
  { key: 'released', label: 'Released', color: '#2e6b30' },
  { key: 'paidOut', label: 'Paid out', color: '#1a5fb4' },
] as const;
type SeriesKey = (typeof SERIES)[number]['key'];
type Day = { day: string } & Record<SeriesKey, number>;

/**
 * USD cents per day: orders' USD value (goods + shipping) by the day they were paid, split by
 * whether their escrow is still held or released, and payouts by the day they were made.
 */
export function balanceByDay(orders: SellerOrderJson[], money: SellerMoneyJson): Day[] {
  const days = new Map<string, Day>();
  const at = (day: string) => {
    let d = days.get(day);
    if (!d) {
      d = { day, escrow: 0, released: 0, paidOut: 0 };
      days.set(day, d);
    }
    return d;
  };
  for (const o of orders) {
    if (!o.paidAt) continue;
    const usd = o.goodsUsd.amount + o.shippingUsd.amount;
    if (IN_ESCROW.has(o.status)) at(o.paidAt.slice(0, 10)).escrow += usd;
    else if (o.status === 'completed') at((o.completedAt ?? o.paidAt).slice(0, 10)).released += usd;
  }
  for (const p of money.payouts)
    if (p.status === 'paid' && p.amount.currency === 'USD')
      at(p.createdAt.slice(0, 10)).paidOut += p.amount.amount;
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day)).slice(-14);
}

/** A grouped bar chart drawn in plain SVG, with a table of the same numbers for screen readers. */
function Chart({ days }: { days: Day[] }) {
  const W = 640;
  const H = 220;
  const pad = { left: 64, bottom: 32, top: 12 };
  const max = Math.max(1, ...days.flatMap((d) => SERIES.map((s) => d[s.key])));
  const slot = (W - pad.left) / Math.max(days.length, 1);
  const bar = Math.min(24, (slot - 8) / SERIES.length);
  const y = (v: number) => H - pad.bottom - (v / max) * (H - pad.bottom - pad.top);
  const usd = (cents: number) => formatMoney({ amount: cents, currency: 'USD' }, 'en-US');
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title" width="100%">
        <title id="chart-title">Money by day in US dollars: in escrow, released and paid out</title>
        <line x1={pad.left} x2={W} y1={y(0)} y2={y(0)} stroke="#4f4a43" />
        <text x={pad.left - 6} y={y(max) + 4} textAnchor="end" fontSize="11" fill="#1d1d1b">
          {usd(max)}
        </text>
        <text x={pad.left - 6} y={y(0)} textAnchor="end" fontSize="11" fill="#1d1d1b">
          $0
        </text>
        {days.map((d, i) => {
          const x0 = pad.left + i * slot + (slot - bar * SERIES.length) / 2;
          return (
            <g key={d.day}>
              {SERIES.map((s, j) => (
                <rect
                  key={s.key}
                  x={x0 + j * bar}
                  y={y(d[s.key])}
                  width={bar - 2}
                  height={y(0) - y(d[s.key])}
                  fill={s.color}
                />
              ))}
              <text
                x={pad.left + i * slot + slot / 2}
                y={H - 12}
                textAnchor="middle"
                fontSize="11"
                fill="#1d1d1b"
              >
                {d.day.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {SERIES.map((s) => (
          <span key={s.key} className="legend">
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" /> {s.label}
          </span>
        ))}
      </figcaption>
      <div className="visually-hidden">
        <table>
          <caption>Money by day (USD)</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                {SERIES.map((s) => (
                  <td key={s.key}>{usd(d[s.key])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

export default function Balance() {
  const { sellerId } = useSeller();
  const moneyQuery = useQuery(apiQuery<SellerMoneyJson>(`/sellers/${sellerId}/money`));
  const ordersQuery = useQuery(
    apiQuery<{ orders: SellerOrderJson[] }>(`/sellers/${sellerId}/orders`, { limit: '200' }),
  );
  if (moneyQuery.isPending || ordersQuery.isPending) return <p className="status">Loading…</p>;
  if (moneyQuery.isError) return <Problem error={moneyQuery.error} />;
  if (ordersQuery.isError) return <Problem error={ordersQuery.error} />;
  const money = moneyQuery.data;
  const { orders } = ordersQuery.data;
  const days = balanceByDay(orders, money);
  return (
    <section>
      <h1>Balance</h1>
      <dl className="tiles money">
        <div>
          <dt>In escrow (in the buyers’ currency, until they receive)</dt>
          <dd>
            {money.escrowHeld.length === 0
              ? formatMoney({ amount: 0, currency: 'USD' }, 'en-US')
              : money.escrowHeld.map((m) => formatMoney(m, 'en-US')).join(' + ')}
          </dd>
        </div>
        <div>
          <dt>Released, owed to you</dt>
          <dd>{formatMoney(money.payable, 'en-US')}</dd>
        </div>
        <div>
          <dt>Paid out</dt>
          <dd>{formatMoney(money.paidOut, 'en-US')}</dd>
        </div>
      </dl>
      <h2>Over time</h2>
      {days.length === 0 ? (
        <p>No paid orders yet: the chart fills in as buyers pay.</p>
      ) : (
        <Chart days={days} />
      )}
      <h2>Payouts</h2>
      {money.payouts.length === 0 ? (
        <p>No payouts yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {money.payouts.map((p) => (
              <tr key={p.id}>
                <td>{p.createdAt.slice(0, 10)}</td>
                <td>{formatMoney(p.amount, 'en-US')}</td>
                <td>{p.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
