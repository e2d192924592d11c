import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { conflict, invalid, notFound } from '../../../kernel/errors.ts';
import { isId, newId } from '../../../kernel/ids.ts';
import { type CodeKey, codeFor, issueCode } from './codes.ts';

export const MAX_CODES_PER_BATCH = 10_000;

export interface IssuedBatch {
  batchId: string;
  lotId: string;
  reference: string;
  /** Canonical codes (16 symbols), ordered by serial. Print them with `formatCode`. */
  codes: string[];
  issuedAt: string;
  /** True when this reference had issued the batch before (a retry): the same codes come back. */
  replayed: boolean;
}

async function codesOfBatch(tx: Db, key: CodeKey, batchId: string): Promise<string[]> {
  const { rows } = await tx.execute<{ serial: string }>(
    sql`SELECT serial::text FROM authenticity_codes WHERE batch_id = ${batchId} ORDER BY serial`,
  );
  return rows.map((r) => codeFor(key, BigInt(r.serial)));
}

/**
 * Issues `count` (1–10,000) new codes for a lot, in the caller's transaction; the serials go in
 * with one statement. Idempotent per (lot, reference): a retry returns the batch it issued; the
 * same reference with another count is `trust.batch_reference_reused` (409).
 */
export async function issueCodes(
  tx: Db,
  key: CodeKey,
  input: { lotId: string; count: number; reference: string; at: Date },
): Promise<IssuedBatch> {
  const { lotId, count, reference, at } = input;
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_BATCH) {
    throw invalid(
      'trust.invalid_code_count',
      `count must be a whole number from 1 to ${MAX_CODES_PER_BATCH}.`,
    );
  }
  if (typeof reference !== 'string' || reference.length === 0 || reference.length > 100) {
    throw invalid('trust.invalid_reference', 'reference must be 1 to 100 characters.');
  }
  if (typeof lotId !== 'string' || !isId('lot', lotId)) {
    throw invalid('trust.invalid_lot_id', 'lotId is not a lot id.');
  }
  // Locking the lot serialises batches of one lot, so two retries of a reference cannot both issue.
  const lot = await tx.execute<{ seller_id: string; product_id: string }>(
    sql`SELECT seller_id, product_id FROM authenticity_lots WHERE id = ${lotId} FOR UPDATE`,
  );
  const owner = lot.rows[0];
  if (!owner) throw notFound('trust.lot_not_found', 'No such lot.');

  const prior = await tx.execute<{ id: string; count: number; issued_at: string }>(sql`
    SELECT id, count, to_char(issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS issued_at
    FROM authenticity_code_batches WHERE lot_id = ${lotId} AND reference = ${reference}`);
  const before = prior.rows[0];
  if (before) {
    if (before.count !== count) {
      throw conflict(
        'trust.batch_reference_reused',
        `Reference ${reference} already issued ${before.count} codes.`,
      );
    }
    const codes = await codesOfBatch(tx, key, before.id);
    return { batchId: before.id, lotId, reference, codes, issuedAt: before.issued_at, replayed: true };
  }

  const batchId = newId('cbt');
  const issuedAt = at.toISOString();
  await tx.execute(sql`
    INSERT INTO authenticity_code_batches (id, lot_id, reference, count, issued_at)
    VALUES (${batchId}, ${lotId}, ${reference}, ${count}, ${issuedAt}::timestamptz)`);
  // Serials are random: a collision with an earlier code is rare (48 bits) but possible, so the
  // ones the database refused are drawn again.
  let inserted = 0;
  for (let attempt = 0; inserted < count; attempt++) {
    if (attempt === 5) throw new Error('Could not draw unique authenticity code serials.');
    const drawn = new Set<string>();
    while (drawn.size < count - inserted) drawn.add(issueCode(key).serial.toString());
    const { rows } = await tx.execute<{ serial: string }>(sql`
      INSERT INTO authenticity_codes (serial, batch_id, lot_id, seller_id, product_id, issued_at)
      SELECT s, ${batchId}, ${lotId}, ${owner.seller_id}, ${owner.product_id}, ${issuedAt}::timestamptz
      FROM unnest(${sql.param([...drawn])}::int8[]) AS s
      ON CONFLICT (serial) DO NOTHING
      RETURNING serial::text`);
    inserted += rows.length;
  }
  return {
    batchId,
    lotId,
    reference,
    codes: await codesOfBatch(tx, key, batchId),
    issuedAt,
    replayed: false,
  };
}
