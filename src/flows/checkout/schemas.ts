import { z } from 'zod';
import * as orders from '../../modules/orders/index.ts';

/** A placed checkout: its payment and the orders it made, one per seller. */
export const PlacedJson = z.object({
  checkoutId: z.string(),
  paymentIntentId: z.string(),
  status: z.string(),
  orders: z.array(orders.OrderJson),
});

/** A checkout as its buyer reads it later: what was placed, the amount charged and why a payment failed. */
export const CheckoutJson = PlacedJson.extend({
  amount: orders.MoneyJson,
  failureCode: z.string().nullable(),
});

/** The answer to the payment provider: received, and whether this event had been seen before. */
export const WebhookReceiptJson = z.object({ received: z.boolean(), duplicate: z.boolean() });
