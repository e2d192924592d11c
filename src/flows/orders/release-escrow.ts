import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import { add, applyRate } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';

/**
 * Releases one order's escrow: duties and taxes to the customs remittance account, the
 * commission (a rate of the goods' USD price, rounded once half-to-even) to the platform,
 * the rest owed to the seller in USD. One transaction with the order's move to completed.
 */
export async function releaseOrder(
  ctx: FlowCtx,
  orderId: string,
  actor: string,
  note: string,
  /** More work that must commit with the release (closing the dispute that decided it). */
  alsoInTransaction?: (tx: Db) => Promise<unknown>,
): Promise<orders.OrderView> {
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
  return orders.getOrder(ctx.db, orderId);
}

/** The buyer confirms the goods arrived: escrow releases now rather than when the window ends. */
export async function confirmReceipt(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
): Promise<orders.OrderView> {
  const order = await orders.getOrder(ctx.db, orderId);
  if (order.buyerId !== principal.userId) throw forbidden('orders.not_your_order', 'This is not your order.');
  return releaseOrder(ctx, orderId, principal.userId, 'buyer confirmed receipt');
}

/**
 * The confirmation-window timer: releases every shipped or delivered order whose window has
 * passed (disputed orders are in another status, so a dispute pauses the window). Idempotent:
 * run it as often as you like, from as many processes as you like.
 */
export async function releaseDueOrders(
  ctx: FlowCtx,
): Promise<{ released: string[]; failed: { orderId: string; error: string }[] }> {
  const due = await orders.ordersDueForRelease(ctx.db, ctx.clock.now());
  const released: string[] = [];
  const failed: { orderId: string; error: string }[] = [];
  for (const orderId of due) {
    try {
      await releaseOrder(ctx, orderId, 'system', 'confirmation window ended');
      released.push(orderId);
    } catch (e) {
      failed.push({ orderId, error: (e as Error).message });
    }
  }
  return { released, failed };
}
