import * as orders from '../../modules/orders/index.ts';
import type { FlowCtx } from '../context.ts';
import { releaseOrder } from './release-escrow.ts';

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
    // One order's failure must not hold back the rest: it is reported in `failed`, not swallowed.
    try {
      await releaseOrder(ctx, orderId, 'system', 'confirmation window ended');
      released.push(orderId);
    } catch (e) {
      failed.push({ orderId, error: (e as Error).message });
    }
  }
  return { released, failed };
}
