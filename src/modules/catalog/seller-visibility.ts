import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { assertSellerId, PRODUCT_CHANGED } from './create-product.ts';

/**
 * Shows or hides every listing of a seller at once (the seller-verification flow calls it in
 * the transaction that changes the seller's state), and records the standing for listings
 * created later. Emits `catalog.product_changed` for each product whose visibility changed.
 */
export async function setSellerVisibility(tx: Db, sellerId: SellerId, visible: boolean): Promise<void> {
  assertSellerId(sellerId);
  await tx.execute(sql`
    INSERT INTO catalog_sellers (seller_id, visible, updated_at) VALUES (${sellerId}, ${visible}, now())
    ON CONFLICT (seller_id) DO UPDATE SET visible = EXCLUDED.visible, updated_at = now()`);
  const { rows } = await tx.execute<{ id: string }>(sql`
    UPDATE products SET seller_visible = ${visible}
     WHERE seller_id = ${sellerId} AND seller_visible <> ${visible}
     RETURNING id`);
  for (const { id } of rows) await emitEvent(tx, PRODUCT_CHANGED, id, { productId: id });
}
