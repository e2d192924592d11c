import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { LOCALES } from '../../kernel/locales.ts';
import { CURRENCY_CODES } from '../../money/index.ts';
import { latestRates } from './fx-rates.ts';
import { getMarket, listMarkets } from './list-markets.ts';
import { setRate } from './set-rate.ts';
import { type FxRate, isValidRate } from './types.ts';

export const MarketView = z.object({
  code: z.string(),
  name: z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string()]))),
  currency: z.string(),
  defaultLocale: z.string(),
  locales: z.array(z.string()),
  confirmationWindowDays: z.object({ express: z.number().int(), surface: z.number().int() }),
});

const FxRateView = z.object({
  id: z.string(),
  base: z.literal('USD'),
  quote: z.string(),
  rate: z.string(),
  source: z.string(),
  asOf: z.string(),
});

const toView = (r: FxRate) => ({ ...r, asOf: r.asOf.toISOString() });

const QUOTE_CURRENCIES = CURRENCY_CODES.filter((c) => c !== 'USD') as [string, ...string[]];

const SetRateBody = z
  .object({
    rate: z
      .string()
      .max(40)
      .refine(isValidRate, 'a positive decimal with at most 12 decimals, e.g. "7.1234"'),
    source: z.string().trim().min(1).max(200),
    asOf: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export function marketsRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/markets',
      {
        config: { access: 'public' },
        schema: {
          tags: ['markets'],
          summary: 'Destination markets',
          response: { 200: z.object({ markets: z.array(MarketView) }) },
        },
      },
      async () => ({ markets: await listMarkets(ctx.db) }),
    );

    app.get(
      '/markets/:code',
      {
        config: { access: 'public' },
        schema: {
          tags: ['markets'],
          summary: 'One destination market',
          params: z.object({ code: z.string().regex(/^[A-Za-z]{2}$/) }),
          response: { 200: MarketView },
        },
      },
      async (req) => getMarket(ctx.db, req.params.code.toUpperCase()),
    );

    app.get(
      '/fx-rates',
      {
        config: { access: 'public' },
        schema: {
          tags: ['markets'],
          summary: 'The USD→currency rate in force for each currency',
          response: { 200: z.object({ rates: z.array(FxRateView) }) },
        },
      },
      async () => ({ rates: (await latestRates(ctx.db)).map(toView) }),
    );

    app.put(
      '/admin/fx-rates/:currency',
      {
        config: { access: ['platform_admin'] },
        schema: {
          tags: ['markets'],
          summary: 'Record a new USD→currency rate (history is kept)',
          params: z.object({ currency: z.enum(QUOTE_CURRENCIES) }),
          body: SetRateBody,
          response: { 200: FxRateView },
        },
      },
      async (req) => {
        const rate = await setRate(
          ctx,
          {
            quote: req.params.currency as FxRate['quote'],
            rate: req.body.rate,
            source: req.body.source,
            ...(req.body.asOf ? { asOf: new Date(req.body.asOf) } : {}),
          },
          req.principal!.userId,
        );
        return toView(rate);
      },
    );
  };
}
