import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import type { ShippingMethod } from './rate-card.ts';

export const SHIPMENT_STATUSES = [
  'in_transit',
  'customs_cleared',
  'out_for_delivery',
  'delivered',
  'exception',
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface ShipmentView {
  id: string;
  orderId: string;
  sellerId: string;
  carrier: string;
  trackingNumber: string;
  method: ShippingMethod;
  status: 'label_created' | ShipmentStatus;
  /** AES Internal Transaction Number of the parcel's EEI filing; null when none was needed or given. */
  itn: string | null;
  shippedAt: string;
  deliveredAt: string | null;
  events: { at: string; status: ShipmentStatus; location: string; description: string }[];
}

interface ShipmentRow extends Record<string, unknown> {
  id: string;
  order_id: string;
  seller_id: string;
  carrier: string;
  tracking_number: string;
  method: ShippingMethod;
  status: ShipmentView['status'];
  itn: string | null;
  shipped_at: Date;
  delivered_at: Date | null;
}

interface EventRow extends Record<string, unknown> {
  shipment_id: string;
  at: Date;
  status: ShipmentStatus;
  location: string;
  description: string;
}

const iso = (d: Date) => new Date(d).toISOString();

async function views(db: Db, rows: ShipmentRow[]): Promise<ShipmentView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const { rows: events } = await db.execute<EventRow>(sql`
    SELECT shipment_id, at, status, location, description FROM shipment_events
    WHERE shipment_id IN ${ids} ORDER BY at, id`);
  const byShipment = new Map<string, ShipmentView['events']>();
  for (const e of events) {
    const list = byShipment.get(e.shipment_id) ?? [];
    list.push({ at: iso(e.at), status: e.status, location: e.location, description: e.description });
    byShipment.set(e.shipment_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    sellerId: r.seller_id,
    carrier: r.carrier,
    trackingNumber: r.tracking_number,
    method: r.method,
    status: r.status,
    itn: r.itn,
    shippedAt: iso(r.shipped_at),
    deliveredAt: r.delivered_at ? iso(r.delivered_at) : null,
    events: byShipment.get(r.id) ?? [],
  }));
}

const COLUMNS = sql`id, order_id, seller_id, carrier, tracking_number, method, status, itn, shipped_at, delivered_at`;

export async function shipmentById(db: Db, id: string): Promise<ShipmentView | null> {
  const { rows } = await db.execute<ShipmentRow>(sql`SELECT ${COLUMNS} FROM shipments WHERE id = ${id}`);
  return (await views(db, rows))[0] ?? null;
}

/** The shipment of an order, with its tracking events oldest first; null when not shipped. */
export async function shipmentForOrder(db: Db, orderId: string): Promise<ShipmentView | null> {
  const { rows } = await db.execute<ShipmentRow>(
    sql`SELECT ${COLUMNS} FROM shipments WHERE order_id = ${orderId}`,
  );
  return (await views(db, rows))[0] ?? null;
}

const MAX_ORDERS = 1000;

/** The shipments of several orders (at most 1,000 ids), in the order of `orderIds`; unshipped orders are left out. */
export async function shipmentsForOrders(db: Db, orderIds: string[]): Promise<ShipmentView[]> {
  const unique = [...new Set(orderIds)];
  if (unique.length === 0) return [];
  if (unique.length > MAX_ORDERS)
    throw invalid('shipping.too_many_orders', `At most ${MAX_ORDERS} order ids at a time.`);
  const { rows } = await db.execute<ShipmentRow>(
    sql`SELECT ${COLUMNS} FROM shipments WHERE order_id IN ${unique}`,
  );
  const found = await views(db, rows);
  const rank = new Map(unique.map((id, i) => [id, i]));
  return found.sort((a, b) => rank.get(a.orderId)! - rank.get(b.orderId)!);
}
