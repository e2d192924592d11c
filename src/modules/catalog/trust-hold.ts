import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { isId } from '../../kernel/ids.ts';
import { PRODUCT_CHANGED } from './create-product.ts';
import type { ProductView, TrustHold } from './product-view.ts';

/**
 * Runs inside the transaction that creates or changes a listing, after the catalog's own writes:
 * the trust flow's listing checks. It may hold the listing (setTrustHold) before anyone sees it.
 */
export type ListingCheck = (tx: Db, product: ProductView, change: 'created' | 'updated') => Promise<void>;

/**
 * Puts a trust hold on listings, or lifts it (`hold: null`). `onlyFrom` limits the change to
 * listings whose current hold is one of these (null = no hold), so lifting a review hold never
 * lifts a takedown. Returns the ids that changed; each emits `catalog.product_changed` so the
 * search index drops or restores them.
 */
export async function setTrustHold(
  tx: Db,
  productIds: readonly string[],
  hold: TrustHold | null,
  onlyFrom?: readonly (TrustHold | null)[],
): Promise<string[]> {
  const ids = [...new Set(productIds)].filter((id) => isId('prd', id));
  if (ids.length === 0) return [];
  const from = onlyFrom?.filter((h): h is TrustHold => h !== null) ?? [];
  const fromNone = onlyFrom?.includes(null) ?? false;
  const guard = onlyFrom
    ? sql`AND (${fromNone ? sql`trust_hold IS NULL OR` : sql``} trust_hold = ANY(${sql.param(from)}::text[]))`
    : sql``;
  const { rows } = await tx.execute<{ id: string }>(sql`
    UPDATE products SET trust_hold = ${hold}
     WHERE id = ANY(${sql.param(ids)}::text[]) AND trust_hold IS DISTINCT FROM ${hold} ${guard}
     RETURNING id`);
  for (const { id } of rows) await emitEvent(tx, PRODUCT_CHANGED, id, { productId: id });
  return rows.map((r) => r.id);
}

/** The listings of a seller (optionally only some products) with their brand, for authorization checks. */
export async function sellerListingsOfBrand(
  db: Db,
  sellerId: string,
  brand: string,
): Promise<{ id: string; trustHold: TrustHold | null }[]> {
  const { rows } = await db.execute<{ id: string; trust_hold: TrustHold | null }>(sql`
    SELECT id, trust_hold FROM products WHERE seller_id = ${sellerId} AND lower(brand) = lower(${brand})`);
  return rows.map((r) => ({ id: r.id, trustHold: r.trust_hold }));
}
