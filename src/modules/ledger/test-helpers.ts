import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import { isDomainError } from '../../kernel/errors.ts';
import { type CurrencyCode, money } from '../../money/index.ts';
import { postEntry } from './post-entry.ts';
import type { EntryInput, PostingInput, PostResult } from './types.ts';

/** Tests only: helpers to write entries tersely and to count what is stored. */

export const dr = (account: string, amount: bigint, currency: CurrencyCode): PostingInput => ({
  account,
  direction: 'debit',
  amount: money(amount, currency),
});

export const cr = (account: string, amount: bigint, currency: CurrencyCode): PostingInput => ({
  account,
  direction: 'credit',
  amount: money(amount, currency),
});

export const post = (db: Db, entry: EntryInput, clock: Clock): Promise<PostResult> =>
  inTransaction(db, (tx) => postEntry(tx, entry, clock));

/** The DomainError code a promise rejects with (fails the test if it resolves or throws otherwise). */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

/** The PostgreSQL error message a query rejects with (Drizzle wraps it as the cause). */
export async function pgErrorMessage(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : (e as Error).message;
  }
  throw new Error('expected the query to fail, but it succeeded');
}

export async function countRows(db: Db): Promise<Record<string, number>> {
  const r = await db.execute<Record<string, string>>(sql`SELECT
    (SELECT count(*) FROM ledger_entries) AS entries,
    (SELECT count(*) FROM ledger_postings) AS postings,
    (SELECT count(*) FROM ledger_pending_resolutions) AS resolutions,
    (SELECT count(*) FROM ledger_unsealed) AS unsealed,
    (SELECT coalesce(sum(debits_posted + credits_posted + debits_pending + credits_pending), 0) FROM ledger_balances) AS moved`);
  return Object.fromEntries(Object.entries(r.rows[0]!).map(([k, v]) => [k, Number(v)]));
}
