import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import type { SellerOrderJson, SellerProductJson, VerificationJson } from '../api-seller.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { useSeller } from './center.tsx';
import { EvidenceForm } from './onboarding.tsx';
import { Problem } from './problem.tsx';

/** What each missing requirement means for a farmer, and what to do about it. */
const REQUIREMENT_TEXT: Record<string, string> = {
  ein: 'your Employer Identification Number (EIN) on your seller profile',
  is_farm: 'confirmation on your seller profile that you are a farm',
  business_registration: 'a business registration document (state filing or license)',
  business_address: 'your business address, checked',
  bank_account: 'a payout bank account, verified',
  farm_document: 'a farm document (USDA FSA farm number, state farm registration or organic certificate)',
};
const requirementText = (code: string) => REQUIREMENT_TEXT[code] ?? code.replace(/_/g, ' ');

export default function Dashboard() {
  const { sellerId } = useSeller();
  const [notice, setNotice] = useState<string | null>(null);
  const verification = useQuery(apiQuery<VerificationJson>(`/sellers/${sellerId}/verification`));
  const listings = useQuery(apiQuery<SellerProductJson[]>(`/sellers/${sellerId}/products`, { limit: '100' }));
  const paid = useQuery(
    apiQuery<{ orders: SellerOrderJson[] }>(`/sellers/${sellerId}/orders`, { status: 'paid' }),
  );
  if (verification.isPending || listings.isPending || paid.isPending)
    return <p className="status">Loading…</p>;
  if (verification.isError) return <Problem error={verification.error} />;
  if (listings.isError) return <Problem error={listings.error} />;
  if (paid.isError) return <Problem error={paid.error} />;
  const v = verification.data;
  const products = listings.data;
  const { orders } = paid.data;
  const held = products.filter((p) => p.trustHold !== null).length;
  return (
    <section>
      <h1>Dashboard</h1>
      <ul className="tiles">
        <li>
          <span className="tile-number">{v.level}</span>
          <span>verification level{v.levelCode ? ` (${v.levelCode.replace(/_/g, ' ')})` : ''}</span>
        </li>
        <li>
          <span className="tile-number">{products.length}</span>
          <Link href="/listings">listings</Link>
          {held > 0 && <span> · {held} held for review</span>}
        </li>
        <li>
          <span className="tile-number">{orders.length}</span>
          <Link href="/orders">orders to ship</Link>
        </li>
      </ul>

      <h2>Verification</h2>
      <p>
        Seller state: <strong>{v.sellerState}</strong>
        {v.badges.length > 0 && <> · badges: {v.badges.join(', ')}</>}
      </p>
      {v.missing.length === 0 ? (
        <p className="ok">Nothing is missing: you have reached the top verification level.</p>
      ) : (
        <>
          <p>To reach the next level, still needed:</p>
          <ul className="checklist">
            {v.missing.map((m) => (
              <li key={m}>{requirementText(m)}</li>
            ))}
          </ul>
        </>
      )}
      {notice && (
        <p role="status" className="ok">
          {notice} sent: a trust agent reviews it.
        </p>
      )}
      <EvidenceForm
        missing={[...new Set(v.progress.flatMap((p) => p.missing))].filter(
          (m) => !v.items.some((i) => i.kind === m && i.status === 'pending'),
        )}
        items={v.items}
        onSubmitted={(what) => {
          setNotice(what);
          void invalidateApi(`/sellers/${sellerId}/verification`);
        }}
      />
      <h3>Levels</h3>
      <ol className="levels">
        {v.progress.map((p) => (
          <li key={p.code}>
            <strong>{p.code.replace(/_/g, ' ')}</strong>: {p.reached ? 'reached ✓' : 'not yet'}
            {!p.reached && p.missing.length > 0 && (
              <> — missing {p.missing.map(requirementText).join('; ')}</>
            )}
          </li>
        ))}
      </ol>
      {v.items.length > 0 && (
        <>
          <h3>Evidence submitted</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {v.items.map((i) => (
                <tr key={i.id}>
                  <td>{i.kind.replace(/_/g, ' ')}</td>
                  <td>{i.status}</td>
                  <td>{i.submittedAt.slice(0, 10)}</td>
                  <td>{i.decisionReason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
