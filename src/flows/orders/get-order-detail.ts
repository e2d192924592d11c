import { hasRole, type Principal, seesSeller } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import type { FlowCtx } from '../context.ts';

/** One order with its shipment, escrow and history: what the order pages show. */
export interface OrderDetail {
  order: orders.OrderView;
  shipment: shipping.ShipmentView | null;
  escrow: payments.EscrowView | null;
  events: { at: Date; from: string | null; to: string; note: string | null }[];
}

/** The order's buyer, whoever may read its seller's records (staff, admins, trust agents), and auditors. */
export const maySeeOrder = (p: Principal, o: orders.OrderView): boolean =>
  o.buyerId === p.userId || seesSeller(p, o.sellerId) || hasRole(p, 'auditor');

/**
 * Reads the detail as it is now, with no access check: the order use cases answer with it after
 * their own checks and commit.
 */
export async function readOrderDetail(ctx: FlowCtx, orderId: string): Promise<OrderDetail> {
  const [order, shipment, escrow, events] = await Promise.all([
    orders.getOrder(ctx.db, orderId),
    shipping.shipmentForOrder(ctx.db, orderId),
    payments.escrowForOrder(ctx.db, orderId),
    orders.orderEvents(ctx.db, orderId),
  ]);
  return { order, shipment, escrow, events };
}

/** One order, for those who may see it (403 otherwise). */
export async function getOrderDetail(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
): Promise<OrderDetail> {
  const order = await orders.getOrder(ctx.db, orderId);
  if (!maySeeOrder(principal, order)) throw forbidden('orders.not_your_order', 'This is not your order.');
  return readOrderDetail(ctx, order.id);
}
