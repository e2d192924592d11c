import { formatDate } from './format.ts';
import { useShopper } from './i18n/context.tsx';
import { stateName } from './i18n/us-states.ts';

export interface LotProvenanceJson {
  lotNumber: string;
  farmName: string;
  usState: string;
  county: string;
  harvestedOrMadeOn: string;
  certifications: {
    scheme: string;
    number: string;
    certifier: string;
    expiresOn: string | null;
    expired: boolean;
  }[];
}

/**
 * One lot's provenance as a buyer reads it: farm, county and state, lot number, harvest date and
 * certifications (an expired one says so). On the product page and the authenticity check.
 */
export function LotCard({
  lot,
  listCertifications = false,
}: {
  lot: LotProvenanceJson;
  listCertifications?: boolean;
}) {
  const { t, locale } = useShopper();
  const certifications = (
    <ul>
      {lot.certifications.map((c) => (
        <li key={c.number} className={c.expired ? 'expired' : undefined}>
          {t('certification', { scheme: c.scheme, number: c.number, certifier: c.certifier })}
          {c.expiresOn &&
            ` · ${c.expired ? t('expired') : t('validUntil', { date: formatDate(c.expiresOn, locale) })}`}
        </li>
      ))}
    </ul>
  );
  return (
    <article>
      <h3>{lot.farmName}</h3>
      <p>{t('county', { county: lot.county, state: stateName(lot.usState, locale) })}</p>
      <p>{t('lot', { lot: lot.lotNumber })}</p>
      <p>{t('harvested', { date: formatDate(lot.harvestedOrMadeOn, locale) })}</p>
      {listCertifications ? (
        <>
          <h4>{t('verifyCertifications')}</h4>
          {lot.certifications.length === 0 ? <p>{t('verifyNoCertifications')}</p> : certifications}
        </>
      ) : (
        certifications
      )}
    </article>
  );
}
