import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../kernel/ids.ts';
import { MARKET_CODES } from '../../kernel/locales.ts';
import * as orders from '../../modules/orders/index.ts';
import { toJson } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { getCheckout } from './get-checkout.ts';
import { placeCheckout } from './place-checkout.ts';
import { createCheckoutQuote } from './quote-checkout.ts';
import { receiveSandboxWebhook } from './receive-sandbox-webhook.ts';
import { CheckoutJson, PlacedJson, WebhookReceiptJson } from './schemas.ts';

const QuoteBody = z
  .object({
    market: z.enum(MARKET_CODES),
    shippingMethod: z.enum(['express', 'surface']).default('express'),
    lines: z
      .array(z.object({ variantId: zId('var'), quantity: z.number().int().min(1).max(999) }).strict())
      .min(1)
      .max(50),
  })
  .strict();

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
          params: z.object({ id: zId('quo') }),
          response: { 200: orders.QuoteJson },
        },
      },
      // A single-module read: the orders module finds the quote among this buyer's own.
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
          params: z.object({ id: zId('quo') }),
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
          params: z.object({ id: zId('chk') }),
          response: { 200: CheckoutJson },
        },
      },
      async (req) => {
        const checkout = await getCheckout(ctx, req.principal!, req.params.id);
        return {
          checkoutId: checkout.checkoutId,
          paymentIntentId: checkout.paymentIntentId,
          status: checkout.paymentStatus,
          amount: toJson(checkout.amount),
          failureCode: checkout.failureCode,
          orders: checkout.orders.map(orders.orderToJson),
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
            response: { 200: WebhookReceiptJson },
          },
        },
        async (req) => {
          const header = req.headers['heartland-sandbox-signature'];
          const result = await receiveSandboxWebhook(
            ctx,
            String(req.body ?? ''),
            Array.isArray(header) ? header[0] : header,
          );
          return { received: true, duplicate: result.duplicate };
        },
      );
    });
  };
}
