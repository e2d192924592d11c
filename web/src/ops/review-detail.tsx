import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useSearch } from 'wouter';
import { ApiError } from '../api.ts';
import { postJson, type Review, type ReviewDecision, type Seller } from '../api-trust.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { CaseFrame, Fact } from './case-frame.tsx';
import { DecisionReason } from './decision-reason.tsx';
import { when, words } from './ops-format.ts';

type Part = ReviewDecision['part'] & string;
type Status = Review['status'];

/** The moderation actions the server takes for a text in this status (a published one may be reported). */
const actionsFor = (status: Status): { decision: ReviewDecision['decision']; label: string }[] =>
  status === 'held'
    ? [
        { decision: 'publish', label: 'Publish' },
        { decision: 'remove', label: 'Remove' },
      ]
    : status === 'published'
      ? [
          { decision: 'publish', label: 'Keep published' },
          { decision: 'remove', label: 'Remove' },
        ]
      : [{ decision: 'publish', label: 'Reinstate' }];

/** Why the text is before an agent: the moderation rules it broke, or a report against a published one. */
function why(status: Status, heldRules: readonly string[]): string {
  if (status === 'held') return `Held by the moderation rules: ${heldRules.map(words).join(', ')}.`;
  if (status === 'published')
    return 'Published; if it is in the queue, someone reported it (the report’s reason is the queue item’s summary).';
  return 'Removed by an agent.';
}

function PartDecision({
  review,
  part,
  status,
  onDecided,
}: {
  review: Review;
  part: Part;
  status: Status;
  onDecided(message: string): void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = actionsFor(status);
  const decide = async (decision: ReviewDecision['decision'], form: HTMLFormElement | null) => {
    if (form && !form.reportValidity()) return;
    setBusy(true);
    setError(null);
    try {
      const body: ReviewDecision = { decision, part, reason };
      const after = await postJson<Review>(`/trust/reviews/${review.id}/decision`, body);
      const now = part === 'review' ? after.status : after.reply?.status;
      onDecided(`The ${part === 'review' ? 'review' : 'seller’s reply'} is now ${now}.`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The decision failed; try again.');
    } finally {
      setBusy(false);
    }
  };
  const [first, ...rest] = actions;
  return (
    <form
      className="decision-form"
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        if (first) void decide(first.decision, e.currentTarget);
      }}
    >
      <DecisionReason
        id={`reason-${part}`}
        label={`Reason for the decision on the ${part} (recorded with it)`}
        value={reason}
        onChange={setReason}
      />
      <p>
        {first && (
          <button type="submit" disabled={busy}>
            {first.label} {part}
          </button>
        )}
        {rest.map((a) => (
          <span key={a.decision}>
            {' '}
            <button
              type="button"
              disabled={busy}
              onClick={(e) => void decide(a.decision, e.currentTarget.form)}
            >
              {a.label} {part}
            </button>
          </span>
        ))}
      </p>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}

/** The seller's legal name when it loads; its id until then (or if it cannot be read). */
function SellerName({ sellerId }: { sellerId: string }) {
  const seller = useQuery(apiQuery<Seller>(`/sellers/${sellerId}`));
  return <>{seller.isSuccess ? `${seller.data.legalName} (${sellerId})` : sellerId}</>;
}

/**
 * /trust/reviews/:reviewId — a buyer's review (and the seller's reply, if any) as written, why it is
 * in the queue, and the actions the server offers for it: publish, remove, keep or reinstate, with a
 * reason. `?part=reply` (from the queue) says the seller's reply is what was held.
 */
export function ReviewDetail({ reviewId }: { reviewId: string }) {
  const search = new URLSearchParams(useSearch());
  const from = search.get('from') ?? 'reviews';
  const queuedPart: Part = search.get('part') === 'reply' ? 'reply' : 'review';
  const [outcome, setOutcome] = useState<string | null>(null);
  const review = useQuery(apiQuery<Review>(`/trust/reviews/${reviewId}`));
  if (review.isPending) return <p className="status">Loading the review…</p>;
  const title = queuedPart === 'reply' ? 'Seller reply moderation' : 'Review moderation';
  if (review.isError)
    return (
      <CaseFrame id="case-title" title={`${title}: ${reviewId}`} backQueue={from}>
        <p role="alert">{review.error.message}</p>
      </CaseFrame>
    );
  const r = review.data;
  const decided = (message: string) => {
    setOutcome(message);
    void invalidateApi(`/trust/reviews/${reviewId}`, '/trust/queues');
  };
  return (
    <CaseFrame id="case-title" title={`${title}: “${r.title}”`} backQueue={from}>
      {outcome && (
        <p role="status" className="decided">
          {outcome}
        </p>
      )}
      <section aria-labelledby="review-title">
        <h3 id="review-title">
          The review: <span className={r.status === 'removed' ? 'bad' : undefined}>{r.status}</span>
        </h3>
        <dl className="facts">
          <Fact term="Why it is here">{why(r.status, r.heldRules)}</Fact>
          <Fact term="Rating">{`${r.rating} of 5`}</Fact>
          <Fact term="Title">{r.title}</Fact>
          <Fact term="Text">
            <span lang={r.locale} className="review-text">
              {r.body}
            </span>
          </Fact>
          <Fact term="Language">{r.locale}</Fact>
          <Fact term="Buyer">
            {r.buyer} ({r.buyerId}); verified purchase: order {r.orderId}, line {r.lineNo}, delivered before
            the review
          </Fact>
          <Fact term="Product">{r.productId}</Fact>
          <Fact term="Seller">
            <SellerName sellerId={r.sellerId} />
          </Fact>
          <Fact term="Written">{when(r.createdAt)}</Fact>
          <Fact term="Published">{r.publishedAt && when(r.publishedAt)}</Fact>
        </dl>
        <PartDecision
          key={`review-${r.status}`}
          review={r}
          part="review"
          status={r.status}
          onDecided={decided}
        />
      </section>
      {r.reply && (
        <section aria-labelledby="reply-title">
          <h3 id="reply-title">
            The seller’s reply:{' '}
            <span className={r.reply.status === 'removed' ? 'bad' : undefined}>{r.reply.status}</span>
          </h3>
          <dl className="facts">
            <Fact term="Why it is here">{why(r.reply.status, r.reply.heldRules)}</Fact>
            <Fact term="Text">
              <span lang={r.reply.locale}>{r.reply.body}</span>
            </Fact>
            <Fact term="Language">{r.reply.locale}</Fact>
            <Fact term="Replied">
              {when(r.reply.repliedAt)} by {r.reply.repliedBy}
            </Fact>
          </dl>
          <PartDecision
            key={`reply-${r.reply.status}`}
            review={r}
            part="reply"
            status={r.reply.status}
            onDecided={decided}
          />
        </section>
      )}
    </CaseFrame>
  );
}
