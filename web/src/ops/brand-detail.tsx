import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { ApiError } from '../api.ts';
import { type Brand, type OwnerBrands, postJson } from '../api-trust.ts';
import { formatMoney } from '../format.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { CaseFrame, Fact } from './case-frame.tsx';
import { DecisionReason } from './decision-reason.tsx';
import { when, words } from './ops-format.ts';

const usd = (cents: number) => formatMoney({ amount: cents, currency: 'USD' }, 'en-US');

/** Verify or reject a pending brand with a reason; the server refuses to verify one without documents. */
function BrandDecision({ brand, onDecided }: { brand: Brand; onDecided(message: string): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'verify' | 'reject', form: HTMLFormElement | null) => {
    if (form && !form.reportValidity()) return;
    setBusy(true);
    setError(null);
    try {
      await postJson<Brand>(`/trust/brands/${brand.id}/review`, { decision, reason });
      onDecided(`${decision === 'verify' ? 'Verified' : 'Rejected'}: ${brand.name}.`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The decision failed; try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="decision-form"
      aria-labelledby="brand-decision-title"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        void decide('verify', e.currentTarget);
      }}
    >
      <h3 id="brand-decision-title">Decision</h3>
      <DecisionReason
        id="brand-reason"
        maxLength={500}
        label="Reason (recorded with the decision and shown to the owner)"
        value={reason}
        onChange={setReason}
      />
      <p>
        <button type="submit" disabled={busy}>
          Verify brand
        </button>{' '}
        <button type="button" disabled={busy} onClick={(e) => void decide('reject', e.currentTarget.form)}>
          Reject brand
        </button>
      </p>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function Evidence({ brand }: { brand: Brand }) {
  const docs = brand.documents ?? [];
  const products = brand.referenceProducts ?? [];
  return (
    <>
      <section aria-labelledby="documents-title">
        <h3 id="documents-title">Documents ({docs.length})</h3>
        {docs.length === 0 ? (
          <p>No documents: the brand cannot be verified until its owner adds one.</p>
        ) : (
          <ul>
            {docs.map((d) => (
              <li key={d.id}>
                {words(d.kind)}: {d.fileName} ({d.contentType}, {Math.ceil(d.byteSize / 1024)} KB), added{' '}
                {when(d.createdAt)}; SHA-256 <code>{d.sha256.slice(0, 16)}…</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="references-title">
        <h3 id="references-title">Reference products ({products.length})</h3>
        {products.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul>
            {products.map((p) => (
              <li key={p.id}>
                {p.name}
                {p.categorySlug ? ` (${words(p.categorySlug)})` : ''}: usually{' '}
                {usd(p.referencePriceUsd.amount)}; {p.imageRefs.length} reference image
                {p.imageRefs.length === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The owner's other brands, whatever their status: a rejected twin is worth knowing. */
function OwnersOtherBrands({ brandId }: { brandId: string }) {
  const others = useQuery(apiQuery<OwnerBrands>(`/trust/brands/${brandId}/owner-brands`));
  return (
    <section aria-labelledby="owner-brands-title">
      <h3 id="owner-brands-title">The owner’s other brands</h3>
      {others.isPending && <p className="status">Loading…</p>}
      {others.isError && <p role="alert">{others.error.message}</p>}
      {others.isSuccess &&
        (others.data.brands.length === 0 ? (
          <p>None.</p>
        ) : (
          <ul>
            {others.data.brands.map((b) => (
              <li key={b.id}>
                <Link href={`/brands/${b.id}`}>{b.name}</Link>: {b.status}; {b.trademark.office}{' '}
                {b.trademark.registrationNumber}, registered here {when(b.createdAt)}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

/**
 * /trust/brands/:brandId — a brand's registration as its owner submitted it: the trademark, the
 * documents proving it, reference products, and the owner's other brands; a pending brand is
 * verified or rejected with a reason.
 */
export function BrandDetail({ brandId }: { brandId: string }) {
  const from = new URLSearchParams(useSearch()).get('from') ?? 'brand_verifications';
  const [outcome, setOutcome] = useState<string | null>(null);
  const brand = useQuery(apiQuery<Brand>(`/brands/${brandId}`));
  if (brand.isPending) return <p className="status">Loading the brand…</p>;
  if (brand.isError)
    return (
      <CaseFrame id="case-title" title={`Brand verification: ${brandId}`} backQueue={from}>
        <p role="alert">{brand.error.message}</p>
      </CaseFrame>
    );
  const b = brand.data;
  const tm = b.trademark;
  const terms = Object.entries(b.terms).map(([locale, list]) => `${locale}: ${(list ?? []).join(', ')}`);
  return (
    <CaseFrame id="case-title" title={`Brand verification: ${b.name}`} backQueue={from}>
      <dl className="facts">
        <Fact term="Status">
          <span className={b.status === 'rejected' ? 'bad' : undefined}>{b.status}</span>
        </Fact>
        <Fact term="Registered here">{when(b.createdAt)}</Fact>
        <Fact term="Owner account">{b.ownerUserId}</Fact>
        <Fact term="Trademark owner">{tm.ownerName}</Fact>
        <Fact term="Trademark">
          {tm.office} registration {tm.registrationNumber}
        </Fact>
        <Fact term="Nice classes">{tm.classes.join(', ')}</Fact>
        <Fact term="Terms matched in listings">{terms.join('; ')}</Fact>
        <Fact term="Decided">{b.reviewedAt && `${when(b.reviewedAt)}: “${b.statusReason}”`}</Fact>
      </dl>
      {outcome && (
        <p role="status" className="decided">
          {outcome}
        </p>
      )}
      <Evidence brand={b} />
      <OwnersOtherBrands brandId={b.id} />
      {b.status === 'pending' && (
        <BrandDecision
          brand={b}
          onDecided={(message) => {
            setOutcome(message);
            void invalidateApi(`/brands/${brandId}`, `/trust/brands/${brandId}/`, '/trust/queues');
          }}
        />
      )}
    </CaseFrame>
  );
}
