import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict } from '../../kernel/errors.ts';

/** Orders whose escrow is still held (paid, not yet released or refunded) that contain any of these products. */
export async function openOrdersWithProducts(db: Db, productIds: readonly string[]): Promise<string[]> {
  if (productIds.length === 0) return [];
  const { rows } = await db.execute<{ id: string }>(sql`
    SELECT DISTINCT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id
     WHERE l.product_id = ANY(${sql.param([...productIds])}::text[])
       AND o.status IN ('paid', 'shipped', 'delivered', 'disputed')
     ORDER BY o.id`);
  return rows.map((r) => r.id);
}

/**
 * Freezes escrow release on orders under a reference (a takedown notice). Idempotent per
 * (order, reference); a freeze lifted earlier under the same reference is not re-applied.
 */
export async function freezeEscrowRelease(
  tx: Db,
  clock: Clock,
  input: { orderIds: readonly string[]; reference: string; reason: string },
): Promise<string[]> {
  if (input.orderIds.length === 0) return [];
  const { rows } = await tx.execute<{ order_id: string }>(sql`
    INSERT INTO escrow_freezes (order_id, reference, reason, frozen_at)
    SELECT id, ${input.reference}, ${input.reason}, ${clock.now().toISOString()}
      FROM unnest(${sql.param([...input.orderIds])}::text[]) AS id
    ON CONFLICT (order_id, reference) DO NOTHING
    RETURNING order_id`);
  return rows.map((r) => r.order_id);
}

/** Lifts every freeze made under a reference; the orders are released once no other freeze holds them. */
export async function liftEscrowFreeze(tx: Db, clock: Clock, reference: string): Promise<string[]> {
  const { rows } = await tx.execute<{ order_id: string }>(sql`
    UPDATE escrow_freezes SET lifted_at = ${clock.now().toISOString()}
     WHERE reference = ${reference} AND lifted_at IS NULL
     RETURNING order_id`);
  return rows.map((r) => r.order_id);
}

/** The references of the freezes now holding an order's escrow (empty: it may be released). */
export async function activeEscrowFreezes(
  db: Db,
  orderId: string,
): Promise<{ reference: string; reason: string }[]> {
  const { rows } = await db.execute<{ reference: string; reason: string }>(sql`
    SELECT reference, reason FROM escrow_freezes WHERE order_id = ${orderId} AND lifted_at IS NULL ORDER BY frozen_at`);
  return rows;
}

/** Called under the order's row lock before it moves to completed: a frozen escrow is not released. */
export async function assertEscrowNotFrozen(tx: Db, orderId: string): Promise<void> {
  const freezes = await activeEscrowFreezes(tx, orderId);
  if (freezes.length > 0) {
    throw conflict(
      'orders.escrow_frozen',
      'Escrow release on this order is frozen while a rights owner’s notice is open.',
      { orderId, references: freezes.map((f) => f.reference) },
    );
  }
}
