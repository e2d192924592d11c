import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import type { FlowCtx } from '../context.ts';

/** Gives back what a checkout took (stock, CN allowance) when its payment fails, and cancels its orders. */
async function undoUnpaidCheckout(
  tx: Db,
  clock: Clock,
  intentId: string,
  failureCode: string,
): Promise<void> {
  const failed = await payments.failIntent(tx, clock, intentId, failureCode);
  if (!failed.changed) return;
  const affected = await orders.ordersByIds(tx, failed.orderIds);
  await catalog.releaseStock(
    tx,
    affected.flatMap((o) => o.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }))),
  );
  for (const o of affected) {
    if (o.market === 'CN') {
      await compliance.releaseAnnualAllowance(tx, {
        buyerId: o.buyerId,
        year: compliance.cnAllowanceYear(o.placedAt),
        reference: o.id,
      });
      await compliance.releaseQuantityCaps(tx, {
        buyerId: o.buyerId,
        year: compliance.cnAllowanceYear(o.placedAt),
        reference: o.id,
      });
    }
  }
  await orders.transitionMany(
    tx,
    clock,
    failed.orderIds,
    'cancelled',
    'payments',
    `payment failed: ${failureCode}`,
  );
}

export async function cancelUnpaidCheckout(
  ctx: FlowCtx,
  intentId: string,
  failureCode: string,
): Promise<void> {
  await inTransaction(ctx.db, (tx) => undoUnpaidCheckout(tx, ctx.clock, intentId, failureCode));
}

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
