import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { notFound } from '../../kernel/errors.js';
import type { OrderStatus } from './order-states.js';
import { type OrderView, rowToOrder } from './order-view.js';

async function withLines(db: Db, rows: Record<string, unknown>[]): Promise<OrderView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id as string);
  const lines = await db.execute(
    sql`SELECT * FROM order_lines WHERE order_id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY order_id, line_no`,
  );
  const byOrder = new Map<string, Record<string, unknown>[]>();
  for (const l of lines.rows) {
    const list = byOrder.get(l.order_id as string) ?? [];
    list.push(l);
    byOrder.set(l.order_id as string, list);
  }
  return rows.map((r) => rowToOrder(r, byOrder.get(r.id as string) ?? []));
}

export async function getOrder(db: Db, id: string): Promise<OrderView> {
  const res = await db.execute(sql`SELECT * FROM orders WHERE id = ${id}`);
  if (!res.rows[0]) throw notFound('orders.not_found', 'No such order.');
  return (await withLines(db, res.rows))[0]!;
}

export async function ordersForCheckout(db: Db, checkoutId: string): Promise<OrderView[]> {
  const res = await db.execute(sql`SELECT * FROM orders WHERE checkout_id = ${checkoutId} ORDER BY id`);
  return withLines(db, res.rows);
}

export async function ordersByIds(db: Db, ids: readonly string[]): Promise<OrderView[]> {
  if (ids.length === 0) return [];
  const res = await db.execute(
    sql`SELECT * FROM orders WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY id`,
  );
  return withLines(db, res.rows);
}

export async function listBuyerOrders(
  db: Db,
  buyerId: string,
  opts: { limit?: number } = {},
): Promise<OrderView[]> {
  const res = await db.execute(
    sql`SELECT * FROM orders WHERE buyer_id = ${buyerId} ORDER BY placed_at DESC, id DESC LIMIT ${opts.limit ?? 50}`,
  );
  return withLines(db, res.rows);
}

export async function listSellerOrders(
  db: Db,
  sellerId: string,
  opts: { status?: OrderStatus; limit?: number } = {},
): Promise<OrderView[]> {
  const res = await db.execute(sql`SELECT * FROM orders WHERE seller_id = ${sellerId}
      ${opts.status ? sql`AND status = ${opts.status}` : sql``}
    ORDER BY placed_at DESC, id DESC LIMIT ${opts.limit ?? 100}`);
  return withLines(db, res.rows);
}

/** Orders whose confirmation window has passed with no dispute open (disputed orders are in another status). */
export async function ordersDueForRelease(db: Db, now: Date, limit = 500): Promise<string[]> {
  const res = await db.execute(sql`SELECT id FROM orders
    WHERE status IN ('shipped', 'delivered') AND confirmation_due_at <= ${now.toISOString()}
    ORDER BY confirmation_due_at LIMIT ${limit}`);
  return res.rows.map((r) => r.id as string);
}

export async function orderEvents(
  db: Db,
  orderId: string,
): Promise<{ at: Date; from: string | null; to: string; actor: string | null; note: string | null }[]> {
  const res = await db.execute(sql`SELECT * FROM order_events WHERE order_id = ${orderId} ORDER BY id`);
  return res.rows.map((r) => ({
    at: new Date(r.at as string),
    from: (r.from_status as string | null) ?? null,
    to: r.to_status as string,
    actor: (r.actor as string | null) ?? null,
    note: (r.note as string | null) ?? null,
  }));
}

export async function openDisputeForOrder(db: Db, orderId: string): Promise<string | null> {
  const res = await db.execute(sql`SELECT id FROM disputes WHERE order_id = ${orderId} AND status = 'open'`);
  return (res.rows[0]?.id as string | undefined) ?? null;
}
