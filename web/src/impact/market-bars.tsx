import type { ImpactJson } from '../api-impact.ts';
import { formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';

/** Exports per destination as horizontal bars; the figures are text, the bars only show proportion. */
export function MarketBars({ byMarket }: { byMarket: ImpactJson['byMarket'] }) {
  const { t, locale, marketName: name } = useShopper();
  if (byMarket.length === 0) return <p className="status">{t('impactNoExports')}</p>;
  const max = Math.max(...byMarket.map((m) => m.exports.amount));
  return (
    <ol className="market-bars">
      {byMarket.map((m) => (
        <li key={m.market} data-market={m.market}>
          <span className="market-name">{name(m.market)}</span>
          <span className="bar" aria-hidden="true">
            <span style={{ width: `${max === 0 ? 0 : Math.max(1, (m.exports.amount / max) * 100)}%` }} />
          </span>
          <span className="market-value">
            {formatMoney(m.exports, locale)}
            <small>
              {' · '}
              {t('impactOrders', { count: m.orders })}
            </small>
          </span>
        </li>
      ))}
    </ol>
  );
}
