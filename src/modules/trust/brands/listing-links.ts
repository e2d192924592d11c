import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';

/** A listing that names a brand (its title, brand field or a brand term in one of its languages). */
export interface BrandListingLink {
  brandId: string;
  sellerId: string;
  productId: string;
  matchedTerm: string;
  createdAt: string;
}

interface Row extends Record<string, unknown> {
  brand_id: string;
  seller_id: string;
  product_id: string;
  matched_term: string;
  created_at: Date | string;
}

const toLink = (r: Row): BrandListingLink => ({
  brandId: r.brand_id,
  sellerId: r.seller_id,
  productId: r.product_id,
  matchedTerm: r.matched_term,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Records that a listing names a brand (the listing check calls it). Idempotent; the term is updated. */
export async function linkListingToBrand(
  tx: Db,
  link: { brandId: string; sellerId: string; productId: string; matchedTerm: string; at?: Date },
): Promise<void> {
  const at = link.at ? sql`${link.at.toISOString()}::timestamptz` : sql`now()`;
  await tx.execute(sql`
    INSERT INTO brand_listing_links (brand_id, seller_id, product_id, matched_term, created_at)
    VALUES (${link.brandId}, ${link.sellerId}, ${link.productId}, ${link.matchedTerm.slice(0, 200)}, ${at})
    ON CONFLICT (brand_id, product_id) DO UPDATE
      SET matched_term = EXCLUDED.matched_term, seller_id = EXCLUDED.seller_id`);
}

/** Forgets every brand a listing named (before its check runs again on an edit). Returns how many. */
export async function unlinkListingFromBrands(tx: Db, productId: string): Promise<number> {
  const { rows } = await tx.execute(
    sql`DELETE FROM brand_listing_links WHERE product_id = ${productId} RETURNING brand_id`,
  );
  return rows.length;
}

/** The listings that name a brand, optionally only one seller's. */
export async function listingsLinkedToBrand(
  db: Db,
  q: { brandId: string; sellerId?: string },
): Promise<BrandListingLink[]> {
  const seller = q.sellerId ? sql`AND seller_id = ${q.sellerId}` : sql``;
  const { rows } = await db.execute<Row>(sql`
    SELECT * FROM brand_listing_links WHERE brand_id = ${q.brandId} ${seller} ORDER BY created_at, product_id`);
  return rows.map(toLink);
}

/** The brands these listings name: one row per (listing, brand). */
export async function brandLinksOfListings(
  db: Db,
  productIds: readonly string[],
): Promise<BrandListingLink[]> {
  if (productIds.length === 0) return [];
  const { rows } = await db.execute<Row>(sql`
    SELECT * FROM brand_listing_links WHERE product_id = ANY(${sql.param([...productIds])}::text[])
     ORDER BY product_id, brand_id`);
  return rows.map(toLink);
}
