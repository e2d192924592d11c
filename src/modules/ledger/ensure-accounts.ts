import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import type { AccountSpec } from './types.ts';
import { checkAccountSpec } from './validate.ts';

/** Shard rows per account without a limit: enough that concurrent checkouts rarely meet on one. */
export const HOT_SHARDS = 16;

interface Normalized {
  key: string;
  type: string;
  currency: string;
  owner_id: string | null;
  balance_limit: string | null;
  shards: number;
  ownerGiven: boolean;
}

function normalize(spec: AccountSpec): Normalized {
  checkAccountSpec(spec);
  const limit = spec.limit ?? null;
  return {
    key: spec.key,
    type: spec.type,
    currency: spec.currency,
    owner_id: spec.ownerId ?? null,
    balance_limit: limit,
    shards: limit ? 1 : HOT_SHARDS,
    ownerGiven: spec.ownerId != null,
  };
}

const differs = (
  want: Normalized,
  have: { type: string; currency: string; owner_id: string | null; balance_limit: string | null },
) =>
  want.type !== have.type ||
  want.currency !== have.currency ||
  want.balance_limit !== have.balance_limit ||
  (want.ownerGiven && want.owner_id !== have.owner_id);

/**
 * Creates the accounts that do not exist yet, with their balance rows, in the caller's
 * transaction. An existing key must have the same type, currency and limit (and owner, when
 * one is given), or nothing is created.
 */
export async function ensureAccounts(tx: Db, specs: AccountSpec[]): Promise<void> {
  if (!Array.isArray(specs) || specs.length > 1000) {
    throw invalid('ledger.invalid_accounts', 'Give at most 1000 account specs at a time.');
  }
  const byKey = new Map<string, Normalized>();
  for (const spec of specs) {
    const n = normalize(spec);
    const prior = byKey.get(n.key);
    if (prior && differs(n, prior)) {
      throw invalid(
        'ledger.account_exists_with_different_spec',
        `The account ${n.key} is given twice, differently.`,
        {
          accountKey: n.key,
        },
      );
    }
    if (!prior || n.ownerGiven) byKey.set(n.key, n);
  }
  if (byKey.size === 0) return;
  const wanted = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = JSON.stringify(wanted);
  // One round trip: read the existing keys and, only when none of them differs from its spec,
  // create the missing ones — so a refused spec still leaves nothing behind. Sorted keys and
  // ON CONFLICT: concurrent callers creating the same accounts wait, then skip.
  const result = await tx.execute<{
    created: boolean;
    key: string;
    type: string;
    currency: string;
    owner_id: string | null;
    balance_limit: string | null;
  }>(sql`
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb)
        AS v(key text, type text, currency text, owner_id text, balance_limit text, shards int, "ownerGiven" boolean)
    ), existing AS (
      SELECT a.key, a.type, a.currency, a.owner_id, a.balance_limit FROM ledger_accounts a JOIN v USING (key)
    ), mismatch AS (
      SELECT 1 FROM existing e JOIN v USING (key)
      WHERE e.type <> v.type OR e.currency <> v.currency OR e.balance_limit IS DISTINCT FROM v.balance_limit
         OR (v."ownerGiven" AND e.owner_id IS DISTINCT FROM v.owner_id)
      LIMIT 1
    ), ins AS (
      INSERT INTO ledger_accounts (key, type, currency, owner_id, balance_limit, shards, created_at)
      SELECT key, type, currency, owner_id, balance_limit, shards, now() FROM v
      WHERE NOT EXISTS (SELECT 1 FROM mismatch) AND NOT EXISTS (SELECT 1 FROM existing e WHERE e.key = v.key)
      ORDER BY key
      ON CONFLICT (key) DO NOTHING
      RETURNING key, balance_limit, shards
    ), bal AS (
      INSERT INTO ledger_balances (account_key, shard, balance_limit)
      SELECT ins.key, s, ins.balance_limit FROM ins, generate_series(0, ins.shards - 1) AS s
    )
    SELECT false AS created, key, type, currency, owner_id, balance_limit FROM existing
    UNION ALL
    SELECT true, key, NULL, NULL, NULL, NULL FROM ins`);
  const existing = { rows: result.rows.filter((r) => !r.created) };
  const created = { rows: result.rows.filter((r) => r.created) };
  const refuse = (have: { key: string }) => {
    throw conflict(
      'ledger.account_exists_with_different_spec',
      `The account ${have.key} exists with a different spec.`,
      {
        accountKey: have.key,
      },
    );
  };
  for (const have of existing.rows) if (differs(byKey.get(have.key)!, have)) refuse(have);
  if (created.rows.length + existing.rows.length === wanted.length) return;
  // Another transaction created some of these meanwhile: its spec must match ours too.
  const raced = await tx.execute<{
    key: string;
    type: string;
    currency: string;
    owner_id: string | null;
    balance_limit: string | null;
  }>(
    sql`SELECT key, type, currency, owner_id, balance_limit FROM ledger_accounts
        WHERE key IN (SELECT key FROM jsonb_to_recordset(${rows}::jsonb) AS v(key text))`,
  );
  for (const have of raced.rows) if (differs(byKey.get(have.key)!, have)) refuse(have);
}
