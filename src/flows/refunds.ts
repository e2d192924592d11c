import { inTransaction } from '../db/transaction.js';
import type { Principal } from '../kernel/access.js';
import { conflict, forbidden } from '../kernel/errors.js';
import * as catalog from '../modules/catalog/index.js';
import * as compliance from '../modules/compliance/index.js';
import * as orders from '../modules/orders/index.js';
import * as payments from '../modules/payments/index.js';
import type { FlowCtx } from './context.js';
import { releaseOrder } from './escrow-release.js';

function mayRefund(principal: Principal, order: orders.OrderView): boolean {
  if (principal.roles.includes('platform_admin') || principal.roles.includes('trust_agent')) return true;
  if (principal.sellerIds.includes(order.sellerId as never)) return true; // the seller agrees to refund
  return order.buyerId === principal.userId && order.status === 'paid'; // the buyer cancels before shipping
}

/**
 * Refunds an order before its escrow is released. In one transaction: the order goes to
 * refunding, the escrow moves to refund clearing, and (when the goods never left) stock and the
 * buyer's CN allowance come back. The provider's refund runs after the commit; its webhook
 * completes the refund.
 */
export async function refundOrder(
  ctx: FlowCtx,
  principal: Principal,
  input: { orderId: string; reason: string },
): Promise<orders.OrderView> {
  const order = await orders.getOrder(ctx.db, input.orderId);
  if (!mayRefund(principal, order)) {
    throw forbidden('orders.refund_not_allowed', 'You may not refund this order.');
  }
  if (order.status === 'awaiting_payment') {
    throw conflict(
      'orders.payment_in_progress',
      'The payment is still being processed; try again in a moment.',
    );
  }
  const refundId = await inTransaction(ctx.db, async (tx) => {
    const current = await orders.getOrder(tx, input.orderId);
    const neverShipped = current.status === 'paid';
    await orders.transitionOrder(tx, ctx.clock, {
      orderId: current.id,
      to: 'refunding',
      actor: principal.userId,
      note: input.reason,
    });
    const refund = await payments.requestRefund(tx, ctx.clock, { orderId: current.id, reason: input.reason });
    if (neverShipped) {
      await catalog.releaseStock(
        tx,
        current.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity })),
      );
    }
    if (current.market === 'CN') {
      await compliance.releaseAnnualAllowance(tx, {
        buyerId: current.buyerId,
        year: compliance.cnAllowanceYear(current.placedAt),
        reference: current.id,
      });
    }
    return refund.refundId;
  });
  await payments.submitRefund(ctx, ctx.provider, refundId);
  return orders.getOrder(ctx.db, input.orderId);
}

export async function openDispute(
  ctx: FlowCtx,
  principal: Principal,
  input: { orderId: string; reason: string },
): Promise<orders.DisputeView> {
  const order = await orders.getOrder(ctx.db, input.orderId);
  if (order.buyerId !== principal.userId) throw forbidden('orders.not_your_order', 'This is not your order.');
  return inTransaction(ctx.db, (tx) =>
    orders.openDispute(tx, ctx.clock, { orderId: order.id, buyerId: principal.userId, reason: input.reason }),
  );
}

/** A trust agent decides a dispute: refund the buyer, or release the escrow to the seller. */
export async function resolveDispute(
  ctx: FlowCtx,
  principal: Principal,
  input: { disputeId: string; outcome: 'refund' | 'release'; resolution: string },
): Promise<orders.OrderView> {
  const dispute = await orders.getDispute(ctx.db, input.disputeId);
  if (dispute.status !== 'open')
    throw conflict('orders.dispute_not_open', 'This dispute is already resolved.');
  if (input.outcome === 'refund') {
    const order = await refundOrder(ctx, principal, {
      orderId: dispute.orderId,
      reason: `dispute: ${input.resolution}`,
    });
    await inTransaction(ctx.db, (tx) =>
      orders.closeDispute(tx, ctx.clock, {
        disputeId: dispute.id,
        outcome: 'refunded',
        resolution: input.resolution,
      }),
    );
    return order;
  }
  await inTransaction(ctx.db, (tx) =>
    orders.closeDispute(tx, ctx.clock, {
      disputeId: dispute.id,
      outcome: 'released',
      resolution: input.resolution,
    }),
  );
  return releaseOrder(ctx, dispute.orderId, principal.userId, `dispute resolved: ${input.resolution}`);
}
