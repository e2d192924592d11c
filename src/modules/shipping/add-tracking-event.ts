import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import { isId } from '../../kernel/ids.ts';
import { SHIPMENT_STATUSES, type ShipmentStatus, type ShipmentView, shipmentById } from './shipment-view.ts';

/** Carrier clocks drift; an event dated a little ahead of ours is accepted, not more. */
const MAX_FUTURE_MS = 10 * 60_000;

/**
 * Adds a carrier's tracking event. The shipment's status follows its latest event by time (an
 * event that arrives late but happened earlier is kept in the history without moving the
 * status). `delivered` is final: later events are `shipping.already_delivered` (409), and
 * `deliveredNow` is true only for the event that delivered it. The shipment row is locked, so
 * two concurrent deliveries cannot both report `deliveredNow`.
 */
export async function addTrackingEvent(
  tx: Db,
  clock: Clock,
  input: { shipmentId: string; status: ShipmentStatus; location: string; description: string; at?: Date },
): Promise<{ shipment: ShipmentView; deliveredNow: boolean }> {
  if (!isId('shp', input.shipmentId))
    throw invalid('shipping.invalid_shipment', 'shipmentId must be a shipment id (shp_…).');
  if (!(SHIPMENT_STATUSES as readonly string[]).includes(input.status)) {
    throw invalid('shipping.invalid_status', `status must be one of ${SHIPMENT_STATUSES.join(', ')}.`);
  }
  const location = typeof input.location === 'string' ? input.location.trim() : '';
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (location.length === 0 || location.length > 200)
    throw invalid('shipping.invalid_location', 'location must be 1 to 200 characters.');
  if (description.length === 0 || description.length > 500) {
    throw invalid('shipping.invalid_description', 'description must be 1 to 500 characters.');
  }
  const now = clock.now();
  const at = input.at ?? now;
  if (!(at instanceof Date) || Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + MAX_FUTURE_MS) {
    throw invalid('shipping.invalid_event_time', 'The event time must be a valid time, not in the future.');
  }
  return inTransaction(tx, async (t) => {
    const { rows } = await t.execute<{ status: string; last_event_at: Date | null; order_id: string }>(sql`
      SELECT status, last_event_at, order_id FROM shipments WHERE id = ${input.shipmentId} FOR UPDATE`);
    const current = rows[0];
    if (!current) throw notFound('shipping.unknown_shipment', `There is no shipment ${input.shipmentId}.`);
    if (current.status === 'delivered') {
      throw conflict(
        'shipping.already_delivered',
        'This shipment has been delivered; it takes no more tracking events.',
      );
    }
    await t.execute(sql`
      INSERT INTO shipment_events (shipment_id, at, status, location, description, recorded_at)
      VALUES (${input.shipmentId}, ${at.toISOString()}::timestamptz, ${input.status}, ${location}, ${description},
              ${now.toISOString()}::timestamptz)`);
    const deliveredNow = input.status === 'delivered';
    const isLatest = !current.last_event_at || at.getTime() >= new Date(current.last_event_at).getTime();
    if (deliveredNow) {
      await t.execute(sql`
        UPDATE shipments SET status = 'delivered', delivered_at = ${at.toISOString()}::timestamptz,
          last_event_at = GREATEST(last_event_at, ${at.toISOString()}::timestamptz)
        WHERE id = ${input.shipmentId}`);
      await emitEvent(t, 'shipping.shipment_delivered', input.shipmentId, {
        shipmentId: input.shipmentId,
        orderId: current.order_id,
        deliveredAt: at.toISOString(),
      });
    } else if (isLatest) {
      await t.execute(sql`
        UPDATE shipments SET status = ${input.status}, last_event_at = ${at.toISOString()}::timestamptz
        WHERE id = ${input.shipmentId}`);
    }
    return { shipment: (await shipmentById(t, input.shipmentId))!, deliveredNow };
  });
}
