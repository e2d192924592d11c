import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearch } from 'wouter';
import { ApiError } from '../api.ts';
import { postJson, type Seller, type Verification, type VerificationItem } from '../api-trust.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { CaseFrame, Fact } from './case-frame.tsx';
import { DecisionReason } from './decision-reason.tsx';
import { when, words } from './ops-format.ts';

/** A detail's value as text: the server keeps kind-specific facts (a bank account only as its last four). */
const shown = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v);

function ItemDecision({ item, onDecided }: { item: VerificationItem; onDecided(message: string): void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async (decision: 'approve' | 'reject', form: HTMLFormElement | null) => {
    if (form && !form.reportValidity()) return;
    setBusy(true);
    setError(null);
    try {
      await postJson<VerificationItem>(`/trust/seller-verification/${item.id}/decision`, {
        decision,
        reason,
      });
      onDecided(`${decision === 'approve' ? 'Approved' : 'Rejected'}: ${words(item.kind)}.`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The decision failed; try again.');
    } finally {
      setBusy(false);
    }
  };
  const reasonId = `reason-${item.id}`;
  return (
    <form
      className="decision-form"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        void decide('approve', e.currentTarget);
      }}
    >
      <DecisionReason
        id={reasonId}
        label={`Reason for ${words(item.kind)} (recorded with the decision)`}
        value={reason}
        onChange={setReason}
      />
      <p>
        <button type="submit" disabled={busy} aria-label={`Approve ${words(item.kind)}`}>
          Approve
        </button>{' '}
        <button
          type="button"
          disabled={busy}
          aria-label={`Reject ${words(item.kind)}`}
          onClick={(e) => void decide('reject', e.currentTarget.form)}
        >
          Reject
        </button>
      </p>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

function Item({
  sellerId,
  item,
  focused,
  onDecided,
}: {
  sellerId: string;
  item: VerificationItem;
  focused: boolean;
  onDecided(message: string): void;
}) {
  const titleId = `item-${item.id}`;
  const doc = item.document;
  return (
    <li id={`svi-${item.id}`} className={focused ? 'highlighted' : undefined}>
      <section aria-labelledby={titleId}>
        <h4 id={titleId}>
          {words(item.kind)}:{' '}
          <span className={item.status === 'rejected' ? 'bad' : undefined}>{item.status}</span>
        </h4>
        <dl className="facts">
          {Object.entries(item.details).map(([k, v]) => (
            <Fact key={k} term={words(k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))}>
              {shown(v)}
            </Fact>
          ))}
          <Fact term="Expires">{item.expiresOn}</Fact>
          <Fact term="Document">
            {doc && (
              <>
                {doc.uploadedBytes === null ? (
                  `${doc.name} (only its SHA-256 was given; nothing to download)`
                ) : (
                  <a
                    href={`/api/v1/sellers/${sellerId}/verification/items/${item.id}/document`}
                    download={doc.name}
                  >
                    Download {doc.name} ({Math.ceil(doc.uploadedBytes / 1024)} KB)
                  </a>
                )}{' '}
                SHA-256 <code>{doc.sha256.slice(0, 16)}…</code>
              </>
            )}
          </Fact>
          <Fact term="Submitted">
            {when(item.submittedAt)} by {item.submittedBy}
          </Fact>
          <Fact term="Decided">
            {item.decidedAt && `${when(item.decidedAt)} by ${item.decidedBy}: “${item.decisionReason}”`}
          </Fact>
        </dl>
        {item.status === 'pending' && <ItemDecision item={item} onDecided={onDecided} />}
      </section>
    </li>
  );
}

/**
 * /trust/sellers/:id/verification — a seller's verification: who it is, its level and what the next
 * level lacks, and every piece of evidence with its document; the agent approves or rejects each
 * pending item with a reason. `?item=` (from the queue) brings that item into view.
 */
export function VerificationDetail({ sellerId }: { sellerId: string }) {
  const search = new URLSearchParams(useSearch());
  const focus = search.get('item');
  const from = search.get('from') ?? 'seller_verifications';
  const [outcome, setOutcome] = useState<string | null>(null);
  const seller = useQuery(apiQuery<Seller>(`/sellers/${sellerId}`));
  const v = useQuery(apiQuery<Verification>(`/sellers/${sellerId}/verification`));
  const ready = v.isSuccess;
  useEffect(() => {
    if (ready && focus) document.getElementById(`svi-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [ready, focus]);
  const name = seller.isSuccess ? seller.data.legalName : sellerId;
  if (v.isPending) return <p className="status">Loading the seller’s verification…</p>;
  if (v.isError)
    return (
      <CaseFrame id="case-title" title={`Seller verification: ${name}`} backQueue={from}>
        <p role="alert">{v.error.message}</p>
      </CaseFrame>
    );
  const d = v.data;
  const pending = d.items.filter((i) => i.status === 'pending');
  const decided = d.items.filter((i) => i.status !== 'pending');
  const decidedNow = (message: string) => {
    setOutcome(message);
    void invalidateApi(`/sellers/${sellerId}/verification`, '/trust/queues');
  };
  return (
    <CaseFrame id="case-title" title={`Seller verification: ${name}`} backQueue={from}>
      <dl className="facts">
        {seller.isSuccess && (
          <>
            <Fact term="Seller">
              {seller.data.legalName}
              {seller.data.dba ? ` (doing business as ${seller.data.dba})` : ''} — {seller.data.city},{' '}
              {seller.data.usState}; {seller.data.isFarm ? 'a farm' : 'not a farm'}, {seller.data.employees}{' '}
              employees
            </Fact>
            <Fact term="EIN">{seller.data.ein}</Fact>
          </>
        )}
        <Fact term="Standing">{d.sellerState}</Fact>
        <Fact term="Level">
          {d.level}
          {d.levelCode ? ` (${words(d.levelCode)})` : ''}
        </Fact>
        <Fact term="Badges">{d.badges.length > 0 ? d.badges.map(words).join(', ') : 'none'}</Fact>
        <Fact term="Next level lacks">
          {d.missing.length > 0 ? d.missing.map(words).join(', ') : 'nothing: top level'}
        </Fact>
      </dl>
      {outcome && (
        <p role="status" className="decided">
          {outcome}
        </p>
      )}
      <section aria-labelledby="pending-title">
        <h3 id="pending-title">Waiting for a decision ({pending.length})</h3>
        {pending.length === 0 ? (
          <p>Nothing waiting.</p>
        ) : (
          <ul className="queue-items">
            {pending.map((i) => (
              <Item key={i.id} sellerId={sellerId} item={i} focused={focus === i.id} onDecided={decidedNow} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="decided-title">
        <h3 id="decided-title">Decided ({decided.length})</h3>
        {decided.length === 0 ? (
          <p>Nothing decided yet.</p>
        ) : (
          <ul className="queue-items">
            {decided.map((i) => (
              <Item key={i.id} sellerId={sellerId} item={i} focused={focus === i.id} onDecided={decidedNow} />
            ))}
          </ul>
        )}
      </section>
    </CaseFrame>
  );
}
