import { inTransaction } from '../db/transaction.js';
import type { Principal } from '../kernel/access.js';
import { conflict, forbidden } from '../kernel/errors.js';
import * as markets from '../modules/markets/index.js';
import * as orders from '../modules/orders/index.js';
import * as shipping from '../modules/shipping/index.js';
import type { FlowCtx } from './context.js';

const DAY_MS = 86_400_000;

/**
 * The seller hands the parcel to a carrier: the order becomes shipped and the buyer's
 * confirmation window starts (policy data per market and shipping method).
 */
export async function shipOrder(
  ctx: FlowCtx,
  principal: Principal,
  input: { sellerId: string; orderId: string; carrier: string; trackingNumber: string },
): Promise<{ order: orders.OrderView; shipment: shipping.ShipmentView }> {
  if (!principal.roles.includes('platform_admin') && !principal.sellerIds.includes(input.sellerId as never)) {
    throw forbidden('orders.not_your_seller', 'You are not staff of this seller.');
  }
  const order = await orders.getOrder(ctx.db, input.orderId);
  if (order.sellerId !== input.sellerId)
    throw forbidden('orders.not_your_order', 'This order belongs to another seller.');
  const market = await markets.getMarket(ctx.db, order.market);
  const days = market.confirmationWindowDays[order.shippingMethod];
  const shipment = await inTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now();
    await orders.transitionOrder(tx, ctx.clock, {
      orderId: order.id,
      to: 'shipped',
      actor: principal.userId,
      note: `${input.carrier} ${input.trackingNumber}`,
      confirmationDueAt: new Date(now.getTime() + days * DAY_MS),
    });
    return shipping.createShipment(tx, ctx.clock, {
      orderId: order.id,
      sellerId: order.sellerId,
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      method: order.shippingMethod,
    });
  });
  return { order: await orders.getOrder(ctx.db, order.id), shipment };
}

/** A carrier's tracking event; the first 'delivered' marks the order delivered. */
export async function recordTrackingEvent(
  ctx: FlowCtx,
  principal: Principal,
  input: { orderId: string; status: shipping.ShipmentStatus; location: string; description: string },
): Promise<{ order: orders.OrderView; shipment: shipping.ShipmentView }> {
  const order = await orders.getOrder(ctx.db, input.orderId);
  if (!principal.roles.includes('platform_admin') && !principal.sellerIds.includes(order.sellerId as never)) {
    throw forbidden('orders.not_your_order', 'This order belongs to another seller.');
  }
  const existing = await shipping.shipmentForOrder(ctx.db, order.id);
  if (!existing) throw conflict('orders.not_shipped', 'This order has not been shipped yet.');
  const shipment = await inTransaction(ctx.db, async (tx) => {
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
    return r.shipment;
  });
  return { order: await orders.getOrder(ctx.db, order.id), shipment };
}
