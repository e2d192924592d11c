import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { ApiError } from '../api.ts';
import { postJson, type QueueItem, type QueueSummary, type TrustQueue } from '../api-trust.ts';
import { apiQuery, invalidateApi } from '../query.ts';
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
}: {
  selected: TrustQueue | null;
  onSelect(q: TrustQueue): void;
}) {
  const summary = useQuery(apiQuery<{ queues: QueueSummary[] }>('/trust/queues'));
  if (summary.isPending) return <p className="status">Loading queues…</p>;
  if (summary.isError) return <p role="alert">{summary.error.message}</p>;
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
  const items = useQuery(apiQuery<{ items: QueueItem[] }>(`/trust/queues/${queue}`));
  const claiming = useMutation({
    mutationFn: (id: string) => postJson(`/trust/queue-items/${id}/claim`, {}),
    onSuccess: () => invalidateApi('/trust/queues'),
  });
  const claim = (id: string) => claiming.mutate(id);
  const error =
    claiming.error && (claiming.error instanceof ApiError ? claiming.error.message : 'Claiming failed.');
  return (
    <section aria-labelledby="items-title">
      <h2 id="items-title">Open items: {words(queue)}</h2>
      {error && <p role="alert">{error}</p>}
      {items.isPending && <p className="status">Loading items…</p>}
      {items.isError && <p role="alert">{items.error.message}</p>}
      {items.isSuccess && items.data.items.length === 0 && <p>Nothing open in this queue.</p>}
      {items.isSuccess && (
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
