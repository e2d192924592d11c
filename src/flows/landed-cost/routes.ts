import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../kernel/ids.ts';
import { LOCALES } from '../../kernel/locales.ts';
import type { FlowCtx } from '../context.ts';
import { explainOrderLandedCost, explainQuoteLandedCost } from './explain-landed-cost.ts';
import { LandedCostBreakdown } from './schemas.ts';

const Query = z
  .object({
    locale: z
      .enum(LOCALES)
      .optional()
      .describe("Defaults to the buyer's language (Accept-Language), and to English for sellers and staff"),
  })
  .strict();

const DESCRIPTION =
  'Per seller order and per line: goods value, freight share, dutiable value, duty, import VAT/GST, ' +
  'consumption tax and total, each with the rule(s) that produced it, the rate or threshold as a ' +
  'sentence, the rule’s sources (reference §10), effective dates and verification. Sellers and staff ' +
  'also see US dollars.';

export function landedCostExplainRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/checkout/quotes/:quoteId/landed-cost',
      {
        config: { access: ['buyer', 'platform_admin'] },
        schema: {
          tags: ['checkout'],
          summary: "A quote's duties and import taxes explained, rule by rule",
          description: DESCRIPTION,
          params: z.object({ quoteId: zId('quo') }),
          querystring: Query,
          response: { 200: LandedCostBreakdown },
        },
      },
      async (req) =>
        explainQuoteLandedCost(ctx, req.principal!, req.params.quoteId, {
          locale: req.query.locale,
          acceptLanguage: req.headers['accept-language'],
        }),
    );

    app.get(
      '/orders/:orderId/landed-cost',
      {
        config: { access: ['buyer', 'seller_staff', 'platform_admin', 'trust_agent'] },
        schema: {
          tags: ['orders'],
          summary: "An order's duties and import taxes explained, rule by rule",
          description: DESCRIPTION,
          params: z.object({ orderId: zId('ord') }),
          querystring: Query,
          response: { 200: LandedCostBreakdown },
        },
      },
      async (req) =>
        explainOrderLandedCost(ctx, req.principal!, req.params.orderId, {
          locale: req.query.locale,
          acceptLanguage: req.headers['accept-language'],
        }),
    );
  };
}
