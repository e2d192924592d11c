import { type FormEvent, useState } from 'react';
import { getJson } from '../api.ts';
import type { LedgerEntry, LedgerVerification, TrialBalance } from '../api-trust.ts';
import { formatMoney } from '../format.ts';
import { useApi } from '../use-api.ts';
import { OpsStyle } from './ops-style.tsx';
import { StaffOnly } from './sign-in.tsx';

const money = (amount: number, currency: string) => formatMoney({ amount, currency }, 'en-US');

function TrialBalanceTable() {
  const tb = useApi(() => getJson<TrialBalance>('/ledger/trial-balance'), []);
  if (tb.state === 'loading') return <p className="status">Loading the trial balance…</p>;
  if (tb.state === 'error') return <p role="alert">{tb.error.message}</p>;
  return (
    <section aria-labelledby="tb-title">
      <h2 id="tb-title">Trial balance per currency</h2>
      <p className={`tb-verdict ${tb.data.balanced ? 'ok' : 'bad'}`}>
        <strong>{tb.data.balanced ? '✓ Balanced in every currency' : '✗ NOT balanced'}</strong>
      </p>
      <div className="table-scroll">
        <table className="trial-balance">
          <thead>
            <tr>
              <th scope="col">Currency</th>
              <th scope="col">Debits posted</th>
              <th scope="col">Credits posted</th>
              <th scope="col">Debits pending</th>
              <th scope="col">Credits pending</th>
              <th scope="col">Balanced</th>
            </tr>
          </thead>
          <tbody>
            {tb.data.rows.length === 0 && (
              <tr>
                <td colSpan={6}>No postings yet.</td>
              </tr>
            )}
            {tb.data.rows.map((r) => (
              <tr key={r.currency}>
                <th scope="row">{r.currency}</th>
                <td>{money(r.debitsPosted, r.currency)}</td>
                <td>{money(r.creditsPosted, r.currency)}</td>
                <td>{money(r.debitsPending, r.currency)}</td>
                <td>{money(r.creditsPending, r.currency)}</td>
                <td>{r.balanced ? '✓ yes' : '✗ no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Verification() {
  const v = useApi(() => getJson<LedgerVerification>('/ledger/verify'), []);
  if (v.state === 'loading') return <p className="status">Verifying the ledger…</p>;
  if (v.state === 'error') return <p role="alert">{v.error.message}</p>;
  const r = v.data;
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">Ledger verification</h2>
      <p className={`ledger-verdict ${r.ok ? 'ok' : 'bad'}`}>
        <strong>{r.ok ? '✓ Sound' : `✗ ${r.problems.length} problem(s) found`}</strong>: {r.entries} entries,{' '}
        {r.postings} postings and {r.seals} seals recomputed (hashes, balances, seals).
      </p>
      {r.problems.length > 0 && (
        <ul>
          {r.problems.map((p) => (
            <li key={`${p.code}-${p.entryId ?? p.accountKey ?? p.sealId ?? p.message}`}>
              <code>{p.code}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EntriesByOrder() {
  const [reference, setReference] = useState('');
  const [query, setQuery] = useState('');
  const entries = useApi(
    () =>
      query
        ? getJson<{ entries: LedgerEntry[] }>('/ledger/entries', { reference: query })
        : Promise.resolve(null),
    [query],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery(reference.trim());
  };
  return (
    <section aria-labelledby="entries-title">
      <h2 id="entries-title">Entries by order</h2>
      <form onSubmit={submit}>
        <label htmlFor="order-ref">Order id (or a payment reference)</label>
        <br />
        <input id="order-ref" value={reference} onChange={(e) => setReference(e.target.value)} required />{' '}
        <button type="submit">Find entries</button>
      </form>
      {entries.state === 'error' && <p role="alert">{entries.error.message}</p>}
      {entries.state === 'ready' && entries.data && entries.data.entries.length === 0 && (
        <p>No entries about {query}.</p>
      )}
      {entries.state === 'ready' &&
        entries.data?.entries.map((e) => (
          <article key={e.id} className="entry">
            <h3>
              {e.kind} · {e.status}
            </h3>
            <p>
              <code>{e.id}</code> · {new Date(e.createdAt).toISOString().replace('T', ' ').slice(0, 19)} UTC
            </p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Debit</th>
                  <th scope="col">Credit</th>
                </tr>
              </thead>
              <tbody>
                {e.postings.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: postings have no id of their own and never reorder
                  <tr key={i}>
                    <td>
                      <code>{p.account}</code>
                    </td>
                    <td>{p.direction === 'debit' ? money(p.amount.amount, p.amount.currency) : ''}</td>
                    <td>{p.direction === 'credit' ? money(p.amount.amount, p.amount.currency) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        ))}
    </section>
  );
}

/** /finance: for auditors (English): trial balance per currency, ledger verification, entries by order. */
export default function Finance() {
  return (
    <div className="ops" lang="en">
      <OpsStyle />
      <h1>Finance</h1>
      <StaffOnly roles={['auditor', 'platform_admin']} what="the finance page">
        {() => (
          <>
            <TrialBalanceTable />
            <Verification />
            <EntriesByOrder />
          </>
        )}
      </StaffOnly>
    </div>
  );
}
