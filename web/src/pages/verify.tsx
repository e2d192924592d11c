import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { ApiError, getJson } from '../api.ts';
import type { ScanJson } from '../api-trust.ts';
import { formatDate } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { stateName } from '../i18n/us-states.ts';
import { LotCard } from '../lot-card.tsx';

/** A code as a person types it: spaces and hyphens anywhere, any case → 16 upper-case symbols. */
const compact = (text: string) => text.replace(/[\s-]/g, '').toUpperCase();
const grouped = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

// The outcome is told by a symbol and words, the colour only adds to them.
const OUTCOME: Record<ScanJson['outcome'], { key: MessageKey; mark: string; fg: string; bg: string }> = {
  genuine: { key: 'verifyGenuine', mark: '✓', fg: '#0b5d27', bg: '#e6f4ea' },
  forged: { key: 'verifyForged', mark: '✗', fg: '#8a1020', bg: '#fdecee' },
  unknown: { key: 'verifyUnknown', mark: '?', fg: '#6b4400', bg: '#fff4d6' },
};

function Result({ scan }: { scan: ScanJson }) {
  const { t, locale, marketName } = useShopper();
  const o = OUTCOME[scan.outcome];
  const lot = scan.lot;
  return (
    <section aria-labelledby="verdict" className={`verdict verdict-${scan.outcome}`}>
      <h2
        id="verdict"
        style={{ color: o.fg, background: o.bg, borderLeft: `6px solid ${o.fg}`, padding: '0.75rem' }}
      >
        <span aria-hidden="true">{o.mark} </span>
        {t(o.key)}
      </h2>
      <p>
        <code>{grouped(scan.code)}</code>
      </p>
      {scan.alert && (
        <p role="alert" className="alert" style={{ color: '#8a1020', fontWeight: 600 }}>
          ⚠ {t(scan.alert === 'market_not_sold_to' ? 'verifyAlertNotSoldTo' : 'verifyAlertAnotherMarket')}
        </p>
      )}
      {scan.outcome === 'genuine' && (
        <>
          <p className="scans">
            {scan.firstScan
              ? t('verifyFirstScan')
              : t('verifyScannedBefore', {
                  count: scan.previousScans ?? 0,
                  markets: (scan.previousMarkets ?? []).map(marketName).join(', '),
                })}
            {scan.firstScannedAt && !scan.firstScan && (
              <> {t('verifyFirstScannedAt', { date: formatDate(scan.firstScannedAt, locale) })}</>
            )}
          </p>
          <dl className="breakdown">
            {scan.product && (
              <>
                <dt style={{ whiteSpace: 'nowrap' }}>{t('verifyProduct')}</dt>
                <dd>
                  <Link href={`/p/${scan.product.id}`} lang={scan.product.titleLocale}>
                    {scan.product.title}
                  </Link>
                </dd>
              </>
            )}
            {scan.seller && (
              <>
                <dt style={{ whiteSpace: 'nowrap' }}>{t('seller')}</dt>
                <dd>
                  {scan.seller.name} · {stateName(scan.seller.usState, locale)}
                </dd>
              </>
            )}
          </dl>
          {lot && (
            <section aria-labelledby="lot-provenance" className="provenance">
              <h2 id="lot-provenance">{t('provenance')}</h2>
              <LotCard lot={lot} listCertifications />
            </section>
          )}
        </>
      )}
    </section>
  );
}

function Check({ code }: { code: string }) {
  const { t, market, locale } = useShopper();
  // Every check is recorded as a scan (a copied code shows up as scanned before), so switching the
  // language does not check again: the title stays in the language the check was made in.
  // Hence the language is left out of the key, and an answer is never asked for again in the same
  // view (nor kept for another visit).
  const scan = useQuery({
    queryKey: [`/authenticity/${encodeURIComponent(code)}`, { market }],
    queryFn: () => getJson<ScanJson>(`/authenticity/${encodeURIComponent(code)}`, { market, locale }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  if (scan.isPending) return <p className="status">{t('loading')}</p>;
  if (scan.isError) {
    const malformed = scan.error instanceof ApiError && scan.error.status === 400;
    return (
      <p className="status" role="alert">
        {t(malformed ? 'verifyMalformed' : 'error')}
      </p>
    );
  }
  return <Result scan={scan.data} />;
}

/** /verify and /verify/:code: a buyer types or pastes the code from a label and learns if it is genuine. */
export default function Verify({ code }: { code?: string | undefined }) {
  const { t } = useShopper();
  const [, navigate] = useLocation();
  const current = code ? compact(decodeURIComponent(code)) : '';
  const [text, setText] = useState(current ? grouped(current) : '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = compact(text);
    if (c) navigate(`/verify/${encodeURIComponent(c)}`);
  };
  return (
    <div className="verify">
      <h1>{t('verifyTitle')}</h1>
      <p id="verify-intro">{t('verifyIntro')}</p>
      <label htmlFor="verify-code">{t('verifyCodeLabel')}</label>
      <form className="search" onSubmit={submit}>
        <input
          id="verify-code"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="verify-intro"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={40}
        />
        <button type="submit">{t('verifyButton')}</button>
      </form>
      <div aria-live="polite">
        {current.length === 16 && <Check key={current} code={current} />}
        {current && current.length !== 16 && (
          <p className="status" role="alert">
            {t('verifyMalformed')}
          </p>
        )}
      </div>
    </div>
  );
}
