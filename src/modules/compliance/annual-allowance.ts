import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { type Money, money } from '../../money/index.ts';
import { annualLimitRefusal, cnAnnualLimit } from './cn-limits.ts';

export { cnAllowanceYear } from './cn-limits.ts';

/** The limit in force during a calendar year in China (its rules change on 1 January). */
const annualLimitFor = (year: number): Money => cnAnnualLimit(new Date(Date.UTC(year, 6, 1)));

const MAX_TEXT = 100;

function check(input: { buyerId: string; year: number; reference?: string }): void {
  if (typeof input.buyerId !== 'string' || input.buyerId.length === 0 || input.buyerId.length > MAX_TEXT) {
    throw invalid('compliance.invalid_buyer', 'buyerId must be 1 to 100 characters.');
  }
  if (!Number.isInteger(input.year) || input.year < 2019 || input.year > 2200) {
    throw invalid(
      'compliance.invalid_year',
      'year must be a calendar year from 2019 (when the CNY 26,000 limit began).',
    );
  }
  if (input.reference !== undefined && (input.reference.length === 0 || input.reference.length > MAX_TEXT)) {
    throw invalid('compliance.invalid_reference', 'reference must be 1 to 100 characters.');
  }
}

/** A buyer's China CBEC annual allowance for a calendar year: limit, used and remaining (CNY). */
export async function annualAllowance(
  db: Db,
  buyerId: string,
  year: number,
): Promise<{ limit: Money; used: Money; remaining: Money }> {
  check({ buyerId, year });
  const { rows } = await db.execute<{ limit_fen: string; used_fen: string }>(sql`
    SELECT limit_fen::text, used_fen::text FROM cn_annual_allowances WHERE buyer_id = ${buyerId} AND year = ${year}`);
  const limit = rows[0] ? BigInt(rows[0].limit_fen) : annualLimitFor(year).amount;
  const used = rows[0] ? BigInt(rows[0].used_fen) : 0n;
  return { limit: money(limit, 'CNY'), used: money(used, 'CNY'), remaining: money(limit - used, 'CNY') };
}

/**
 * Counts an order against the buyer's CN annual limit, in the caller's transaction. The database
 * enforces the limit: a conditional upsert adds the amount only while used + amount ≤ limit, and a
 * CHECK backs it. Idempotent per reference (an order id): the same reference, buyer, year and
 * amount again is a no-op; the same reference with anything else is a conflict.
 * Over the limit → `compliance.cn_annual_limit_exceeded` (422), worded as the landed cost words
 * it, with `remaining`, `needed`, `limit` and `year`.
 */
export async function reserveAnnualAllowance(
  tx: Db,
  input: { buyerId: string; year: number; amount: Money; reference: string },
): Promise<void> {
  check(input);
  if (input.amount.currency !== 'CNY' || input.amount.amount <= 0n) {
    throw invalid('compliance.invalid_amount', 'The amount must be a positive CNY amount.');
  }
  const { buyerId, year, reference } = input;
  const amount = input.amount.amount;
  // Reserve the reference and count it against the year in one statement (the common case); the
  // rarer paths below (a retry, an order over the limit) take their own statements.
  const limit = annualLimitFor(year).amount;
  const fitsLimit = amount <= limit;
  const outcome = await tx.execute<{ reserved: number; fitted: number }>(sql`
    WITH reserved AS (
      INSERT INTO cn_allowance_reservations (reference, buyer_id, year, amount_fen)
      VALUES (${reference}, ${buyerId}, ${year}, ${amount.toString()}::bigint)
      ON CONFLICT (reference) DO NOTHING RETURNING amount_fen
    ), fitted AS (
      INSERT INTO cn_annual_allowances AS a (buyer_id, year, limit_fen, used_fen)
      SELECT ${buyerId}, ${year}, ${limit.toString()}::bigint, amount_fen FROM reserved
      WHERE ${fitsLimit}
      ON CONFLICT (buyer_id, year) DO UPDATE
        SET used_fen = a.used_fen + EXCLUDED.used_fen, updated_at = now()
        WHERE a.used_fen + EXCLUDED.used_fen <= a.limit_fen
      RETURNING used_fen
    )
    SELECT (SELECT count(*) FROM reserved)::int AS reserved, (SELECT count(*) FROM fitted)::int AS fitted`);
  const { reserved, fitted } = outcome.rows[0]!;
  if (reserved === 0) {
    const { rows } = await tx.execute<{
      buyer_id: string;
      year: number;
      amount_fen: string;
      released: boolean;
    }>(sql`
      SELECT buyer_id, year, amount_fen::text, released_at IS NOT NULL AS released
      FROM cn_allowance_reservations WHERE reference = ${reference}`);
    const prior = rows[0]!;
    if (prior.buyer_id !== buyerId || prior.year !== year || BigInt(prior.amount_fen) !== amount) {
      throw conflict(
        'compliance.allowance_reference_reused',
        `Reference ${reference} already reserved another amount.`,
      );
    }
    if (prior.released) {
      throw conflict('compliance.allowance_released', `The allowance reserved by ${reference} was released.`);
    }
    return;
  }
  if (fitted === 0) {
    // Undo the reservation row so a caller that catches this error and commits leaves no trace.
    await tx.execute(sql`DELETE FROM cn_allowance_reservations WHERE reference = ${reference}`);
    const { remaining, limit: yearLimit } = await annualAllowance(tx, buyerId, year);
    throw annualLimitRefusal({ needed: input.amount, remaining, limit: yearLimit, year });
  }
}

/**
 * Gives back what a reference reserved (a refund; reference C8: a return within 30 days of
 * release restores the quota; the caller decides that the refund qualifies). Idempotent: a
 * second release, or a reference that reserved nothing, changes nothing.
 */
export async function releaseAnnualAllowance(
  tx: Db,
  input: { buyerId: string; year: number; reference: string },
): Promise<void> {
  check(input);
  const { rows } = await tx.execute<{ amount_fen: string }>(sql`
    UPDATE cn_allowance_reservations SET released_at = now()
    WHERE reference = ${input.reference} AND buyer_id = ${input.buyerId} AND year = ${input.year}
      AND released_at IS NULL
    RETURNING amount_fen::text`);
  const released = rows[0];
  if (!released) {
    const other = await tx.execute(sql`
      SELECT 1 FROM cn_allowance_reservations
      WHERE reference = ${input.reference} AND (buyer_id <> ${input.buyerId} OR year <> ${input.year})`);
    if (other.rows.length > 0) {
      throw conflict(
        'compliance.allowance_reference_reused',
        `Reference ${input.reference} belongs to another buyer or year.`,
      );
    }
    return;
  }
  await tx.execute(sql`
    UPDATE cn_annual_allowances SET used_fen = used_fen - ${released.amount_fen}::bigint, updated_at = now()
    WHERE buyer_id = ${input.buyerId} AND year = ${input.year}`);
}
