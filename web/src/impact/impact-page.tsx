import { useQuery } from '@tanstack/react-query';
import type { ImpactJson } from '../api-impact.ts';
import { formatCount, formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { stateName } from '../i18n/us-states.ts';
import { apiQuery } from '../query.ts';
import { MarketBars } from './market-bars.tsx';
import { StateTiles } from './state-tiles.tsx';
import './impact.css';

/** A decimal share from the API ("0.2361") as a locale percentage. */
function percent(share: string | null, locale: string): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(Number(share));
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="impact-figure">
      <dt>{label}</dt>
      <dd>
        <strong>{value}</strong>
        {note && <span>{note}</span>}
      </dd>
    </div>
  );
}

function Headline({ r }: { r: ImpactJson }) {
  const { t, locale } = useShopper();
  const n = (x: number) => formatCount(x, locale);
  const jobs = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  return (
    <>
      <dl className="impact-figures">
        <Figure
          label={t('impactBusinesses')}
          value={n(r.businessesEnabled)}
          note={t('impactBusinessesNote', { farms: r.farms, small: r.smallBusinesses })}
        />
        <Figure
          label={t('impactMidwest')}
          value={percent(r.midwestBusinessShare, locale)}
          note={t('impactMidwestNote', {
            businesses: percent(r.midwestBusinessShare, locale),
            exports: percent(r.midwestExportShare, locale),
          })}
        />
        <Figure
          label={t('impactExports')}
          value={formatMoney(r.exports, locale)}
          note={t('impactExportsNote', {
            orders: r.ordersDelivered,
            businesses: r.exportingBusinesses,
          })}
        />
        <Figure
          label={t('impactJobs')}
          value={jobs.format(r.jobsSupported as unknown as number)}
          note={t('impactJobsNote')}
        />
      </dl>
      <div className="impact-goal">
        <label htmlFor="impact-goal">
          {t('impactGoal', { count: r.businessesEnabled, goal: r.goal.businesses })}
        </label>
        <progress id="impact-goal" max={r.goal.businesses} value={r.businessesEnabled} />
      </div>
    </>
  );
}

function StateTable({ rows }: { rows: ImpactJson['byState'] }) {
  const { t, locale } = useShopper();
  return (
    <table className="impact-table">
      <caption className="visually-hidden">{t('impactByState')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('impactState')}</th>
          <th scope="col">{t('impactTableBusinesses')}</th>
          <th scope="col">{t('impactTableFarms')}</th>
          <th scope="col">{t('impactTableOrders')}</th>
          <th scope="col">{t('impactTableExports')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((s) => (
          <tr key={s.state} data-state={s.state}>
            <th scope="row">{stateName(s.state, locale)}</th>
            <td>{formatCount(s.businesses, locale)}</td>
            <td>{formatCount(s.farms, locale)}</td>
            <td>{formatCount(s.orders, locale)}</td>
            <td>{formatMoney(s.exports, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SOURCE_NAMES: Record<string, MessageKey> = {
  M1: 'impactSourceM1',
  M2: 'impactSourceM2',
  M3: 'impactSourceM3',
};

function Method({ r }: { r: ImpactJson }) {
  const { t, locale } = useShopper();
  const m = r.method;
  const sources = [m.jobs.source, m.midwest.source, m.smallBusiness.source];
  return (
    <section aria-labelledby="impact-method" className="impact-method">
      <h2 id="impact-method">{t('impactMethod')}</h2>
      <p>{t('impactMethodBusinesses', { max: formatCount(m.smallBusiness.maxEmployees + 1, locale) })}</p>
      <p>{t('impactMethodExports')}</p>
      <p>
        {t('impactMethodJobs', {
          ratio: formatCount(m.jobs.perBillionUsd, locale),
          year: String(m.jobs.dataYear),
        })}{' '}
        {t('impactMethodCaveat')}
      </p>
      <p>{t('impactMethodMidwest')}</p>
      <h3>{t('impactSources')}</h3>
      <ul>
        {sources.map((s) => {
          const name = SOURCE_NAMES[s.id];
          return (
            <li key={s.id}>
              <a href={s.urls[0]} rel="noopener noreferrer" lang={name ? undefined : 'en'}>
                {name ? t(name) : s.title}
              </a>
            </li>
          );
        })}
      </ul>
      <p className="impact-asof">
        {t('impactAsOf', {
          date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(
            new Date(r.asOf),
          ),
        })}
      </p>
    </section>
  );
}

export default function ImpactPage() {
  const { t } = useShopper();
  const report = useQuery(apiQuery<ImpactJson>('/impact'));
  return (
    <article className="impact">
      <h1>{t('impactTitle')}</h1>
      <p className="impact-lead">{t('impactLead')}</p>
      {report.isPending && <p className="status">{t('loading')}</p>}
      {report.isError && <p role="alert">{t('error')}</p>}
      {report.isSuccess && (
        <>
          <Headline r={report.data} />
          <section aria-labelledby="impact-states">
            <h2 id="impact-states">{t('impactByState')}</h2>
            <StateTiles byState={report.data.byState} />
            <StateTable rows={report.data.byState} />
          </section>
          <section aria-labelledby="impact-markets">
            <h2 id="impact-markets">{t('impactByMarket')}</h2>
            <MarketBars byMarket={report.data.byMarket} />
          </section>
          <Method r={report.data} />
        </>
      )}
    </article>
  );
}
