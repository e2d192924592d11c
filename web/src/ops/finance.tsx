import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { LedgerEntry, LedgerVerification, TrialBalance } from '../api-trust.ts';
import { formatMoney } from '../format.ts';
import { apiQuery } from '../query.ts';
import { OpsStyle } from './ops-style.tsx';
import { StaffOnly } from './sign-in.tsx';

/** The books show every minor unit (TWD and IDR cents too), not the shop's cash digits. */
const money = (amount: number, currency: string) => formatMoney({ amount, currency }, 'en-US', 'ledger');

function TrialBalanceTable() {
  const tb = useQuery(apiQuery<TrialBalance>('/ledger/trial-balance'));
  if (tb.isPending) return <p className="status">Loading the trial balance…</p>;
  if (tb.isError) return <p role="alert">{tb.error.message}</p>;
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
  const v = useQuery(apiQuery<LedgerVerification>('/ledger/verify'));
  if (v.isPending) return <p className="status">Verifying the ledger…</p>;
  if (v.isError) return <p role="alert">{v.error.message}</p>;
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
  const entries = useQuery({
    ...apiQuery<{ entries: LedgerEntry[] }>('/ledger/entries', { reference: query }),
    enabled: query !== '',
  });
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
      {entries.isError && <p role="alert">{entries.error.message}</p>}
      {entries.isSuccess && entries.data && entries.data.entries.length === 0 && (
        <p>No entries about {query}.</p>
      )}
      {entries.isSuccess &&
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
