import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../kernel/errors.ts';
import type { OrderStatus } from './order-states.ts';
import { type OrderView, rowToOrder } from './order-view.ts';

/**
 * Orders with their lines in one round trip: the lines come back as a JSON array per order,
 * money as text so no amount passes through a float.
 */
const LINES = sql`COALESCE((SELECT json_agg(json_build_object(
    'line_no', l.line_no, 'variant_id', l.variant_id, 'product_id', l.product_id, 'sku', l.sku, 'title', l.title,
    'hs_code', l.hs_code, 'quantity', l.quantity, 'unit_price_usd', l.unit_price_usd::text,
    'unit_price', l.unit_price::text, 'goods_amount', l.goods_amount::text, 'freight_amount', l.freight_amount::text,
    'duty', l.duty::text, 'import_vat', l.import_vat::text, 'consumption_tax', l.consumption_tax::text, 'rules', l.rules)
    ORDER BY l.line_no) FROM order_lines l WHERE l.order_id = o.id), '[]'::json) AS lines`;

function withLines(rows: Record<string, unknown>[]): OrderView[] {
  return rows.map((r) => rowToOrder(r, r.lines as Record<string, unknown>[]));
}

export async function getOrder(db: Db, id: string): Promise<OrderView> {
  const res = await db.execute(sql`SELECT o.*, ${LINES} FROM orders o WHERE o.id = ${id}`);
  if (!res.rows[0]) throw notFound('orders.not_found', 'No such order.');
  return withLines(res.rows)[0]!;
}

export async function ordersForCheckout(db: Db, checkoutId: string): Promise<OrderView[]> {
  const res = await db.execute(
    sql`SELECT o.*, ${LINES} FROM orders o WHERE o.checkout_id = ${checkoutId} ORDER BY o.id`,
  );
  return withLines(res.rows);
}

export async function ordersByIds(db: Db, ids: readonly string[]): Promise<OrderView[]> {
  if (ids.length === 0) return [];
  const res = await db.execute(
    sql`SELECT o.*, ${LINES} FROM orders o WHERE o.id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY o.id`,
  );
  return withLines(res.rows);
}

export async function listBuyerOrders(
  db: Db,
  buyerId: string,
  opts: { limit?: number } = {},
): Promise<OrderView[]> {
  const res = await db.execute(
    sql`SELECT o.*, ${LINES} FROM orders o WHERE o.buyer_id = ${buyerId} ORDER BY o.placed_at DESC, o.id DESC LIMIT ${opts.limit ?? 50}`,
  );
  return withLines(res.rows);
}

/**
 * How many parcels a buyer has had sent to a market since an instant (Taiwan's frequent-importer
 * rule counts imports per half-year). Orders cancelled before shipping never crossed a border.
 */
export async function countBuyerParcelsSince(
  db: Db,
  input: { buyerId: string; market: string; since: Date },
): Promise<number> {
  const res = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM orders
        WHERE buyer_id = ${input.buyerId} AND market = ${input.market} AND placed_at >= ${input.since}
          AND status <> 'cancelled'`,
  );
  return res.rows[0]!.n;
}

export async function listSellerOrders(
  db: Db,
  sellerId: string,
  opts: { status?: OrderStatus; limit?: number } = {},
): Promise<OrderView[]> {
  const res = await db.execute(sql`SELECT o.*, ${LINES} FROM orders o WHERE o.seller_id = ${sellerId}
      ${opts.status ? sql`AND o.status = ${opts.status}` : sql``}
    ORDER BY o.placed_at DESC, o.id DESC LIMIT ${opts.limit ?? 100}`);
  return withLines(res.rows);
}

/** Orders whose confirmation window has passed with no dispute open (disputed orders are in another status). */
export async function ordersDueForRelease(db: Db, now: Date, limit = 500): Promise<string[]> {
  const res = await db.execute(sql`SELECT id FROM orders
    WHERE status IN ('shipped', 'delivered') AND confirmation_due_at <= ${now.toISOString()}
      AND NOT EXISTS (SELECT 1 FROM escrow_freezes f WHERE f.order_id = orders.id AND f.lifted_at IS NULL)
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
