import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../../kernel/errors.ts';
import { MARKET_CODES } from '../../kernel/locales.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import { toJson } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { applyPaymentEvent } from './apply-payment-event.ts';
import { placeCheckout } from './place-checkout.ts';
import { createCheckoutQuote } from './quote-checkout.ts';

const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `an id (${prefix}_…)`);

const QuoteBody = z
  .object({
    market: z.enum(MARKET_CODES),
    shippingMethod: z.enum(['express', 'surface']).default('express'),
    lines: z
      .array(z.object({ variantId: idOf('var'), quantity: z.number().int().min(1).max(999) }).strict())
      .min(1)
      .max(50),
  })
  .strict();

export const PlacedJson = z.object({
  checkoutId: z.string(),
  paymentIntentId: z.string(),
  status: z.string(),
  orders: z.array(orders.OrderJson),
});

export function checkoutRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/checkout/quotes',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['checkout'],
          summary:
            'Price a cart: local currency at a locked rate, shipping per seller, duties and taxes, split per seller',
          body: QuoteBody,
          response: { 201: orders.QuoteJson },
        },
      },
      async (req, reply) => {
        const quote = await createCheckoutQuote(ctx, req.principal!.userId, req.body);
        return reply.code(201).send(orders.quoteToJson(quote));
      },
    );

    app.get(
      '/checkout/quotes/:id',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['checkout'],
          params: z.object({ id: idOf('quo') }),
          response: { 200: orders.QuoteJson },
        },
      },
      async (req) => orders.quoteToJson(await orders.getQuote(ctx.db, req.params.id, req.principal!.userId)),
    );

    app.post(
      '/checkout/quotes/:id/place',
      {
        config: { access: ['buyer'], idempotent: true },
        schema: {
          tags: ['checkout'],
          summary:
            'Place a quote: reserve stock, create one order per seller, authorize the payment into escrow',
          description:
            'Requires an Idempotency-Key header. Sandbox payment methods: pm_card_ok, pm_card_declined, pm_card_insufficient_funds, pm_card_fails_async, pm_card_duplicate_webhook.',
          params: z.object({ id: idOf('quo') }),
          body: z
            .object({
              paymentMethod: z.string().min(1).max(64),
              deliveryAddress: orders.DeliveryAddressSchema.optional().describe(
                "Required when the cart holds goods; country must be the quote's market",
              ),
            })
            .strict(),
          response: { 201: PlacedJson },
        },
      },
      async (req, reply) => {
        const placed = await placeCheckout(ctx, req.principal!.userId, {
          quoteId: req.params.id,
          paymentMethod: req.body.paymentMethod,
          deliveryAddress: req.body.deliveryAddress ?? null,
        });
        return reply.code(201).send({
          checkoutId: placed.checkoutId,
          paymentIntentId: placed.paymentIntentId,
          status: placed.paymentStatus,
          orders: placed.orders.map(orders.orderToJson),
        });
      },
    );

    app.get(
      '/checkouts/:id',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['checkout'],
          params: z.object({ id: idOf('chk') }),
          response: {
            200: PlacedJson.extend({ amount: orders.MoneyJson, failureCode: z.string().nullable() }),
          },
        },
      },
      async (req) => {
        const checkout = await orders.getCheckout(ctx.db, req.params.id);
        if (checkout.buyerId !== req.principal!.userId)
          throw forbidden('orders.not_your_checkout', 'This is not your checkout.');
        const intent = await payments.getIntent(ctx.db, checkout.paymentIntentId!);
        return {
          checkoutId: checkout.id,
          paymentIntentId: intent.id,
          status: intent.status,
          amount: toJson(intent.amount),
          failureCode: intent.failureCode,
          orders: (await orders.ordersForCheckout(ctx.db, checkout.id)).map(orders.orderToJson),
        };
      },
    );

    // The provider signs the exact bytes it sends, so this route keeps the raw body.
    await app.register(async (hook) => {
      hook.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
        done(null, body),
      );
      hook.post(
        '/payments/webhooks/sandbox',
        {
          config: { access: 'public' },
          schema: {
            tags: ['payments'],
            summary: 'Signed webhook from the sandbox payment provider',
            response: { 200: z.object({ received: z.boolean(), duplicate: z.boolean() }) },
          },
        },
        async (req) => {
          const header = req.headers['heartland-sandbox-signature'];
          const event = payments.verifySandboxWebhook(
            ctx.config.sandboxWebhookSecret,
            String(req.body ?? ''),
            Array.isArray(header) ? header[0] : header,
            ctx.clock.now(),
          );
          const result = await applyPaymentEvent(ctx, 'sandbox', event);
          return { received: true, duplicate: result.duplicate };
        },
      );
    });
  };
}
