import type { Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import type { Money } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';

export interface CheckoutStatus {
  checkoutId: string;
  paymentIntentId: string;
  paymentStatus: payments.IntentStatus;
  amount: Money;
  failureCode: string | null;
  orders: orders.OrderView[];
}

/** A checkout as its own buyer follows it: the payment's status (and why it failed) and its orders. */
export async function getCheckout(
  ctx: FlowCtx,
  principal: Principal,
  checkoutId: string,
): Promise<CheckoutStatus> {
  const checkout = await orders.getCheckout(ctx.db, checkoutId);
  if (checkout.buyerId !== principal.userId)
    throw forbidden('orders.not_your_checkout', 'This is not your checkout.');
  const [intent, placed] = await Promise.all([
    payments.getIntent(ctx.db, checkout.paymentIntentId!),
    orders.ordersForCheckout(ctx.db, checkout.id),
  ]);
  return {
    checkoutId: checkout.id,
    paymentIntentId: intent.id,
    paymentStatus: intent.status,
    amount: intent.amount,
    failureCode: intent.failureCode,
    orders: placed,
  };
}
