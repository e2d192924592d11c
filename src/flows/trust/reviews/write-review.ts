import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import { conflict, forbidden, notFound } from '../../../kernel/errors.ts';
import type { OrderId } from '../../../kernel/ids.ts';
import type { Locale } from '../../../kernel/locales.ts';
import * as identity from '../../../modules/identity/index.ts';
import * as orders from '../../../modules/orders/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/** Reviews open once the goods have arrived: delivered, or completed (receipt confirmed or timed out). */
const REVIEWABLE: readonly orders.OrderStatus[] = ['delivered', 'completed'];

/**
 * The buyer reviews one line of its delivered order. The flow checks what only orders and identity
 * know (the order's buyer, that it arrived, the line, the buyer's name to mask); the trust module
 * writes and moderates the review (a held one waits in the agents' queue).
 */
export async function writeReview(
  ctx: FlowCtx,
  principal: Principal,
  input: { orderId: OrderId; lineNo: number; rating: number; title: string; body: string; locale: Locale },
): Promise<trust.Review> {
  const order = await orders.getOrder(ctx.db, input.orderId);
  if (order.buyerId !== principal.userId) {
    throw forbidden('trust.not_your_order', 'Only the buyer of this order may review it.', {
      orderId: order.id,
    });
  }
  if (!REVIEWABLE.includes(order.status)) {
    throw conflict('trust.review_before_delivery', 'An order can be reviewed once it has been delivered.', {
      orderId: order.id,
      status: order.status,
    });
  }
  const line = order.lines.find((l) => l.lineNo === input.lineNo);
  if (!line)
    throw notFound('trust.order_line_not_found', 'No such line in this order.', { lineNo: input.lineNo });
  const user = await identity.getUser(ctx.db, principal.userId);
  const { orderId: _o, ...review } = input;
  return inTransaction(ctx.db, (tx) =>
    trust.createReview(tx, ctx.clock, {
      ...review,
      orderId: order.id,
      productId: line.productId,
      sellerId: order.sellerId,
      buyerId: order.buyerId,
      buyerName: user?.displayName ?? '',
    }),
  );
}
