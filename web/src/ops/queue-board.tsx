import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError, getJson } from '../api.ts';
import { postJson, type QueueItem, type QueueSummary, type TrustQueue } from '../api-trust.ts';
import { useApi } from '../use-api.ts';
import { HeldListing } from './held-listing.tsx';
import { duration, when, words } from './ops-format.ts';

/**
 * Where a queue item's case is read and decided (paths under /trust). Held listings are decided in
 * the list itself.
 */
export function detailHref(item: QueueItem): string | null {
  const from = `from=${item.queue}`;
  switch (item.subjectKind) {
    case 'notice':
      return `/notices/${item.subjectId}?${from}`;
    case 'notice_listing': // a counter-notice
    case 'frozen_orders': {
      const [noticeId, productId] = item.subjectId.split(':');
      return `/notices/${noticeId}?listing=${productId}&${from}`;
    }
    case 'authenticity_alert':
      return `/alerts/${item.subjectId}?${from}`;
    case 'seller_verification_item':
      return item.sellerId ? `/sellers/${item.sellerId}/verification?item=${item.subjectId}&${from}` : null;
    case 'brand':
      return `/brands/${item.subjectId}?${from}`;
    case 'review':
      return `/reviews/${item.subjectId}?${from}`;
    case 'review_reply': // the seller's reply to the review is what was held
      return `/reviews/${item.subjectId}?part=reply&${from}`;
    default:
      return null;
  }
}

export function Queues({
  selected,
  onSelect,
  version,
}: {
  selected: TrustQueue | null;
  onSelect(q: TrustQueue): void;
  version: number;
}) {
  const summary = useApi(() => getJson<{ queues: QueueSummary[] }>('/trust/queues'), [version]);
  if (summary.state === 'loading') return <p className="status">Loading queues…</p>;
  if (summary.state === 'error') return <p role="alert">{summary.error.message}</p>;
  return (
    <table className="queues">
      <caption>Queues and service levels</caption>
      <thead>
        <tr>
          <th scope="col">Queue</th>
          <th scope="col">Open</th>
          <th scope="col">Overdue</th>
          <th scope="col">Service level</th>
          <th scope="col">Oldest open</th>
        </tr>
      </thead>
      <tbody>
        {summary.data.queues.map((q) => (
          <tr key={q.queue}>
            <th scope="row">
              <button type="button" aria-pressed={selected === q.queue} onClick={() => onSelect(q.queue)}>
                {words(q.queue)}
              </button>
            </th>
            <td>{q.open}</td>
            <td>{q.overdue > 0 ? <strong className="bad">{q.overdue} overdue</strong> : '0'}</td>
            <td>{duration(q.serviceLevelMinutes)}</td>
            <td>{q.oldestOpenedAt ? when(q.oldestOpenedAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function QueueItems({ queue, me, onChanged }: { queue: TrustQueue; me: string; onChanged(): void }) {
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const items = useApi(() => getJson<{ items: QueueItem[] }>(`/trust/queues/${queue}`), [queue, version]);
  const claim = async (id: string) => {
    setError(null);
    try {
      await postJson(`/trust/queue-items/${id}/claim`, {});
      setVersion((v) => v + 1);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Claiming failed.');
    }
  };
  return (
    <section aria-labelledby="items-title">
      <h2 id="items-title">Open items: {words(queue)}</h2>
      {error && <p role="alert">{error}</p>}
      {items.state === 'loading' && <p className="status">Loading items…</p>}
      {items.state === 'error' && <p role="alert">{items.error.message}</p>}
      {items.state === 'ready' && items.data.items.length === 0 && <p>Nothing open in this queue.</p>}
      {items.state === 'ready' && (
        <ul className="queue-items">
          {items.data.items.map((item) => {
            const href = detailHref(item);
            return (
              <li key={item.id}>
                <h3>{item.summary}</h3>
                <p>
                  Opened {when(item.openedAt)} · due {when(item.dueAt)}
                  {item.overdue && (
                    <>
                      {' '}
                      · <strong>Overdue</strong>
                    </>
                  )}
                </p>
                <p>
                  {item.claimedBy ? (
                    `Claimed by ${item.claimedBy === me ? 'you' : item.claimedBy} at ${when(item.claimedAt ?? item.openedAt)}`
                  ) : (
                    <button
                      type="button"
                      onClick={() => claim(item.id)}
                      aria-label={`Claim: ${item.summary}`}
                    >
                      Claim
                    </button>
                  )}
                  {href && (
                    <>
                      {' '}
                      <Link href={href} className="open-case" aria-label={`Open case: ${item.summary}`}>
                        Open case
                      </Link>
                    </>
                  )}
                </p>
                {item.subjectKind === 'listing' && (
                  <HeldListing productId={item.subjectId} onDecided={onChanged} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
