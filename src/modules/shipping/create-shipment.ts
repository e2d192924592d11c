import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { isId, newId } from '../../kernel/ids.ts';
import { SHIPPING_METHODS, type ShippingMethod } from './rate-card.ts';
import { type ShipmentView, shipmentById, shipmentForOrder } from './shipment-view.ts';

export const TRACKING_NUMBER_RE = /^[A-Za-z0-9-]{4,40}$/;
/** AES's Internal Transaction Number: 'X' and 14 digits. */
export const ITN_RE = /^X[0-9]{14}$/;

/**
 * Records the seller's parcel for an order; its status starts at `label_created`. One shipment
 * per order: the same order with the same carrier and tracking number returns the existing
 * shipment (a retry); anything else is `shipping.already_shipped` (409).
 */
export async function createShipment(
  tx: Db,
  clock: Clock,
  input: {
    orderId: string;
    sellerId: string;
    carrier: string;
    trackingNumber: string;
    method: ShippingMethod;
    /** The ITN of the parcel's EEI filing, when one was filed. */
    itn?: string | null;
  },
): Promise<ShipmentView> {
  const itn = input.itn ?? null;
  if (!isId('ord', input.orderId))
    throw invalid('shipping.invalid_order', 'orderId must be an order id (ord_…).');
  if (!isId('sel', input.sellerId))
    throw invalid('shipping.invalid_seller', 'sellerId must be a seller id (sel_…).');
  const carrier = typeof input.carrier === 'string' ? input.carrier.trim() : '';
  if (carrier.length === 0 || carrier.length > 60)
    throw invalid('shipping.invalid_carrier', 'The carrier must be 1 to 60 characters.');
  if (!TRACKING_NUMBER_RE.test(input.trackingNumber)) {
    throw invalid(
      'shipping.invalid_tracking_number',
      'The tracking number must be 4 to 40 letters, digits or dashes.',
    );
  }
  if (itn !== null && !ITN_RE.test(itn))
    throw invalid('shipping.invalid_itn', "An ITN is 'X' followed by 14 digits (AES).");
  if (!(SHIPPING_METHODS as readonly string[]).includes(input.method)) {
    throw invalid('shipping.unknown_method', 'The method must be "express" or "surface".');
  }
  return inTransaction(tx, async (t) => {
    const id = newId('shp');
    const now = clock.now();
    const inserted = await t.execute(sql`
      INSERT INTO shipments (id, order_id, seller_id, carrier, tracking_number, method, status, shipped_at, itn)
      VALUES (${id}, ${input.orderId}, ${input.sellerId}, ${carrier}, ${input.trackingNumber}, ${input.method},
              'label_created', ${now.toISOString()}::timestamptz, ${itn})
      ON CONFLICT (order_id) DO NOTHING RETURNING id`);
    if (inserted.rows.length === 0) {
      const existing = (await shipmentForOrder(t, input.orderId))!;
      const same =
        existing.carrier === carrier &&
        existing.trackingNumber === input.trackingNumber &&
        existing.sellerId === input.sellerId &&
        existing.method === input.method &&
        existing.itn === itn;
      if (!same) {
        throw conflict(
          'shipping.already_shipped',
          'This order has already been shipped with another parcel.',
          {
            shipmentId: existing.id,
          },
        );
      }
      return existing;
    }
    await emitEvent(t, 'shipping.shipment_created', id, {
      shipmentId: id,
      orderId: input.orderId,
      sellerId: input.sellerId,
    });
    return (await shipmentById(t, id))!;
  });
}
