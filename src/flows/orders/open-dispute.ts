import { inTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import type { FlowCtx } from '../context.ts';

/** The order's buyer opens a dispute: the confirmation window pauses until a trust agent decides. */
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
