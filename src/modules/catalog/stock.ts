import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { assertSellerId, PRODUCT_CHANGED } from './create-product.ts';
import { MAX_STOCK } from './product-input.ts';

export interface StockLine {
  variantId: string;
  quantity: number;
}

/** Sets a variant's stock to a count the seller took (not a delta). */
export async function setStock(
  ctx: Ctx,
  sellerId: SellerId,
  variantId: string,
  stock: number,
): Promise<void> {
  assertSellerId(sellerId);
  if (!Number.isSafeInteger(stock) || stock < 0 || stock > MAX_STOCK) {
    throw invalid('catalog.invalid_stock', `Stock is a whole number from 0 to ${MAX_STOCK}.`, { stock });
  }
  await inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.execute<{ product_id: string }>(sql`
      UPDATE variants SET stock = ${stock}
       WHERE seller_id = ${sellerId} AND id = ${variantId} AND retired_at IS NULL
       RETURNING product_id`);
    const row = rows[0];
    if (!row) throw notFound('catalog.variant_not_found', 'No such variant.', { variantId });
    await emitEvent(tx, PRODUCT_CHANGED, row.product_id, { productId: row.product_id });
  });
}

/** Validates, merges repeated variants, and orders by variant id (one lock order for every caller). */
function normalize(lines: readonly StockLine[]): { variantId: string; quantity: number }[] {
  const merged = new Map<string, number>();
  for (const l of lines) {
    if (typeof l.variantId !== 'string' || l.variantId.length === 0 || l.variantId.length > 64) {
      throw invalid('catalog.invalid_variant', 'A stock line needs a variant id.', {
        variantId: l.variantId,
      });
    }
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_STOCK) {
      throw invalid('catalog.invalid_quantity', `A quantity is a whole number from 1 to ${MAX_STOCK}.`, {
        variantId: l.variantId,
        quantity: l.quantity,
      });
    }
    merged.set(l.variantId, (merged.get(l.variantId) ?? 0) + l.quantity);
  }
  return [...merged]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([variantId, quantity]) => ({ variantId, quantity }));
}

/**
 * Reserves stock in the caller's transaction: one conditional UPDATE per variant
 * (`stock = stock - q WHERE stock >= q`), in variant-id order so two checkouts never deadlock.
 * The row lock and the re-checked condition make the database the judge: no process can
 * oversell. A short line throws `catalog.out_of_stock` ({ variantId, requested, available });
 * the reservation runs in a savepoint, so even a caller that catches it has reserved nothing.
 * Index events are emitted only when a variant sells out (its in-stock flag flips), which keeps
 * the checkout path to one write per line.
 * @example
 * await inTransaction(db, (tx) => reserveStock(tx, [{ variantId, quantity: 2 }]));
 */
export async function reserveStock(tx: Db, lines: StockLine[]): Promise<void> {
  const wanted = normalize(lines);
  if (wanted.length === 0) return;
  await tx.transaction(async (sp) => {
    for (const line of wanted) {
      const { rows } = await sp.execute<{ product_id: string; stock: number }>(sql`
        UPDATE variants SET stock = stock - ${line.quantity}
         WHERE id = ${line.variantId} AND stock >= ${line.quantity}
         RETURNING product_id, stock`);
      const row = rows[0];
      if (!row) {
        const { rows: found } = await sp.execute<{ stock: number }>(
          sql`SELECT stock FROM variants WHERE id = ${line.variantId}`,
        );
        if (!found[0])
          throw notFound('catalog.variant_not_found', 'No such variant.', { variantId: line.variantId });
        throw conflict('catalog.out_of_stock', 'Not enough stock.', {
          variantId: line.variantId,
          requested: line.quantity,
          available: found[0].stock,
        });
      }
      if (row.stock === 0)
        await emitEvent(sp, PRODUCT_CHANGED, row.product_id, { productId: row.product_id });
    }
  });
}

/** Gives reserved stock back (an order cancelled or refunded), in the caller's transaction. */
export async function releaseStock(tx: Db, lines: StockLine[]): Promise<void> {
  const wanted = normalize(lines);
  if (wanted.length === 0) return;
  await tx.transaction(async (sp) => {
    for (const line of wanted) {
      const { rows } = await sp.execute<{ product_id: string; stock: number }>(sql`
        UPDATE variants SET stock = stock + ${line.quantity}
         WHERE id = ${line.variantId}
         RETURNING product_id, stock`);
      const row = rows[0];
      if (!row)
        throw notFound('catalog.variant_not_found', 'No such variant.', { variantId: line.variantId });
      if (row.stock === line.quantity) {
        await emitEvent(sp, PRODUCT_CHANGED, row.product_id, { productId: row.product_id });
      }
    }
  });
}
