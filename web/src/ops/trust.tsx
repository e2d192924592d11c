import { useQuery } from '@tanstack/react-query';
import { Route, Switch, useLocation, useSearch } from 'wouter';
import type { Figures, TrustQueue } from '../api-trust.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { AlertDetail } from './alert-detail.tsx';
import { BrandDetail } from './brand-detail.tsx';
import { NoticeDetail } from './notice-detail.tsx';
import { when } from './ops-format.ts';
import { OpsStyle } from './ops-style.tsx';
import { QueueItems, Queues } from './queue-board.tsx';
import { ReviewDetail } from './review-detail.tsx';
import { StaffOnly } from './sign-in.tsx';
import { VerificationDetail } from './verification-detail.tsx';

const percent = (share: string | null) => (share === null ? 'n/a' : `${(Number(share) * 100).toFixed(1)}%`);

function PublishedFigures() {
  const figures = useQuery(apiQuery<Figures>('/trust/figures'));
  if (!figures.isSuccess) return null;
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

/** The queues, the selected queue's items (kept in the URL, so "back" from a case returns to it), the figures. */
function Overview({ me }: { me: string }) {
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  // A name that is no queue gets the server's 400 in the items list, said as it is.
  const selected = (search.get('queue') || null) as TrustQueue | null;
  const select = (q: TrustQueue) => navigate(`~/trust?queue=${q}`, { replace: true });
  return (
    <>
      <Queues selected={selected} onSelect={select} />
      {selected && (
        <QueueItems
          key={selected}
          queue={selected}
          me={me}
          onChanged={() => invalidateApi('/trust/queues', '/trust/figures')}
        />
      )}
      <PublishedFigures />
    </>
  );
}

/**
 * /trust: the trust agents' console (English): queues with service levels and their items, held
 * listings decided in place, and a case view per notice (with its counter-notices), authenticity
 * alert, seller verification, brand registration and review.
 */
export default function TrustConsole() {
  return (
    <div className="ops" lang="en">
      <OpsStyle />
      <h1>Trust console</h1>
      <StaffOnly roles={['trust_agent', 'platform_admin']} what="the trust console">
        {(me) => (
          <Switch>
            <Route path="/notices/:noticeId">{(p) => <NoticeDetail noticeId={p.noticeId} />}</Route>
            <Route path="/alerts/:alertId">{(p) => <AlertDetail alertId={p.alertId} />}</Route>
            {/* Keyed by id: a link to another brand of the owner opens a fresh case, heading focused. */}
            <Route path="/brands/:brandId">
              {(p) => <BrandDetail key={p.brandId} brandId={p.brandId} />}
            </Route>
            <Route path="/reviews/:reviewId">{(p) => <ReviewDetail reviewId={p.reviewId} />}</Route>
            <Route path="/sellers/:sellerId/verification">
              {(p) => <VerificationDetail sellerId={p.sellerId} />}
            </Route>
            <Route>
              <Overview me={me.id} />
            </Route>
          </Switch>
        )}
      </StaffOnly>
    </div>
  );
}
