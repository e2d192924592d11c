import { useState } from 'react';
import { ApiError, getJson } from '../api.ts';
import { type Figures, postJson, type QueueItem, type QueueSummary, type TrustQueue } from '../api-trust.ts';
import { useApi } from '../use-api.ts';
import { HeldListing } from './held-listing.tsx';
import { OpsStyle } from './ops-style.tsx';
import { StaffOnly } from './sign-in.tsx';

const when = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { timeZone: 'UTC', timeZoneName: 'short' });
const queueName = (q: string) => q.replaceAll('_', ' ');
function duration(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minutes`;
}
const percent = (share: string | null) => (share === null ? 'n/a' : `${(Number(share) * 100).toFixed(1)}%`);

function Queues({
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
                {queueName(q.queue)}
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

function QueueItems({ queue, me, onChanged }: { queue: TrustQueue; me: string; onChanged(): void }) {
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
      <h2 id="items-title">Open items: {queueName(queue)}</h2>
      {error && <p role="alert">{error}</p>}
      {items.state === 'loading' && <p className="status">Loading items…</p>}
      {items.state === 'error' && <p role="alert">{items.error.message}</p>}
      {items.state === 'ready' && items.data.items.length === 0 && <p>Nothing open in this queue.</p>}
      {items.state === 'ready' && (
        <ul className="queue-items">
          {items.data.items.map((item) => (
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
                  <button type="button" onClick={() => claim(item.id)} aria-label={`Claim: ${item.summary}`}>
                    Claim
                  </button>
                )}
              </p>
              {item.subjectKind === 'listing' && (
                <HeldListing
                  productId={item.subjectId}
                  onDecided={() => {
                    onChanged();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PublishedFigures({ version }: { version: number }) {
  const figures = useApi(() => getJson<Figures>('/trust/figures'), [version]);
  if (figures.state !== 'ready') return null;
  const f = figures.data;
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">Published figures</h2>
      <dl className="breakdown">
        <dt>Removals</dt>
        <dd>
          {f.removals.total} ({f.removals.proactive} proactive, {f.removals.onNotice} on notice)
        </dd>
        <dt>Proactive share</dt>
        <dd>{percent(f.removals.proactiveShare)}</dd>
        <dt>Median time to takedown</dt>
        <dd>
          {f.medianMinutesToTakedown === null ? 'n/a' : `${f.medianMinutesToTakedown} minutes`} (
          {f.takedownsMeasured} measured)
        </dd>
        <dt>Notices upheld</dt>
        <dd>
          {f.noticesUpheld.upheld} of {f.noticesUpheld.decided} ({percent(f.noticesUpheld.share)})
        </dd>
      </dl>
      <p>
        Period: {when(f.from)} to {when(f.to)}
      </p>
    </section>
  );
}

/** /trust: the trust agents' console (English): queues with service levels, items, held listings. */
export default function TrustConsole() {
  const [selected, setSelected] = useState<TrustQueue | null>(null);
  const [version, setVersion] = useState(0);
  return (
    <div className="ops" lang="en">
      <OpsStyle />
      <h1>Trust console</h1>
      <StaffOnly roles={['trust_agent', 'platform_admin']} what="the trust console">
        {(me) => (
          <>
            <Queues selected={selected} onSelect={setSelected} version={version} />
            {selected && (
              <QueueItems
                key={selected}
                queue={selected}
                me={me.id}
                onChanged={() => setVersion((v) => v + 1)}
              />
            )}
            <PublishedFigures version={version} />
          </>
        )}
      </StaffOnly>
    </div>
  );
}
