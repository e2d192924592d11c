import { inTransaction } from '../../db/transaction.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import type { FlowCtx } from '../context.ts';
import { undoUnpaidCheckout } from './cancel-unpaid-checkout.ts';

/**
 * Applies one verified provider event in one transaction. The event id is recorded first, so a
 * webhook delivered twice changes things once; each step below is idempotent too.
 */
export async function applyPaymentEvent(
  ctx: FlowCtx,
  provider: string,
  event: payments.PaymentEvent,
): Promise<{ duplicate: boolean }> {
  return inTransaction(ctx.db, async (tx) => {
    if ((await payments.recordWebhookEvent(tx, provider, event)) === 'duplicate') return { duplicate: true };
    switch (event.type) {
      case 'charge.succeeded': {
        const captured = await payments.captureIntent(tx, ctx.clock, event.objectId);
        if (captured.changed)
          await orders.transitionMany(tx, ctx.clock, captured.orderIds, 'paid', 'payments');
        break;
      }
      case 'charge.failed':
        await undoUnpaidCheckout(tx, ctx.clock, event.objectId, event.failureCode ?? 'charge_failed');
        break;
      case 'refund.succeeded': {
        const refunded = await payments.completeRefund(tx, ctx.clock, event.objectId);
        if (refunded.changed) {
          await orders.transitionOrder(tx, ctx.clock, {
            orderId: refunded.orderId,
            to: 'refunded',
            actor: 'payments',
          });
        }
        break;
      }
      case 'payout.paid':
        await payments.completePayout(tx, ctx.clock, event.objectId);
        break;
      case 'payout.failed':
        // The money goes back on the seller's payable; the next payout run tries again.
        await payments.failPayout(tx, ctx.clock, event.objectId, event.failureCode ?? 'payout_failed');
        break;
      case 'refund.failed':
        // Recorded above; the order stays refunding for an operator to retry the provider refund.
        break;
    }
    return { duplicate: false };
  });
}
