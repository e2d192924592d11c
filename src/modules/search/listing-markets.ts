import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import { isMarketCode } from '../../kernel/locales.ts';

/** A period in which a product may be shown in a market: from `from` (inclusive) to `until` (exclusive; null: open). */
export interface ListingMarketWindow {
  market: string;
  from: Date;
  until: Date | null;
}

export interface ListingMarkets {
  productId: string;
  windows: readonly ListingMarketWindow[];
}

/**
 * Keeps the market periods of some products current, writing them with `setListingMarkets`.
 * Search cannot ask compliance, so the listing-eligibility flow supplies this; the indexer calls
 * it for every product it (re)indexes.
 */
export type ListingMarketsRefresher = (
  db: Db,
  products: readonly { productId: string; sellerId: string }[],
) => Promise<void>;

const MAX_WINDOWS = 64;

function check(entry: ListingMarkets): void {
  const bad = (reason: string) =>
    invalid('search.invalid_listing_markets', `Markets of ${entry.productId}: ${reason}.`, {
      productId: entry.productId,
    });
  if (!entry.productId || entry.productId.length > 100) throw bad('the product id is missing or too long');
  if (entry.windows.length > MAX_WINDOWS) throw bad(`more than ${MAX_WINDOWS} periods`);
  for (const w of entry.windows) {
    if (!isMarketCode(w.market)) throw bad(`unknown market ${String(w.market).slice(0, 8)}`);
    if (Number.isNaN(w.from.getTime()) || (w.until && !(w.until.getTime() > w.from.getTime()))) {
      throw bad('a period ends before it starts');
    }
  }
}

/**
 * Replaces the market periods of the given products (a product with no period is shown in no
 * market). Products are written in id order so concurrent writers cannot deadlock.
 */
export async function setListingMarkets(db: Db, entries: readonly ListingMarkets[]): Promise<void> {
  if (entries.length === 0) return;
  for (const e of entries) check(e);
  const sorted = [...entries].sort((a, b) => (a.productId < b.productId ? -1 : 1));
  const ids = sorted.map((e) => e.productId);
  await db.execute(sql`DELETE FROM search_listing_markets WHERE product_id = ANY(${sql.param(ids)}::text[])`);
  const rows = sorted.flatMap((e) =>
    e.windows.map((w) => ({
      product_id: e.productId,
      market: w.market,
      eligible_from: w.from.toISOString(),
      eligible_until: w.until?.toISOString() ?? null,
    })),
  );
  for (let i = 0; i < rows.length; i += 1000) {
    await db.execute(sql`
      INSERT INTO search_listing_markets (product_id, market, eligible_from, eligible_until)
      SELECT product_id, market, eligible_from, eligible_until
        FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 1000))}::jsonb)
          AS r(product_id text, market text, eligible_from timestamptz, eligible_until timestamptz)
      ON CONFLICT (product_id, market, eligible_from) DO UPDATE SET eligible_until = EXCLUDED.eligible_until`);
  }
}

/** Shows the products in no market (until their periods are written again). */
export async function clearListingMarkets(db: Db, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  await db.execute(
    sql`DELETE FROM search_listing_markets WHERE product_id = ANY(${sql.param([...productIds])}::text[])`,
  );
}

/** SQL condition on a `search_documents` row: the product may be shown in the market at the instant. */
export function shownInMarket(market: string, at: Date): SQL {
  return sql`EXISTS (
    SELECT 1 FROM search_listing_markets lm
     WHERE lm.product_id = search_documents.product_id AND lm.market = ${market}
       AND lm.eligible_from <= ${at.toISOString()}::timestamptz
       AND (lm.eligible_until IS NULL OR lm.eligible_until > ${at.toISOString()}::timestamptz))`;
}
