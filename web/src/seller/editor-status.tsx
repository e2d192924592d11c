import { useQuery } from '@tanstack/react-query';
import type { EligibilityJson, ListingDecisionsJson, SellerProductJson } from '../api-seller.ts';
import { apiQuery } from '../query.ts';
import { Problem } from './problem.tsx';

const MARKET_NAMES: Record<string, string> = {
  CN: 'Mainland China',
  HK: 'Hong Kong',
  TW: 'Taiwan',
  JP: 'Japan',
  KR: 'South Korea',
  SG: 'Singapore',
  VN: 'Vietnam',
  TH: 'Thailand',
  MY: 'Malaysia',
  PH: 'Philippines',
  ID: 'Indonesia',
};

/** Whether buyers can see the listing, and if trust holds it, why (every decision with its rule). */
export function TrustStatus({ product }: { product: SellerProductJson }) {
  // The editor marks this stale when it saves the listing.
  const data = useQuery(apiQuery<ListingDecisionsJson>(`/trust/listings/${product.id}/decisions`));
  return (
    <section aria-labelledby="trust-h" className="panel">
      <h2 id="trust-h">Trust status</h2>
      {product.trustHold ? (
        <p className="warn">
          Held for review: <strong>{product.trustHold.replace(/_/g, ' ')}</strong>. Buyers do not see it until
          a trust agent publishes it.
        </p>
      ) : (
        <p className="ok">
          {product.visible
            ? 'Shown to buyers.'
            : `Not held by trust; not shown yet (status ${product.status}).`}
        </p>
      )}
      {data.isError && <Problem error={data.error} />}
      {data.isSuccess && data.data.decisions.length > 0 && (
        <ul>
          {data.data.decisions.map((d) => (
            <li key={d.id}>
              {d.decidedAt.slice(0, 10)}: <strong>{d.decision}</strong> by {d.actor} — rule{' '}
              <code>{d.rule}</code>
              {typeof d.detail.reason === 'string' && <> — {d.detail.reason}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Which markets the listing may be sold in, and for the others why not and what to obtain. */
export function MarketEligibility({ product }: { product: SellerProductJson }) {
  const data = useQuery(
    apiQuery<EligibilityJson>(`/sellers/${product.sellerId}/products/${product.id}/eligibility`),
  );
  return (
    <section aria-labelledby="markets-h" className="panel">
      <h2 id="markets-h">Where it can be sold</h2>
      {data.isPending && <p className="status">Loading…</p>}
      {data.isError && <Problem error={data.error} />}
      {data.isSuccess && (
        <table>
          <thead>
            <tr>
              <th scope="col">Market</th>
              <th scope="col">Status</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {data.data.markets.map((m) => (
              <tr key={m.market}>
                <th scope="row">{MARKET_NAMES[m.market] ?? m.market}</th>
                <td className={`elig-${m.status}`}>
                  {m.status}
                  {m.eligibleUntil && <> until {m.eligibleUntil}</>}
                </td>
                <td>
                  {m.reasons.length === 0 ? '—' : m.reasons.map((r) => r.description).join(' ')}
                  {m.missing.length > 0 && (
                    <ul>
                      {m.missing.map((x) => (
                        <li key={x.requirementId}>
                          Obtain: {x.document} ({x.issuer}) — <a href={x.url}>how</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
