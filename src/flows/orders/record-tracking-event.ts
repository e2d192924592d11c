import { inTransaction } from '../../db/transaction.ts';
import { actsForSeller, type Principal } from '../../kernel/access.ts';
import { conflict, forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import type { FlowCtx } from '../context.ts';
import { type OrderDetail, readOrderDetail } from './get-order-detail.ts';

/** A carrier's tracking event; the first 'delivered' marks the order delivered. */
export async function recordTrackingEvent(
  ctx: FlowCtx,
  principal: Principal,
  input: { orderId: string; status: shipping.ShipmentStatus; location: string; description: string },
): Promise<OrderDetail> {
  const order = await orders.getOrder(ctx.db, input.orderId);
  if (!actsForSeller(principal, order.sellerId)) {
    throw forbidden('orders.not_your_order', 'This order belongs to another seller.');
  }
  const existing = await shipping.shipmentForOrder(ctx.db, order.id);
  if (!existing) throw conflict('orders.not_shipped', 'This order has not been shipped yet.');
  await inTransaction(ctx.db, async (tx) => {
    const r = await shipping.addTrackingEvent(tx, ctx.clock, {
      shipmentId: existing.id,
      status: input.status,
      location: input.location,
      description: input.description,
    });
    if (r.deliveredNow) {
      const current = await orders.getOrder(tx, order.id);
      if (current.status === 'shipped') {
        await orders.transitionOrder(tx, ctx.clock, { orderId: order.id, to: 'delivered', actor: 'carrier' });
      }
    }
  });
  return readOrderDetail(ctx, order.id);
}
