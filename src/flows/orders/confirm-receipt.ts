import type { Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import type { FlowCtx } from '../context.ts';
import { type OrderDetail, readOrderDetail } from './get-order-detail.ts';
import { releaseOrder } from './release-escrow.ts';

/** The buyer confirms the goods arrived: escrow releases now rather than when the window ends. */
export async function confirmReceipt(
  ctx: FlowCtx,
  principal: Principal,
  orderId: string,
): Promise<OrderDetail> {
  const order = await orders.getOrder(ctx.db, orderId);
  if (order.buyerId !== principal.userId) throw forbidden('orders.not_your_order', 'This is not your order.');
  await releaseOrder(ctx, orderId, principal.userId, 'buyer confirmed receipt');
  return readOrderDetail(ctx, orderId);
}
