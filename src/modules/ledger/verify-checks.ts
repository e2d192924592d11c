import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { trialBalance } from './balances.ts';
import { POSTING_SUMS } from './posting-sums.ts';
import type { LedgerProblem } from './types.ts';

/**
 * The set-wise checks of verifyLedger, each one SQL query over the stored postings so the
 * database does the aggregation. Each returns the problems it finds, naming the row at fault.
 */

/** Every account's balance rows must equal what its postings add up to. */
export async function checkAccountBalances(db: Db): Promise<LedgerProblem[]> {
  const r = await db.execute<{ account_key: string; what: string }>(sql`
    WITH f AS (
      SELECT p.account_key, ${POSTING_SUMS}
      FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id
      GROUP BY p.account_key
    ), s AS (
      SELECT account_key, sum(debits_posted) AS dpost, sum(credits_posted) AS cpost,
             sum(debits_pending) AS dpend, sum(credits_pending) AS cpend, count(*) AS rows,
             bool_or(balance_limit = 'debits_must_not_exceed_credits'
                     AND debits_pending::numeric + debits_posted > credits_posted) AS over_debits,
             bool_or(balance_limit = 'credits_must_not_exceed_debits'
                     AND credits_pending::numeric + credits_posted > debits_posted) AS over_credits
      FROM ledger_balances GROUP BY account_key
    )
    SELECT coalesce(a.key, s.account_key, f.account_key) AS account_key,
      CASE
        WHEN a.key IS NULL THEN 'no_account'
        WHEN coalesce(s.rows, 0) <> a.shards THEN 'rows'
        WHEN s.over_debits OR s.over_credits THEN 'limit'
        ELSE 'sums'
      END AS what
    FROM ledger_accounts a
    FULL JOIN s ON s.account_key = a.key
    FULL JOIN f ON f.account_key = coalesce(a.key, s.account_key)
    WHERE a.key IS NULL
       OR coalesce(s.rows, 0) <> a.shards
       OR s.over_debits OR s.over_credits
       OR coalesce(f.debits_posted, 0) <> coalesce(s.dpost, 0) OR coalesce(f.credits_posted, 0) <> coalesce(s.cpost, 0)
       OR coalesce(f.debits_pending, 0) <> coalesce(s.dpend, 0) OR coalesce(f.credits_pending, 0) <> coalesce(s.cpend, 0)
    ORDER BY 1`);
  const messages: Record<string, [string, string]> = {
    no_account: [
      'ledger.posting_account_missing',
      'postings or balance rows name an account that does not exist',
    ],
    rows: ['ledger.balance_rows_missing', 'the account does not have its expected balance rows'],
    limit: ['ledger.limit_broken', 'the stored balance breaks the account limit'],
    sums: ['ledger.account_balance_mismatch', 'the stored balance differs from the sum of its postings'],
  };
  return r.rows.map((row) => {
    const [code, text] = messages[row.what]!;
    return { code, message: `Account ${row.account_key}: ${text}.`, accountKey: row.account_key };
  });
}

/** Each posting's currency must be its account's; postings must belong to an entry. */
export async function checkPostingsAgainstAccounts(db: Db): Promise<LedgerProblem[]> {
  const r = await db.execute<{ entry_id: string; account_key: string; what: string }>(sql`
    SELECT DISTINCT p.entry_id, p.account_key,
      CASE WHEN e.id IS NULL THEN 'orphan' ELSE 'currency' END AS what
    FROM ledger_postings p
    LEFT JOIN ledger_entries e ON e.id = p.entry_id
    LEFT JOIN ledger_accounts a ON a.key = p.account_key
    WHERE e.id IS NULL OR (a.key IS NOT NULL AND a.currency <> p.currency)
    ORDER BY 1, 2`);
  return r.rows.map((row) =>
    row.what === 'orphan'
      ? {
          code: 'ledger.orphan_posting',
          message: `A posting to ${row.account_key} belongs to entry ${row.entry_id}, which does not exist.`,
          entryId: row.entry_id,
          accountKey: row.account_key,
        }
      : {
          code: 'ledger.posting_currency_mismatch',
          message: `Entry ${row.entry_id} posts to ${row.account_key} in another currency than the account's.`,
          entryId: row.entry_id,
          accountKey: row.account_key,
        },
  );
}

