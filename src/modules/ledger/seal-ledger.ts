import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import { invalid } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { sealHash } from './hashing.ts';
import { auditPath, merkleRoot } from './merkle.ts';
import type { InclusionProof, SealResult } from './types.ts';

export const DEFAULT_SEAL_SIZE = 10_000;
const MAX_SEAL_SIZE = 100_000;

/**
 * Seals up to maxEntries queued entries into one batch: an RFC 6962 Merkle root over their
 * hashes, in queue order, and a seal hash chained to the previous seal. The seal lists its
 * members explicitly (ledger_seal_members), because a sequence number is taken before commit and
 * a lower one can commit after a higher one has been sealed. One sealer at a time: the advisory
 * lock serializes sealers without ever touching the write path.
 */
export async function sealLedger(
  db: Db,
  clock: Clock,
  opts: { maxEntries?: number } = {},
): Promise<SealResult | null> {
  const max = opts.maxEntries ?? DEFAULT_SEAL_SIZE;
  if (!Number.isInteger(max) || max < 1 || max > MAX_SEAL_SIZE) {
    throw invalid(
      'ledger.invalid_seal_size',
      `maxEntries must be a whole number from 1 to ${MAX_SEAL_SIZE}.`,
    );
  }
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('heartland.ledger.seal'))`);
    const batch = await tx.execute<{ entry_id: string; hash: string }>(sql`
      SELECT u.entry_id, e.hash
      FROM ledger_unsealed u JOIN ledger_entries e ON e.id = u.entry_id
      ORDER BY u.seq
      LIMIT ${max}`);
    if (batch.rows.length === 0) return null;
    const head = await tx.execute<{ id: string; seal_hash: string }>(
      sql`SELECT id, seal_hash FROM ledger_seals ORDER BY seq DESC LIMIT 1`,
    );
    const prev = head.rows[0] ?? null;
    const root = merkleRoot(batch.rows.map((r) => r.hash));
    const seal = {
      id: newId('seal'),
      prevSealId: prev?.id ?? null,
      prevHash: prev?.seal_hash ?? null,
      merkleRoot: root,
      treeSize: batch.rows.length,
      createdAt: clock.now(),
    };
    const ids = JSON.stringify(batch.rows.map((r) => r.entry_id));
    await tx.execute(sql`
      WITH s AS (
        INSERT INTO ledger_seals (id, prev_seal_id, prev_hash, merkle_root, tree_size, created_at, seal_hash)
        VALUES (${seal.id}, ${seal.prevSealId}, ${seal.prevHash}, ${seal.merkleRoot}, ${seal.treeSize},
                ${seal.createdAt.toISOString()}::timestamptz, ${sealHash(seal)})
        RETURNING id
      ), m AS (
        INSERT INTO ledger_seal_members (seal_id, position, entry_id)
        SELECT s.id, (t.ord - 1)::int, t.entry_id FROM s, jsonb_array_elements_text(${ids}::jsonb) WITH ORDINALITY AS t(entry_id, ord)
      )
      DELETE FROM ledger_unsealed WHERE entry_id IN (SELECT jsonb_array_elements_text(${ids}::jsonb))`);
    return { sealId: seal.id, entries: seal.treeSize, merkleRoot: root };
  });
}

/** The audit path proving an entry is in its seal's Merkle tree; null while it is not sealed. */
export async function inclusionProof(db: Db, entryId: string): Promise<InclusionProof | null> {
  if (typeof entryId !== 'string' || entryId.length < 1 || entryId.length > 200) return null;
  const m = await db.execute<{
    seal_id: string;
    position: number;
    tree_size: number;
    merkle_root: string;
  }>(sql`
    SELECT m.seal_id, m.position, s.tree_size, s.merkle_root
    FROM ledger_seal_members m JOIN ledger_seals s ON s.id = m.seal_id
    WHERE m.entry_id = ${entryId}`);
  const member = m.rows[0];
  if (!member) return null;
  const leaves = await db.execute<{ entry_id: string; hash: string }>(sql`
    SELECT m.entry_id, e.hash FROM ledger_seal_members m JOIN ledger_entries e ON e.id = m.entry_id
    WHERE m.seal_id = ${member.seal_id}
    ORDER BY m.position`);
  const hashes = leaves.rows.map((r) => r.hash);
  // The path is computed from what is stored; if rows were tampered with, it will not verify.
  const index = leaves.rows.findIndex((r) => r.entry_id === entryId);
  if (index < 0) return null;
  return {
    sealId: member.seal_id,
    leafIndex: Number(member.position),
    treeSize: Number(member.tree_size),
    proof: auditPath(hashes, index),
    merkleRoot: member.merkle_root,
  };
}

/** The hash stored for an entry: the leaf an inclusion proof starts from. */
export async function storedEntryHash(db: Db, entryId: string): Promise<string | null> {
  const r = await db.execute<{ hash: string }>(sql`SELECT hash FROM ledger_entries WHERE id = ${entryId}`);
  return r.rows[0]?.hash ?? null;
}
