import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import type { SellerProductJson } from '../api-seller.ts';
import { formatMoney } from '../format.ts';
import { apiQuery } from '../query.ts';
import { useSeller } from './center.tsx';
import { attributeSlots, completeness, EDITOR_LOCALES } from './completeness.ts';
import { Problem } from './problem.tsx';

export default function Listings() {
  const { sellerId } = useSeller();
  const data = useQuery(apiQuery<SellerProductJson[]>(`/sellers/${sellerId}/products`, { limit: '100' }));
  return (
    <section>
      <div className="heading-row">
        <h1>Listings</h1>
        <Link href="/listings/new" className="button primary">
          New listing
        </Link>
      </div>
      {data.isPending && <p className="status">Loading…</p>}
      {data.isError && <Problem error={data.error} />}
      {data.isSuccess &&
        (data.data.length === 0 ? (
          <p>No listings yet.</p>
        ) : (
          <table className="listings">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Price</th>
                <th scope="col">Stock</th>
                <th scope="col">Translations</th>
              </tr>
            </thead>
            <tbody>
              {data.data.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/listings/${p.id}`}>{p.translations.en?.title ?? p.id}</Link>
                  </td>
                  <td>
                    {p.status}
                    {p.trustHold && (
                      <span className="badge warn"> held: {p.trustHold.replace(/_/g, ' ')}</span>
                    )}
                    {!p.visible && !p.trustHold && p.status === 'active' && <span> (not shown yet)</span>}
                  </td>
                  <td>{p.variants[0] ? formatMoney(p.variants[0].priceUsd, 'en-US') : '—'}</td>
                  <td>{p.variants.reduce((n, v) => n + v.stock, 0)}</td>
                  <td>
                    {EDITOR_LOCALES.map(
                      (l) =>
                        `${l} ${completeness(p.translations[l], l === 'en' ? [] : attributeSlots(p.variants))} %`,
                    ).join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