/**
 * A resolution must mirror its pending entry's postings, resolve a pending entry, and be the one
 * recorded in ledger_pending_resolutions (and the other way round).
 */
export async function checkResolutions(db: Db): Promise<LedgerProblem[]> {
  const r = await db.execute<{ entry_id: string; what: string }>(sql`
    WITH legs AS (
      SELECT entry_id, jsonb_agg(jsonb_build_array(account_key, direction, amount::text, currency, shard) ORDER BY idx) AS l
      FROM ledger_postings GROUP BY entry_id
    )
    SELECT e.id AS entry_id, 'mirror' AS what
    FROM ledger_entries e
    LEFT JOIN ledger_entries pe ON pe.id = e.pending_id
    LEFT JOIN legs le ON le.entry_id = e.id
    LEFT JOIN legs lp ON lp.entry_id = e.pending_id
    WHERE e.pending_id IS NOT NULL AND (pe.mode IS DISTINCT FROM 'pending' OR le.l IS DISTINCT FROM lp.l)
    UNION ALL
    SELECT e.id, 'record' FROM ledger_entries e
    LEFT JOIN ledger_pending_resolutions r ON r.pending_id = e.pending_id
    WHERE e.pending_id IS NOT NULL AND (r.entry_id IS DISTINCT FROM e.id
      OR r.action IS DISTINCT FROM CASE e.mode WHEN 'post_pending' THEN 'post' ELSE 'void' END)
    UNION ALL
    SELECT r.entry_id, 'record' FROM ledger_pending_resolutions r
    LEFT JOIN ledger_entries e ON e.id = r.entry_id
    WHERE e.pending_id IS DISTINCT FROM r.pending_id
    ORDER BY 1`);
  const seen = new Set<string>();
  const out: LedgerProblem[] = [];
  for (const row of r.rows) {
    const id = `${row.what}:${row.entry_id}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(
      row.what === 'mirror'
        ? {
            code: 'ledger.resolution_mismatch',
            message: `Entry ${row.entry_id} does not mirror the pending entry it resolves.`,
            entryId: row.entry_id,
          }
        : {
            code: 'ledger.resolution_record_mismatch',
            message: `Entry ${row.entry_id} and the resolution records disagree.`,
            entryId: row.entry_id,
          },
    );
  }
  return out;
}

/** Every entry is sealed or waiting in the queue, never both and never neither. */
export async function checkSealCoverage(db: Db): Promise<LedgerProblem[]> {
  const r = await db.execute<{ entry_id: string; sealed: boolean; queued: boolean }>(sql`
    SELECT e.id AS entry_id, m.entry_id IS NOT NULL AS sealed, u.entry_id IS NOT NULL AS queued
    FROM ledger_entries e
    LEFT JOIN ledger_seal_members m ON m.entry_id = e.id
    LEFT JOIN ledger_unsealed u ON u.entry_id = e.id
    WHERE (m.entry_id IS NULL) = (u.entry_id IS NULL)
    ORDER BY 1`);
  return r.rows.map((row) => ({
    code: row.sealed ? 'ledger.entry_sealed_and_queued' : 'ledger.entry_not_sealed_or_queued',
    message: row.sealed
      ? `Entry ${row.entry_id} is sealed but still queued for sealing.`
      : `Entry ${row.entry_id} is neither sealed nor queued for sealing.`,
    entryId: row.entry_id,
  }));
}

/** Σ debits = Σ credits per currency, posted and pending, from the postings. */
export async function checkTrialBalance(db: Db): Promise<LedgerProblem[]> {
  return (await trialBalance(db))
    .filter((row) => !row.balanced)
    .map((row) => ({
      code: 'ledger.currency_unbalanced',
      message: `${row.currency}: debits ${row.debitsPosted}/${row.debitsPending} ≠ credits ${row.creditsPosted}/${row.creditsPending} (posted/pending).`,
    }));
}
