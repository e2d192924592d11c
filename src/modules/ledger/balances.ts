import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import type { CurrencyCode } from '../../money/index.ts';
import { POSTING_SUMS } from './posting-sums.ts';
import {
  ACCOUNT_TYPES,
  type AccountBalance,
  type AccountType,
  NORMAL_SIDE,
  type TrialBalanceRow,
} from './types.ts';
import { isAccountKey } from './validate.ts';

type BalanceRow = {
  key: string;
  type: AccountType;
  currency: CurrencyCode;
  owner_id: string | null;
  debits_posted: string;
  credits_posted: string;
  debits_pending: string;
  credits_pending: string;
};

function toBalance(r: BalanceRow): AccountBalance {
  const debitsPosted = BigInt(r.debits_posted);
  const creditsPosted = BigInt(r.credits_posted);
  const amount =
    NORMAL_SIDE[r.type] === 'debit' ? debitsPosted - creditsPosted : creditsPosted - debitsPosted;
  return {
    key: r.key,
    type: r.type,
    currency: r.currency,
    ownerId: r.owner_id,
    debitsPosted,
    creditsPosted,
    debitsPending: BigInt(r.debits_pending),
    creditsPending: BigInt(r.credits_pending),
    balance: { amount, currency: r.currency },
  };
}

// An account's balance is the sum of its shard rows.
const selectBalances = (where: SQL) => sql`
  SELECT a.key, a.type, a.currency, a.owner_id,
         sum(b.debits_posted) AS debits_posted, sum(b.credits_posted) AS credits_posted,
         sum(b.debits_pending) AS debits_pending, sum(b.credits_pending) AS credits_pending
  FROM ledger_accounts a JOIN ledger_balances b ON b.account_key = a.key
  WHERE ${where}
  GROUP BY a.key
  ORDER BY a.key`;

export async function accountBalance(db: Db, key: string): Promise<AccountBalance | null> {
  if (typeof key !== 'string' || !isAccountKey(key)) return null;
  const r = await db.execute<BalanceRow>(selectBalances(sql`a.key = ${key}`));
  return r.rows[0] ? toBalance(r.rows[0]) : null;
}

/** Balances of the accounts matching every given filter (at least one filter; at most 1000 keys). */
export async function accountBalances(
  db: Db,
  filter: { ownerId?: string; keys?: string[]; type?: AccountType },
): Promise<AccountBalance[]> {
  const conds: SQL[] = [];
  if (filter.ownerId !== undefined) conds.push(sql`a.owner_id = ${filter.ownerId}`);
  if (filter.type !== undefined) {
    if (!(ACCOUNT_TYPES as readonly string[]).includes(filter.type)) {
      throw invalid('ledger.invalid_account_type', `Unknown account type ${JSON.stringify(filter.type)}.`);
    }
    conds.push(sql`a.type = ${filter.type}`);
  }
  if (filter.keys !== undefined) {
    if (!Array.isArray(filter.keys) || filter.keys.length > 1000) {
      throw invalid('ledger.invalid_filter', 'Give at most 1000 account keys.');
    }
    if (filter.keys.length === 0) return [];
    conds.push(sql`a.key IN (SELECT jsonb_array_elements_text(${JSON.stringify(filter.keys)}::jsonb))`);
  }
  if (conds.length === 0) {
    throw invalid('ledger.invalid_filter', 'Filter balances by owner, keys or type.');
  }
  const r = await db.execute<BalanceRow>(selectBalances(sql.join(conds, sql` AND `)));
  return r.rows.map(toBalance);
}

/**
 * Per-currency totals recomputed from the postings themselves (not the balance rows), so it
 * checks the write path rather than echoing it. A hold adds to *_pending; posting it moves the
 * amount to *_posted; voiding it takes it back out of *_pending.
 */
export async function trialBalance(db: Db): Promise<TrialBalanceRow[]> {
  const r = await db.execute<{
    currency: CurrencyCode;
    debits_posted: string;
    credits_posted: string;
    debits_pending: string;
    credits_pending: string;
  }>(sql`
    SELECT p.currency, ${POSTING_SUMS}
    FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id
    GROUP BY p.currency
    ORDER BY p.currency`);
  return r.rows.map((row) => {
    const debitsPosted = BigInt(row.debits_posted);
    const creditsPosted = BigInt(row.credits_posted);
    const debitsPending = BigInt(row.debits_pending);
    const creditsPending = BigInt(row.credits_pending);
    return {
      currency: row.currency,
      debitsPosted,
      creditsPosted,
      debitsPending,
      creditsPending,
      balanced: debitsPosted === creditsPosted && debitsPending === creditsPending,
    };
  });
}
