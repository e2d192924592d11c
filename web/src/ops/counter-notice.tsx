import type { NoticeListing, NoticeReview } from '../api-trust.ts';
import { Fact } from './case-frame.tsx';
import { EvidenceList } from './evidence-list.tsx';
import { timeLeft, when, words } from './ops-format.ts';

type Listing = NoticeReview['listings'][number];

/** Where a listing of a notice stands and what happens next, counted on the server's clock. */
export function nextStep(l: NoticeListing, r: NoticeReview): string {
  const strike = r.reason.serious ? 'a serious strike' : 'a strike';
  switch (l.status) {
    case 'pending_review':
      return 'Waiting for a trust agent: upholding takes the listing down and freezes the escrow of its open orders; rejecting closes the notice for it.';
    case 'taken_down': {
      if (!l.counterDueAt) return 'Down; the seller may counter-notify.';
      const t = timeLeft(l.counterDueAt, r.asOf);
      return t.passed
        ? `The counter-notice window closed ${when(l.counterDueAt)} (${t.text}): the notice timer makes the removal stand, with ${strike} on the seller.`
        : `Down. The seller may counter-notify until ${when(l.counterDueAt)} (${t.text}); if it does not, the removal stands and the seller gets ${strike}.`;
    }
    case 'counter_noticed': {
      if (!l.answerDueAt) return 'Counter-noticed; waiting for the rights owner.';
      const t = timeLeft(l.answerDueAt, r.asOf);
      return t.passed
        ? `The rights owner did not answer by ${when(l.answerDueAt)} (${t.text}): the notice timer reinstates the listing.`
        : `The rights owner has until ${when(l.answerDueAt)} (${t.text}) to answer with a court action it filed; then the removal stands and the seller gets ${strike}. Without an answer the listing is reinstated automatically. Rejecting the notice for this listing reinstates it now.`;
    }
    case 'removed':
      return `The removal stands (${l.closingRule ?? 'closed'}); the seller has ${strike} and the escrow of open orders stays frozen for an agent to refund or release. Rejecting the notice for this listing now reinstates it (say, a court found for the seller).`;
    case 'reinstated':
      return `Reinstated (${l.closingRule ?? 'closed'}): the listing is back, its escrow freeze and strike lifted.`;
    case 'rejected':
      return `Rejected (${l.closingRule ?? 'closed'}): the listing stayed up.`;
  }
}

/**
 * A seller's counter-notice against a notice: its statement and evidence, who filed it and when,
 * the rights owner's window to answer, the answer if any, and what happens next.
 */
export function CounterNotice({
  listing,
  facts,
  review,
  highlighted,
}: {
  listing: NoticeListing;
  facts: Listing | undefined;
  review: NoticeReview;
  highlighted: boolean;
}) {
  const c = listing.counterNotice;
  if (!c) return null;
  const id = `counter-${listing.productId}`;
  const answerLeft = listing.answerDueAt ? timeLeft(listing.answerDueAt, review.asOf) : null;
  return (
    <section
      aria-labelledby={id}
      className={highlighted ? 'counter-notice highlighted' : 'counter-notice'}
      data-listing={listing.productId}
    >
      <h3 id={id}>Counter-notice: {facts?.title ?? listing.productId}</h3>
      <dl className="facts">
        <Fact term="Seller">{facts ? `${facts.sellerName} (${listing.sellerId})` : listing.sellerId}</Fact>
        <Fact term="Filed by">{c.filedBy}</Fact>
        <Fact term="Filed">{when(c.filedAt)}</Fact>
        <Fact term="Listing status">{words(listing.status)}</Fact>
        <Fact term="Rights owner must answer by">
          {listing.answerDueAt && answerLeft && (
            <>
              {when(listing.answerDueAt)}{' '}
              <strong className={answerLeft.passed ? 'bad' : undefined}>({answerLeft.text})</strong> —{' '}
              {review.policy.answerWindowBusinessDays} business days from the counter-notice
            </>
          )}
        </Fact>
        <Fact term="Answer">
          {listing.answer
            ? `Court action filed ${when(listing.answer.answeredAt)}: ${listing.answer.courtCaseReference}`
            : 'None yet'}
        </Fact>
      </dl>
      <h4>Statement</h4>
      <blockquote className="statement">{c.statement}</blockquote>
      <EvidenceList
        evidence={c.evidence}
        label={`Counter-notice evidence: ${facts?.title ?? listing.productId}`}
      />
      <p className="next">
        <strong>What happens next:</strong> {nextStep(listing, review)}
      </p>
    </section>
  );
}
