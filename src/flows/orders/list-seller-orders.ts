import { actsForSeller, type Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import type { FlowCtx } from '../context.ts';

/** A seller's orders, newest first: for its own staff and platform admins. */
export async function listSellerOrders(
  ctx: FlowCtx,
  principal: Principal,
  input: { sellerId: string; status?: orders.OrderStatus; limit: number },
): Promise<orders.OrderView[]> {
  if (!actsForSeller(principal, input.sellerId))
    throw forbidden('orders.not_your_seller', 'You are not staff of this seller.');
  return orders.listSellerOrders(ctx.db, input.sellerId, input);
}
