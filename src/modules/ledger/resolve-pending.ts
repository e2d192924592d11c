import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { entryHash, resolutionPayloadHash } from './hashing.ts';
import { replayOf, replayOutcome } from './post-entry.ts';
import type { PostResult } from './types.ts';
import { checkEntryId } from './validate.ts';
import { writeEntry } from './write-entry.ts';

type PendingRow = {
  kind: string;
  reference: string;
  mode: string;
  resolved_by: string | null;
  idx: number;
  account_key: string;
  direction: 'debit' | 'credit';
  amount: string;
  currency: string;
  shard: number;
};

const alreadyResolved = (pendingId: string, by: string) =>
  conflict(
    'ledger.pending_already_resolved',
    `The pending entry ${pendingId} was already resolved by ${by}.`,
    {
      entryId: pendingId,
      resolvedBy: by,
    },
  );

/**
 * Resolves a hold exactly once: a new entry mirrors the pending entry's postings and moves their
 * amounts from pending to posted (post) or releases them (void). The pending entry is never
 * touched; the unique index on ledger_entries.pending_id makes a second resolution impossible.
 */
async function resolvePending(
  tx: Db,
  input: { id: string; pendingId: string },
  clock: Clock,
  mode: 'post_pending' | 'void_pending',
): Promise<PostResult> {
  const id = checkEntryId(input?.id);
  const pendingId = checkEntryId(input?.pendingId, 'pendingId');
  const payloadHash = resolutionPayloadHash(mode, pendingId);
  // The replay check rides along with the hold's lookup: one round trip for both.
  const found = await tx.execute<PendingRow & { replay_hash: string | null }>(sql`
    SELECT (SELECT payload_hash FROM ledger_entries WHERE id = ${id}) AS replay_hash,
           e.kind, e.reference, e.mode, r.entry_id AS resolved_by,
           p.idx, p.account_key, p.direction, p.amount, p.currency, p.shard
    FROM ledger_entries e
    JOIN ledger_postings p ON p.entry_id = e.id
    LEFT JOIN ledger_pending_resolutions r ON r.pending_id = e.id
    WHERE e.id = ${pendingId}
    ORDER BY p.idx`);
  const head = found.rows[0];
  if (head?.replay_hash) return replayOf(id, head.replay_hash, payloadHash);
  if (!head) {
    // No such hold; a replay of an id used for something else still answers as a replay.
    const replay = await replayOutcome(tx, id, payloadHash);
    if (replay) return replay;
  }
  if (!head)
    throw notFound('ledger.pending_not_found', `There is no entry ${pendingId}.`, { entryId: pendingId });
  if (head.mode !== 'pending') {
    throw conflict('ledger.not_pending', `The entry ${pendingId} is not a pending entry.`, {
      entryId: pendingId,
    });
  }
  if (head.resolved_by) throw alreadyResolved(pendingId, head.resolved_by);

  // Same accounts, directions, amounts and shards as the hold, so each shard's pending returns to zero.
  const postings = found.rows.map((p) => ({
    account: p.account_key,
    direction: p.direction,
    amount: BigInt(p.amount),
    currency: p.currency,
    shard: Number(p.shard),
  }));
  const createdAt = clock.now();
  const canonical = {
    id,
    kind: head.kind,
    reference: head.reference,
    mode,
    pendingId,
    metadata: {},
    createdAt,
    postings,
  };
  const inserted = await writeEntry(tx, { ...canonical, payloadHash, hash: entryHash(canonical) });
  if (inserted) return { status: 'created', entryId: id };
  // Lost a race: either this id was written meanwhile, or another id resolved the hold first.
  const raced = await replayOutcome(tx, id, payloadHash);
  if (raced) return raced;
  const by = await tx.execute<{ entry_id: string }>(
    sql`SELECT entry_id FROM ledger_pending_resolutions WHERE pending_id = ${pendingId}`,
  );
  throw alreadyResolved(pendingId, by.rows[0]?.entry_id ?? 'another entry');
}

export const postPendingEntry = (tx: Db, input: { id: string; pendingId: string }, clock: Clock) =>
  resolvePending(tx, input, clock, 'post_pending');

export const voidPendingEntry = (tx: Db, input: { id: string; pendingId: string }, clock: Clock) =>
  resolvePending(tx, input, clock, 'void_pending');
