import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import { add, applyRate } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';

/**
 * Releases one order's escrow: duties and taxes to the customs remittance account, the
 * commission (a rate of the goods' USD price, rounded once half-to-even) to the platform,
 * the rest owed to the seller in USD. One transaction with the order's move to completed.
 * Callers check who may release (the buyer confirming, a dispute decided, the window ended).
 */
export async function releaseOrder(
  ctx: FlowCtx,
  orderId: string,
  actor: string,
  note: string,
  /** More work that must commit with the release (closing the dispute that decided it). */
  alsoInTransaction?: (tx: Db) => Promise<unknown>,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const order = await orders.getOrder(tx, orderId);
    const moved = await orders.transitionOrder(tx, ctx.clock, { orderId, to: 'completed', actor, note });
    await alsoInTransaction?.(tx);
    if (!moved.changed) return;
    await payments.releaseEscrow(tx, ctx.clock, {
      orderId,
      market: order.market,
      customsRemittance: order.tax,
      grossUsd: add(order.goodsUsd, order.shippingUsd),
      goodsUsd: order.goodsUsd,
      commissionUsd: applyRate(order.goodsUsd, ctx.config.commissionRate),
    });
  });
}
