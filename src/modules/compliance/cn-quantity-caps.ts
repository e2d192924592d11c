import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { capLimitGrams, quantityCapRefusal } from './cn-positive-list.ts';

/**
 * China's Positive List quantity caps per buyer and calendar year (sugar ≤ 2 kg, long-grain rice
 * ≤ 20 kg; reference §1d), counted in the database like the annual allowance (annual-allowance.ts):
 * a conditional upsert backed by a CHECK, idempotent per reference (an order id).
 */

const MAX_TEXT = 100;
const MAX_GRAMS = 100_000_000;

/** The caps in force during a calendar year in China: the versions in force on 1 July. */
const midYear = (year: number): Date => new Date(Date.UTC(year, 6, 1));

function check(input: { buyerId: string; year: number; reference?: string }): void {
  if (typeof input.buyerId !== 'string' || input.buyerId.length === 0 || input.buyerId.length > MAX_TEXT) {
    throw invalid('compliance.invalid_buyer', 'buyerId must be 1 to 100 characters.');
  }
  if (!Number.isInteger(input.year) || input.year < 2016 || input.year > 2200) {
    throw invalid('compliance.invalid_year', 'year must be a calendar year from 2016 to 2200.');
  }
  if (
    input.reference !== undefined &&
    (typeof input.reference !== 'string' || input.reference.length === 0 || input.reference.length > MAX_TEXT)
  ) {
    throw invalid('compliance.invalid_reference', 'reference must be 1 to 100 characters.');
  }
}

/** Grams a buyer bought in a year under each cap, by cap id (`buyerHistory.cnCapsUsedThisYear`). */
export async function quantityCapsUsed(
  db: Db,
  buyerId: string,
  year: number,
): Promise<Record<string, number>> {
  check({ buyerId, year });
  const { rows } = await db.execute<{ cap_id: string; used_grams: string }>(sql`
    SELECT cap_id, used_grams::text FROM cn_quantity_cap_usage
    WHERE buyer_id = ${buyerId} AND year = ${year} ORDER BY cap_id`);
  return Object.fromEntries(rows.map((r) => [r.cap_id, Number(r.used_grams)]));
}

/**
 * Counts an order's capped goods (grams by cap id, from `cnQuantityCapUsage`) against the buyer's
 * caps for the year, in the caller's transaction. One statement reserves the reference and adds
 * every cap only while used + grams ≤ the cap; a CHECK backs it, so concurrent checkouts never
 * oversubscribe. All caps or none: if one does not fit, what the statement added is undone and
 * `compliance.cn_quantity_cap_exceeded` (422) says which cap, what is used and what is left.
 * Idempotent per reference: the same reference, buyer, year and grams again is a no-op; the
 * same reference with anything else is a conflict. An empty `grams` reserves nothing.
 */
