import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { type Notice, type NoticeListing, type NoticeReview, postJson } from '../api-trust.ts';
import { DecisionReason } from './decision-reason.tsx';
import { words } from './ops-format.ts';

type Decision = 'uphold' | 'reject';

/**
 * Which listings each decision may move (the server's rule in takedown.ts, decideNotice): upholding
 * takes down listings pending review; rejecting closes pending ones and reinstates ones that are down.
 */
const MAY: Record<Decision, readonly NoticeListing['status'][]> = {
  uphold: ['pending_review'],
  reject: ['pending_review', 'taken_down', 'counter_noticed', 'removed'],
};

/** An agent upholds or rejects a notice for the listings it picks, with a reason for the record. */
export function NoticeDecision({
  review,
  focus,
  onDecided,
}: {
  review: NoticeReview;
  /** The listing the agent came for (a counter-notice): picked from the start. */
  focus: string | null;
  onDecided(message: string, after: Notice): void;
}) {
  const { notice } = review;
  const anyPending = notice.listings.some((l) => l.status === 'pending_review');
  const [decision, setDecision] = useState<Decision>(anyPending ? 'uphold' : 'reject');
  const eligible = notice.listings.filter((l) => MAY[decision].includes(l.status));
  // Pending listings start picked; a listing already down only when the agent came for it, since
  // rejecting one reinstates it and that should never happen by default.
  const [picked, setPicked] = useState<ReadonlySet<string>>(
    () =>
      new Set(
        notice.listings
          .filter((l) => l.status === 'pending_review' || l.productId === focus)
          .map((l) => l.productId),
      ),
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = (id: string) => review.listings.find((l) => l.productId === id)?.title ?? id;

  if (notice.listings.every((l) => !MAY.reject.includes(l.status))) {
    return <p>Every listing of this notice is closed; there is nothing left to decide.</p>;
  }
  const chosen = eligible.filter((l) => picked.has(l.productId)).map((l) => l.productId);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (chosen.length === 0) {
      setError('Pick at least one listing.');
      return;
    }
    setBusy(true);
    try {
      const after = await postJson<Notice>(`/trust/notices/${notice.id}/decision`, {
        decision,
        productIds: chosen,
        reason,
      });
      onDecided(
        decision === 'uphold'
          ? `Upheld: ${chosen.length} listing(s) taken down; the seller may counter-notify.`
          : `Rejected for ${chosen.length} listing(s).`,
        after,
      );
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The decision failed; try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="decide-title">
      <h3 id="decide-title">Decide</h3>
      <form onSubmit={submit} className="decision-form">
        <fieldset>
          <legend>Decision</legend>
          {(['uphold', 'reject'] as const).map((d) => (
            <label key={d} className="choice">
              <input
                type="radio"
                name="notice-decision"
                value={d}
                checked={decision === d}
                disabled={!notice.listings.some((l) => MAY[d].includes(l.status))}
                onChange={() => setDecision(d)}
              />{' '}
              {d === 'uphold'
                ? 'Uphold: take the listings down'
                : 'Reject: keep the listings up (reinstates any that are down)'}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Listings</legend>
          {eligible.length === 0 && (
            <p>No listing can be {decision === 'uphold' ? 'upheld' : 'rejected'} now.</p>
          )}
          {eligible.map((l) => (
            <label key={l.productId} className="choice">
              <input
                type="checkbox"
                checked={picked.has(l.productId)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(l.productId);
                  else next.delete(l.productId);
                  setPicked(next);
                }}
              />{' '}
              {title(l.productId)} ({words(l.status)})
            </label>
          ))}
        </fieldset>
        <DecisionReason
          id="notice-reason"
          label="Reason (recorded with the decision)"
          value={reason}
          onChange={setReason}
          rows={3}
        />
        <p>
          <button type="submit" disabled={busy || eligible.length === 0}>
            Record decision
          </button>
        </p>
        {error && <p role="alert">{error}</p>}
      </form>
    </section>
  );
}
