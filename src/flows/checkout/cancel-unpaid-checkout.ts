import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import type { FlowCtx } from '../context.ts';

/**
 * Gives back what a checkout took (stock, CN allowance) when its payment fails, and cancels its
 * orders, inside the caller's transaction (the payment webhook records its event in the same one).
 */
export async function undoUnpaidCheckout(
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

/** A declined charge: undo the checkout in its own transaction. */
export async function cancelUnpaidCheckout(
  ctx: FlowCtx,
  intentId: string,
  failureCode: string,
): Promise<void> {
  await inTransaction(ctx.db, (tx) => undoUnpaidCheckout(tx, ctx.clock, intentId, failureCode));
}