export async function reserveQuantityCaps(
  tx: Db,
  input: { buyerId: string; year: number; reference: string; grams: Record<string, number> },
): Promise<void> {
  check(input);
  const { buyerId, year, reference } = input;
  if (input.grams === null || typeof input.grams !== 'object' || Array.isArray(input.grams)) {
    throw invalid('compliance.invalid_grams', 'grams must map quantity-cap ids to grams.');
  }
  const wanted = Object.entries(input.grams)
    .map(([capId, grams]) => {
      const limit = capLimitGrams(capId, midYear(year)).grams; // unknown cap → 400, not in force → 422
      if (!Number.isSafeInteger(grams) || grams < 1 || grams > MAX_GRAMS) {
        throw invalid(
          'compliance.invalid_grams',
          `Grams under ${capId} must be an integer from 1 to ${MAX_GRAMS}.`,
        );
      }
      return { capId, grams, limit };
    })
    // One lock order for every transaction, so two checkouts of one buyer do not deadlock.
    .sort((a, b) => a.capId.localeCompare(b.capId));
  if (wanted.length === 0) return;
  const values = sql.join(
    wanted.map((w) => sql`(${w.capId}::text, ${w.grams}::bigint, ${w.limit}::bigint)`),
    sql`, `,
  );
  const outcome = await tx.execute<{ reserved: string[]; fitted: string[] }>(sql`
    WITH input (cap_id, grams, limit_grams) AS (VALUES ${values}),
    reserved AS (
      INSERT INTO cn_quantity_cap_reservations (reference, cap_id, buyer_id, year, grams)
      SELECT ${reference}, cap_id, ${buyerId}, ${year}, grams FROM input ORDER BY cap_id
      ON CONFLICT (reference, cap_id) DO NOTHING
      RETURNING cap_id
    ), fitted AS (
      INSERT INTO cn_quantity_cap_usage AS u (buyer_id, year, cap_id, limit_grams, used_grams)
      SELECT ${buyerId}, ${year}, i.cap_id, i.limit_grams, i.grams
      FROM input i JOIN reserved r ON r.cap_id = i.cap_id
      WHERE i.grams <= i.limit_grams
      ORDER BY i.cap_id
      ON CONFLICT (buyer_id, year, cap_id) DO UPDATE
        SET used_grams = u.used_grams + EXCLUDED.used_grams, updated_at = now()
        WHERE u.used_grams + EXCLUDED.used_grams <= u.limit_grams
      RETURNING cap_id
    )
    SELECT ARRAY(SELECT cap_id FROM reserved ORDER BY cap_id) AS reserved,
           ARRAY(SELECT cap_id FROM fitted ORDER BY cap_id) AS fitted`);
  const { reserved, fitted } = outcome.rows[0]!;
  if (reserved.length === wanted.length && fitted.length === wanted.length) return;
  if (reserved.length === 0) return alreadyReserved(tx, input, wanted);

  // Part of it went in: undo exactly that, so a caller that catches the error and commits leaves no trace.
  for (const w of wanted.filter((x) => fitted.includes(x.capId))) {
    await tx.execute(sql`
      UPDATE cn_quantity_cap_usage SET used_grams = used_grams - ${w.grams}::bigint, updated_at = now()
      WHERE buyer_id = ${buyerId} AND year = ${year} AND cap_id = ${w.capId}`);
  }
  await tx.execute(sql`
    DELETE FROM cn_quantity_cap_reservations
    WHERE reference = ${reference} AND cap_id IN (${sql.join(
      reserved.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  if (reserved.length < wanted.length) {
    throw conflict('compliance.caps_reference_reused', `Reference ${reference} already reserved other caps.`);
  }
  const refused = wanted.find((w) => !fitted.includes(w.capId))!;
  const { rows } = await tx.execute<{ used_grams: string; limit_grams: string }>(sql`
    SELECT used_grams::text, limit_grams::text FROM cn_quantity_cap_usage
    WHERE buyer_id = ${buyerId} AND year = ${year} AND cap_id = ${refused.capId}`);
  throw quantityCapRefusal({
    cap: capLimitGrams(refused.capId, midYear(year)).rule,
    capGrams: rows[0] ? Number(rows[0].limit_grams) : refused.limit,
    usedGrams: rows[0] ? Number(rows[0].used_grams) : 0,
    neededGrams: refused.grams,
    year,
  });
}

/** A retry: the reference already holds exactly this reservation (fine), or something else (conflict). */
async function alreadyReserved(
  tx: Db,
  input: { buyerId: string; year: number; reference: string },
  wanted: { capId: string; grams: number }[],
): Promise<void> {
  const { rows } = await tx.execute<{
    cap_id: string;
    buyer_id: string;
    year: number;
    grams: string;
    released: boolean;
  }>(sql`
    SELECT cap_id, buyer_id, year, grams::text, released_at IS NOT NULL AS released
    FROM cn_quantity_cap_reservations WHERE reference = ${input.reference} ORDER BY cap_id`);
  const same =
    rows.length === wanted.length &&
    rows.every(
      (r, i) =>
        r.buyer_id === input.buyerId &&
        r.year === input.year &&
        r.cap_id === wanted[i]!.capId &&
        Number(r.grams) === wanted[i]!.grams,
    );
  if (!same) {
    throw conflict(
      'compliance.caps_reference_reused',
      `Reference ${input.reference} already reserved other quantities.`,
    );
  }
  if (rows.some((r) => r.released)) {
    throw conflict(
      'compliance.caps_released',
      `The quantities reserved by ${input.reference} were released.`,
    );
  }
}

/**
 * Gives back what a reference reserved under every cap (a refund that restores the quota: see
 * cnQuotaRestoredOnRefund). One statement; idempotent: a second release, or a reference that
 * reserved nothing, changes nothing.
 */
export async function releaseQuantityCaps(
  tx: Db,
  input: { buyerId: string; year: number; reference: string },
): Promise<void> {
  check(input);
  const { buyerId, year, reference } = input;
  const { rows } = await tx.execute<{ cap_id: string }>(sql`
    WITH released AS (
      UPDATE cn_quantity_cap_reservations SET released_at = now()
      WHERE reference = ${reference} AND buyer_id = ${buyerId} AND year = ${year} AND released_at IS NULL
      RETURNING cap_id, grams
    )
    UPDATE cn_quantity_cap_usage u SET used_grams = u.used_grams - r.grams, updated_at = now()
    FROM released r
    WHERE u.buyer_id = ${buyerId} AND u.year = ${year} AND u.cap_id = r.cap_id
    RETURNING u.cap_id`);
  if (rows.length > 0) return;
  const other = await tx.execute(sql`
    SELECT 1 FROM cn_quantity_cap_reservations
    WHERE reference = ${reference} AND (buyer_id <> ${buyerId} OR year <> ${year})`);
  if (other.rows.length > 0) {
    throw conflict(
      'compliance.caps_reference_reused',
      `Reference ${reference} belongs to another buyer or year.`,
    );
  }
}
