import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { type Decision, postJson } from '../api-trust.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { DecisionReason } from './decision-reason.tsx';
import { when } from './ops-format.ts';

/** A held listing: every decision so far with the rule that made it, and the agent's publish/remove. */
export function HeldListing({ productId, onDecided }: { productId: string; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const history = useQuery(
    apiQuery<{ productId: string; trustHold: string | null; decisions: Decision[] }>(
      `/trust/listings/${productId}/decisions`,
    ),
  );
  const decide = (decision: 'publish' | 'remove') => async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await postJson<{ visible: boolean; trustHold: string | null }>(
        `/trust/listings/${productId}/decision`,
        { decision, reason },
      );
      setOutcome(
        r.visible ? 'Published: the listing is visible again.' : 'Removed: the listing is taken down.',
      );
      await invalidateApi(`/trust/listings/${productId}/`);
      onDecided();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The decision failed; try again.');
    }
  };
  return (
    <section aria-labelledby={`listing-${productId}`} className="held-listing">
      <h4 id={`listing-${productId}`}>Listing {productId}</h4>
      {history.isSuccess && (
        <>
          <p>Hold: {history.data.trustHold ?? 'none (visible)'}</p>
          <table>
            <caption>Decisions on this listing</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Decision</th>
                <th scope="col">Rule</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {history.data.decisions.map((d) => (
                <tr key={d.id}>
                  <td>{when(d.decidedAt)}</td>
                  <td>{d.decision}</td>
                  <td>
                    <code>{d.rule}</code>
                  </td>
                  <td>{d.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {history.isError && <p role="alert">{history.error.message}</p>}
      {outcome ? (
        <p role="status" className="decided">
          {outcome}
        </p>
      ) : (
        <form onSubmit={decide('publish')}>
          <DecisionReason
            id={`reason-${productId}`}
            label="Reason (shown in the audit trail)"
            value={reason}
            onChange={setReason}
          />
          <br />
          <button type="submit">Publish</button>{' '}
          <button
            type="button"
            onClick={(e) => (e.currentTarget.form?.reportValidity() ? decide('remove')(e) : undefined)}
          >
            Remove
          </button>
          {error && <p role="alert">{error}</p>}
        </form>
      )}
    </section>
  );
}
