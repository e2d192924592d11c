import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isSellerStaff, isTrustStaff, type Principal } from '../../kernel/access.ts';
import { conflict, forbidden } from '../../kernel/errors.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import type { FlowCtx } from '../context.ts';
import { type OrderDetail, readOrderDetail } from './get-order-detail.ts';

function mayRefund(principal: Principal, order: orders.OrderView): boolean {
  if (isTrustStaff(principal)) return true;
  if (isSellerStaff(principal, order.sellerId)) return true; // the seller agrees to refund
  return order.buyerId === principal.userId && order.status === 'paid'; // the buyer cancels before shipping
}

/**
 * Refunds an order before its escrow is released. In one transaction: the order goes to
 * refunding, the escrow moves to refund clearing, (when the goods never left) stock comes back,
 * and the buyer's CN allowance and quantity caps come back when China would restore them. The
 * provider's refund runs after the commit; its webhook completes the refund.
 */
export async function refundOrder(
  ctx: FlowCtx,
  principal: Principal,
  input: { orderId: string; reason: string },
  /** More work that must commit with the refund (closing the dispute that decided it). */
  alsoInTransaction?: (tx: Db) => Promise<unknown>,
): Promise<OrderDetail> {
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
    // China gives the cross-border allowance (and Positive List quantities) back only for goods
    // that never cleared or come back within 30 days of release (C8); postal orders reserved none.
    if (
      current.market === 'CN' &&
      compliance.cnQuotaRestoredOnRefund({ shippedAt: current.shippedAt, refundedAt: ctx.clock.now() })
        .restored
    ) {
      const quota = {
        buyerId: current.buyerId,
        year: compliance.cnAllowanceYear(current.placedAt),
        reference: current.id,
      };
      await compliance.releaseAnnualAllowance(tx, quota);
      await compliance.releaseQuantityCaps(tx, quota);
    }
    await alsoInTransaction?.(tx);
    return refund.refundId;
  });
  await payments.submitRefund(ctx, ctx.provider, refundId);
  return readOrderDetail(ctx, input.orderId);
}
