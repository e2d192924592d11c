import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { CanonicalEntry } from './hashing.ts';
import type { EntryMode } from './types.ts';

export interface WritePosting {
  account: string;
  direction: 'debit' | 'credit';
  amount: bigint;
  currency: string;
  shard: number;
}

/** What is hashed (CanonicalEntry) plus the two hashes and each posting's balance shard. */
export interface WriteEntry extends Omit<CanonicalEntry, 'postings'> {
  payloadHash: string;
  hash: string;
  postings: readonly WritePosting[];
}

interface Delta {
  dpost: bigint;
  cpost: bigint;
  dpend: bigint;
  cpend: bigint;
}

/**
 * What a posting does to its account's four counters, by entry mode: a hold moves *_pending,
 * posting a hold moves pending to posted, voiding it releases pending.
 */
export function postingEffect(mode: EntryMode, direction: 'debit' | 'credit', amount: bigint): Delta {
  const posted = mode === 'single' || mode === 'post_pending' ? amount : 0n;
  const pending = mode === 'pending' ? amount : mode === 'single' ? 0n : -amount;
  return direction === 'debit'
    ? { dpost: posted, cpost: 0n, dpend: pending, cpend: 0n }
    : { dpost: 0n, cpost: posted, dpend: 0n, cpend: pending };
}

/** Sums an entry's effects per balance row, sorted, so rows are locked in one global order. */
export function balanceDeltas(mode: EntryMode, postings: readonly WritePosting[]) {
  const byRow = new Map<string, { account_key: string; shard: number } & Delta>();
  for (const p of postings) {
    const id = `${p.account}\u0000${p.shard}`;
    const d = postingEffect(mode, p.direction, p.amount);
    const row = byRow.get(id) ?? {
      account_key: p.account,
      shard: p.shard,
      dpost: 0n,
      cpost: 0n,
      dpend: 0n,
      cpend: 0n,
    };
    row.dpost += d.dpost;
    row.cpost += d.cpost;
    row.dpend += d.dpend;
    row.cpend += d.cpend;
    byRow.set(id, row);
  }
  return [...byRow.values()].sort((a, b) =>
    a.account_key < b.account_key ? -1 : a.account_key > b.account_key ? 1 : a.shard - b.shard,
  );
}

const LIMIT_HOLDS = sql`(b.balance_limit IS NULL
  OR (b.balance_limit = 'debits_must_not_exceed_credits'
      AND b.debits_pending::numeric + d.dpend + b.debits_posted + d.dpost <= b.credits_posted::numeric + d.cpost)
  OR (b.balance_limit = 'credits_must_not_exceed_debits'
      AND b.credits_pending::numeric + d.cpend + b.credits_posted + d.cpost <= b.debits_posted::numeric + d.dpost))`;

/**
 * Writes the entry, its postings, its resolution row (if it resolves a hold), its place in the
 * seal queue, and the balance updates in ONE statement. Returns false, having written nothing,
 * when the id (or, for a resolution, the pending entry's resolution) already exists.
 * The caller has already checked limits under lock; the WHERE here is the backstop, and a short
 * row count makes the statement itself fail (ledger_assert), aborting the transaction.
 */
export async function writeEntry(tx: Db, e: WriteEntry): Promise<boolean> {
  const postings = JSON.stringify(e.postings.map((p, idx) => ({ ...p, idx, amount: p.amount.toString() })));
  const deltas = balanceDeltas(e.mode, e.postings);
  const deltaJson = JSON.stringify(
    deltas.map((d) => ({
      ...d,
      dpost: d.dpost.toString(),
      cpost: d.cpost.toString(),
      dpend: d.dpend.toString(),
      cpend: d.cpend.toString(),
    })),
  );
  const action = e.mode === 'post_pending' ? 'post' : e.mode === 'void_pending' ? 'void' : null;
  const result = await tx.execute<{ inserted: string }>(sql`
    WITH e AS (
      INSERT INTO ledger_entries (id, kind, reference, mode, pending_id, metadata, created_at, payload_hash, hash)
      VALUES (${e.id}, ${e.kind}, ${e.reference}, ${e.mode}, ${e.pendingId}, ${JSON.stringify(e.metadata)}::jsonb,
              ${e.createdAt.toISOString()}::timestamptz, ${e.payloadHash}, ${e.hash})
      ON CONFLICT DO NOTHING
      RETURNING id
    ), p AS (
      INSERT INTO ledger_postings (entry_id, idx, account_key, direction, amount, currency, shard)
      SELECT e.id, x.idx, x.account, x.direction, x.amount, x.currency, x.shard
      FROM e, jsonb_to_recordset(${postings}::jsonb)
        AS x(idx smallint, account text, direction text, amount bigint, currency text, shard smallint)
    ), r AS (
      INSERT INTO ledger_pending_resolutions (pending_id, entry_id, action)
      SELECT ${e.pendingId}, e.id, ${action} FROM e WHERE ${action}::text IS NOT NULL
    ), q AS (
      INSERT INTO ledger_unsealed (entry_id) SELECT id FROM e
    ), d AS MATERIALIZED (
      SELECT x.* FROM jsonb_to_recordset(${deltaJson}::jsonb)
        AS x(account_key text, shard smallint, dpost bigint, cpost bigint, dpend bigint, cpend bigint)
      WHERE EXISTS (SELECT 1 FROM e)
    ), l AS MATERIALIZED (
      -- Lock in key order before updating: UPDATE … FROM alone visits rows in join order.
      SELECT b.account_key, b.shard FROM ledger_balances b JOIN d USING (account_key, shard)
      ORDER BY b.account_key, b.shard
      FOR UPDATE OF b
    ), u AS (
      UPDATE ledger_balances b SET
        debits_posted = b.debits_posted + d.dpost,
        credits_posted = b.credits_posted + d.cpost,
        debits_pending = b.debits_pending + d.dpend,
        credits_pending = b.credits_pending + d.cpend
      FROM d, l
      WHERE b.account_key = d.account_key AND b.shard = d.shard
        AND l.account_key = d.account_key AND l.shard = d.shard
        AND ${LIMIT_HOLDS}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM e) AS inserted,
      ledger_assert((SELECT count(*) FROM u) = (SELECT count(*) FROM d),
        'entry ' || ${e.id}::text || ' did not update all its balance rows') AS ok`);
  return Number(result.rows[0]!.inserted) === 1;
}
