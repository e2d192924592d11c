import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { NoticeReview } from '../api-trust.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { CaseFrame, Fact } from './case-frame.tsx';
import { CounterNotice, nextStep } from './counter-notice.tsx';
import { EvidenceList } from './evidence-list.tsx';
import { NoticeDecision } from './notice-decision.tsx';
import { timeLeft, when, words } from './ops-format.ts';

const share = (s: string | null) =>
  s === null ? 'no decided notices yet' : `${(Number(s) * 100).toFixed(0)}%`;

function Reporter({ r }: { r: NoticeReview }) {
  const p = r.reporter;
  return (
    <section aria-labelledby="reporter-title">
      <h3 id="reporter-title">Reporter</h3>
      <dl className="facts">
        <Fact term="Name">{p.displayName}</Fact>
        <Fact term="Email">{p.email}</Fact>
        <Fact term="User id">
          <code>{p.userId}</code>
        </Fact>
        <Fact term="Tier">
          {p.trusted ? 'Trusted reporter (takedowns at once)' : 'Standard (every notice is reviewed)'}
          {p.agentRevoked ? ' — trust revoked by an agent' : ''}
        </Fact>
        <Fact term="Record">
          {p.upheld} upheld of {p.decided} decided ({share(p.accuracy)})
        </Fact>
      </dl>
    </section>
  );
}

function Listings({ r }: { r: NoticeReview }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>Listings named ({r.notice.listings.length})</caption>
        <thead>
          <tr>
            <th scope="col">Listing</th>
            <th scope="col">Seller</th>
            <th scope="col">Status</th>
            <th scope="col">Counter-notice window</th>
            <th scope="col">What happens next</th>
          </tr>
        </thead>
        <tbody>
          {r.notice.listings.map((l) => {
            const f = r.listings.find((x) => x.productId === l.productId);
            const window = l.counterDueAt ? timeLeft(l.counterDueAt, r.asOf) : null;
            return (
              <tr key={l.productId}>
                <th scope="row">
                  {f?.title ?? l.productId}
                  <br />
                  <code>{l.productId}</code>
                  <br />
                  {f &&
                    (f.visible ? 'visible' : `hidden (${f.trustHold ? words(f.trustHold) : 'not shown'})`)}
                </th>
                <td>
                  <Link href={`/sellers/${l.sellerId}/verification`}>{f?.sellerName ?? l.sellerId}</Link>
                  {f && f.sellerState !== 'verified' && <> ({f.sellerState})</>}
                </td>
                <td>
                  <strong>{words(l.status)}</strong>
                  {l.takenDownAt && <> since {when(l.takenDownAt)}</>}
                  {l.closingReason && <> — “{l.closingReason}”</>}
                </td>
                <td>
                  {l.counterDueAt && window ? (
                    l.counterNotice ? (
                      `Counter-notified ${when(l.counterNotice.filedAt)}`
                    ) : (
                      <>
                        until {when(l.counterDueAt)}{' '}
                        <span className={window.passed ? 'bad' : undefined}>({window.text})</span>
                      </>
                    )
                  ) : (
                    '—'
                  )}
                </td>
                <td>{nextStep(l, r)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function History({ r }: { r: NoticeReview }) {
  const title = (id: string) => r.listings.find((l) => l.productId === id)?.title ?? id;
  if (r.decisions.length === 0) return <p>No decision on this notice yet.</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption>Decision history</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Listing</th>
            <th scope="col">Decision</th>
            <th scope="col">Rule</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {r.decisions.map((d) => (
            <tr key={d.id}>
              <td>{when(d.decidedAt)}</td>
              <td>{title(d.subjectId)}</td>
              <td>{words(d.decision)}</td>
              <td>
                <code>{d.rule}</code>
              </td>
              <td>{d.actor}</td>
              <td>{typeof d.detail.reason === 'string' ? d.detail.reason : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * /trust/notices/:id — a rights owner's takedown notice as an agent decides it: who reported it and
 * their record, the right and brand it rests on, the statement and evidence, each listing's status
 * and timers, the sellers' counter-notices, the decision form and the history. `?listing=` (from a
 * counter-notice or frozen-orders item) brings that listing's counter-notice into view.
 */
export function NoticeDetail({ noticeId }: { noticeId: string }) {
  const focus = new URLSearchParams(useSearch()).get('listing');
  const from = new URLSearchParams(useSearch()).get('from') ?? 'notices';
  const [outcome, setOutcome] = useState<string | null>(null);
  const review = useQuery(apiQuery<NoticeReview>(`/trust/notices/${noticeId}/review`));
  const ready = review.isSuccess;
  useEffect(() => {
    if (ready && focus) document.getElementById(`counter-${focus}`)?.scrollIntoView({ block: 'start' });
  }, [ready, focus]);

  if (review.isPending) return <p className="status">Loading the notice…</p>;
  if (review.isError)
    return (
      <CaseFrame id="case-title" title="Notice" backQueue={from}>
        <p role="alert">{review.error.message}</p>
      </CaseFrame>
    );
  const r = review.data;
  const n = r.notice;
  return (
    <CaseFrame id="case-title" title={`Notice: ${r.reason.label} — ${n.rights.ownerName}`} backQueue={from}>
      <dl className="facts">
        <Fact term="Notice">
          <code>{n.id}</code>
        </Fact>
        <Fact term="Filed">{when(n.filedAt)}</Fact>
        <Fact term="Reason">
          {r.reason.label} ({r.reason.serious ? 'a removal is a serious strike' : 'a removal is a strike'})
        </Fact>
        <Fact term="Right">
          {words(n.rights.kind)} {n.rights.office} {n.rights.registrationNumber}, owned by{' '}
          {n.rights.ownerName}
        </Fact>
        <Fact term="Brand">
          {r.brand
            ? `${r.brand.name} (${words(r.brand.status)}; ${r.brand.trademark.office} ${r.brand.trademark.registrationNumber})`
            : 'None named'}
        </Fact>
        <Fact term="Filed as">
          {n.trustedReporter ? 'A trusted reporter: its listings went down at once' : 'A standard reporter'}
        </Fact>
        <Fact term="Counter-notice window">
          {r.policy.counterNoticeFilingWindowDays} days after a takedown; then the rights owner has{' '}
          {r.policy.answerWindowBusinessDays} business days to answer
        </Fact>
        <Fact term="As of">{when(r.asOf)} (server time)</Fact>
      </dl>
      <Reporter r={r} />
      <section aria-labelledby="statement-title">
        <h3 id="statement-title">Statement and evidence</h3>
        <blockquote className="statement">{n.statement}</blockquote>
        <EvidenceList evidence={n.evidence} label="Notice evidence" noticeId={n.id} />
      </section>
      <Listings r={r} />
      {n.listings.map((l) => (
        <CounterNotice
          key={l.productId}
          listing={l}
          facts={r.listings.find((f) => f.productId === l.productId)}
          review={r}
          highlighted={focus === l.productId}
        />
      ))}
      {outcome && (
        <p role="status" className="decided">
          {outcome}
        </p>
      )}
      <NoticeDecision
        // A fresh form once the listings' statuses change (after a decision), not before.
        key={n.listings.map((l) => l.status).join()}
        review={r}
        focus={focus}
        onDecided={(message) => {
          setOutcome(message);
          void invalidateApi(`/trust/notices/${noticeId}/`, '/trust/queues');
        }}
      />
      <section aria-labelledby="history-title">
        <h3 id="history-title">History</h3>
        <History r={r} />
      </section>
    </CaseFrame>
  );
}
