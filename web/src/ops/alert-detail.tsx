import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { ApiError } from '../api.ts';
import { type AlertDetail as AlertJson, postJson } from '../api-trust.ts';
import { apiQuery, invalidateApi } from '../query.ts';
import { CaseFrame, Fact } from './case-frame.tsx';
import { when, words } from './ops-format.ts';

const MEANING: Record<AlertJson['reason'], string> = {
  scanned_in_another_market:
    'The code had been scanned before in another market. One label scanned in two places suggests it was copied.',
  market_not_sold_to:
    'The code was scanned in a market its lot was never sold to: the goods were diverted, or the label was copied.',
};

function Scans({ a }: { a: AlertJson }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>Scans of this code up to the alert</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Market</th>
            <th scope="col">Outcome</th>
            <th scope="col">Raised this alert</th>
          </tr>
        </thead>
        <tbody>
          {a.scans.map((s) => (
            <tr key={s.id}>
              <td>{when(s.at)}</td>
              <td>{s.market}</td>
              <td>{s.outcome}</td>
              <td>{s.raisedAlert ? <strong>yes</strong> : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {a.laterScans === 0
          ? 'No scan of this code since the alert.'
          : `${a.laterScans} scan(s) of this code since the alert.`}
      </p>
    </div>
  );
}

/**
 * /trust/alerts/:id — an authenticity alert: the code and why it alerted, the lot and product it
 * belongs to, the seller, and the scans that raised it; the agent marks it looked into.
 * (The console never checks the code itself: a check is a scan and would count as one.)
 */
export function AlertDetail({ alertId }: { alertId: string }) {
  const from = new URLSearchParams(useSearch()).get('from') ?? 'authenticity_alerts';
  const [outcome, setOutcome] = useState<string | null>(null);
  const alert = useQuery(apiQuery<AlertJson>(`/trust/authenticity-alerts/${alertId}`));
  const resolving = useMutation({
    mutationFn: (a: AlertJson) => postJson(`/sellers/${a.sellerId}/authenticity-alerts/${a.id}/resolve`, {}),
    onSuccess: () => {
      setOutcome('Resolved: the alert is marked looked into and its queue item closed.');
      return invalidateApi(`/trust/authenticity-alerts/${alertId}`, '/trust/queues');
    },
  });
  const error =
    resolving.error &&
    (resolving.error instanceof ApiError ? resolving.error.message : 'Resolving failed; try again.');
  if (alert.isPending) return <p className="status">Loading the alert…</p>;
  if (alert.isError)
    return (
      <CaseFrame id="case-title" title="Authenticity alert" backQueue={from}>
        <p role="alert">{alert.error.message}</p>
      </CaseFrame>
    );
  const a = alert.data;
  const resolve = () => resolving.mutate(a);
  const lot = a.lot;
  return (
    <CaseFrame id="case-title" title={`Authenticity alert: code ${a.code}`} backQueue={from}>
      <p className={a.resolvedAt ? 'ok' : 'bad'}>
        <strong>{a.resolvedAt ? `Resolved ${when(a.resolvedAt)}` : 'Open'}</strong>
      </p>
      <dl className="facts">
        <Fact term="Alert">{words(a.reason)}</Fact>
        <Fact term="What it means">{MEANING[a.reason]}</Fact>
        <Fact term="Raised">
          {when(a.at)} by a scan in {a.market}
        </Fact>
        <Fact term="Code">
          <code>{a.code}</code> (serial {a.serial})
        </Fact>
        <Fact term="Product">
          {a.product.title} (<code>{a.product.id}</code>)
        </Fact>
        <Fact term="Seller">
          {a.seller.name} ({a.seller.usState}, {a.seller.state}) —{' '}
          <Link href={`/sellers/${a.seller.id}/verification`}>its verification</Link>
        </Fact>
      </dl>
      <section aria-labelledby="lot-title">
        <h3 id="lot-title">Lot {lot.lotNumber}</h3>
        <dl className="facts">
          <Fact term="Farm">{lot.farmName}</Fact>
          <Fact term="Where">
            {lot.county} County, {lot.usState}
          </Fact>
          <Fact term="Harvested or made">{lot.harvestedOrMadeOn}</Fact>
          <Fact term="Sold to">{lot.soldToMarkets ? lot.soldToMarkets.join(', ') : 'every market'}</Fact>
          <Fact term="Certifications">
            {lot.certifications.length === 0
              ? 'none'
              : lot.certifications
                  .map(
                    (c) =>
                      `${c.scheme} ${c.number} (${c.certifier}${c.expiresOn ? `, to ${c.expiresOn}` : ''})`,
                  )
                  .join('; ')}
          </Fact>
        </dl>
      </section>
      <Scans a={a} />
      {outcome && (
        <p role="status" className="decided">
          {outcome}
        </p>
      )}
      {!a.resolvedAt && (
        <p>
          <button type="button" onClick={resolve}>
            Mark resolved
          </button>
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </CaseFrame>
  );
}
