import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MARKET_CODES } from '../../kernel/locales.ts';
import { toJson } from '../../money/index.ts';
import { quoteShipping, SHIPPING_METHODS } from './rate-card.ts';

export function shippingRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/shipping/rates',
      {
        config: { access: 'public' },
        schema: {
          tags: ['shipping'],
          summary: 'Price of a parcel from the US to a market (Heartland demo rate card, USD)',
          querystring: z
            .object({
              market: z.enum(MARKET_CODES),
              method: z.enum(SHIPPING_METHODS),
              weightGrams: z
                .string()
                .regex(/^\d{1,6}$/)
                .transform(Number)
                .pipe(z.number().int().min(1).max(100_000)),
            })
            .strict(),
          response: {
            200: z.object({
              price: z.object({ amount: z.number().int(), currency: z.string() }),
              ruleId: z.string(),
              transitDays: z.object({ min: z.number().int(), max: z.number().int() }),
            }),
          },
        },
      },
      async (req) => {
        const q = quoteShipping(req.query);
        return { ...q, price: toJson(q.price) };
      },
    );
  };
}
