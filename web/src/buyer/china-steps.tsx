import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { getJson } from '../api.ts';
import { type AllowanceJson, type BuyerIdentityJson, sendJson } from '../api-buyer.ts';
import { formatMoney } from '../format.ts';
import { useShopper } from '../i18n/context.tsx';
import { apiQuery, invalidateApi } from '../query.ts';

/**
 * Mainland China's real-name step: cross-border e-commerce orders need the orderer's real name and
 * PRC ID number. Shows the masked identity on file, or a form to save one (PUT /me/buyer-identities/CN).
 */
export function IdentityStep({ onReady }: { onReady: (ready: boolean) => void }) {
  const { t } = useShopper();
  const onFile = useQuery({
    queryKey: ['/me/buyer-identities/CN'],
    // None on file (or none readable) asks for one.
    queryFn: () => getJson<BuyerIdentityJson>('/me/buyer-identities/CN').catch(() => null),
  });
  const ready = onFile.isSuccess && onFile.data !== null;
  useEffect(() => {
    if (onFile.isSuccess) onReady(ready);
  }, [onFile.isSuccess, ready, onReady]);
  const [realName, setRealName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [failed, setFailed] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setFailed(false);
    try {
      await sendJson('PUT', '/me/buyer-identities/CN', { realName, idNumber });
      await invalidateApi('/me/buyer-identities/CN');
    } catch {
      setFailed(true);
    }
  };
  return (
    <section aria-labelledby="identity">
      <h2 id="identity">{t('identityTitle')}</h2>
      <p>{t('identityWhy')}</p>
      {onFile.isPending && <p className="status">{t('loading')}</p>}
      {onFile.isSuccess && onFile.data && (
        <p className="notice">
          {t('identityOnFile', { name: onFile.data.realName, id: onFile.data.idNumberMasked })}
        </p>
      )}
      {onFile.isSuccess && !onFile.data && (
        <form className="stack" onSubmit={save}>
          <label>
            {t('realName')}
            <input
              value={realName}
              onChange={(e) => setRealName(e.target.value)}
              autoComplete="name"
              required
            />
          </label>
          <label>
            {t('idNumber')}
            <input
              value={idNumber}
              onChange={(e) => setIdNumber(e.target.value)}
              autoComplete="off"
              inputMode="text"
              required
            />
          </label>
          {failed && (
            <p role="alert" className="error">
              {t('identityInvalid')}
            </p>
          )}
          <button type="submit">{t('saveIdentity')}</button>
        </form>
      )}
    </section>
  );
}

/** The annual cross-border allowance left this year (GET /me/cn-allowance) and what this cart counts against it. */
export function AllowanceNote({ thisOrder }: { thisOrder: { amount: number; currency: string } }) {
  const { t, locale } = useShopper();
  const allowance = useQuery(apiQuery<AllowanceJson>('/me/cn-allowance'));
  if (!allowance.isSuccess) return null;
  const a = allowance.data;
  return (
    <section aria-labelledby="allowance">
      <h2 id="allowance">{t('allowanceTitle', { year: a.year })}</h2>
      <p>
        {t('allowanceLeft', {
          remaining: formatMoney(a.remaining, locale),
          limit: formatMoney(a.limit, locale),
        })}
      </p>
      {thisOrder.amount > 0 && <p>{t('allowanceThisOrder', { amount: formatMoney(thisOrder, locale) })}</p>}
    </section>
  );
}
