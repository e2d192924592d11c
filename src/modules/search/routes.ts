import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, isDomainError } from '../../kernel/errors.ts';
import { LOCALES, MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { type CurrencyCode, toJson } from '../../money/index.ts';
import { type FxRate, getMarket, latestRate } from '../markets/index.ts';
import { displayedPrice, usdBoundsFor } from './price-bounds.ts';
import {
  CATEGORY_SLUG,
  MAX_PAGE,
  MAX_PAGE_SIZE,
  MAX_PRICE_CENTS,
  MAX_QUERY_CHARS,
  searchProducts,
} from './search-products.ts';
import { MAX_PREFIX_CHARS, suggest } from './suggest.ts';
import { SEARCH_SORTS } from './types.ts';

const MoneyJson = z.object({ amount: z.number().int(), currency: z.string().length(3) });
/** Whole minor units as digits; held as text so no float ever touches a price. */
const MinorUnits = z
  .string()
  .regex(/^\d{1,13}$/, 'A price is a whole number of minor units.')
  .describe('Minor units of the market currency (USD cents without a market).');

const SearchQuerystring = z.object({
  q: z.string().max(MAX_QUERY_CHARS).optional(),
  locale: z.enum(LOCALES).default('en'),
  market: z
    .enum(MARKET_CODES)
    .optional()
    .describe('Show prices in this market’s currency, and only listings that may be sold there.'),
  category: z.string().regex(CATEGORY_SLUG).optional(),
  state: z
    .enum(US_STATE_CODES as [UsState])
    .optional()
    .describe('Origin US state (USPS code).'),
  minPrice: MinorUnits.optional(),
  maxPrice: MinorUnits.optional(),
  inStock: z.enum(['true', 'false']).optional(),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

export const SearchResponse = z.object({
  total: z.number().int(),
  hits: z.array(
    z.object({
      productId: z.string(),
      sellerId: z.string(),
      title: z.string(),
      titleLocale: z.string().describe('The language of `title`: the one asked for, else English.'),
      categorySlug: z.string(),
      originState: z.string(),
      minPriceUsd: MoneyJson,
      pictureUrl: z
        .string()
        .nullable()
        .describe(
          'The listing’s first picture (null: none); old links may use /storefront/products/:id/picture.',
        ),
      price: MoneyJson.optional().describe(
        'The lowest price in the market currency (when `market` is given).',
      ),
      score: z.number(),
    }),
  ),
  facets: z.object({
    categories: z.array(z.object({ slug: z.string(), count: z.number().int() })),
    states: z.array(z.object({ code: z.string(), count: z.number().int() })),
    priceRangesUsd: z.array(
      z.object({ min: z.number().int(), max: z.number().int().nullable(), count: z.number().int() }),
    ),
  }),
  fx: z
    .object({ rateId: z.string(), currency: z.string(), rate: z.string(), asOf: z.string() })
    .optional()
    .describe('The USD→currency rate used for `price` and the price filter.'),
  tookMs: z.number(),
});

export const SuggestResponse = z.object({
  suggestions: z.array(z.object({ productId: z.string(), title: z.string() })),
});

/** The market's currency and its latest USD rate; missing market data is an outage, not a bad request. */
async function marketRate(ctx: Ctx, market: MarketCode): Promise<{ rate: FxRate; currency: CurrencyCode }> {
  try {
    const { currency } = await getMarket(ctx.db, market);
    return { rate: await latestRate(ctx.db, currency), currency };
  } catch (e) {
    if (isDomainError(e) && e.kind === 'not_found') {
      throw new DomainError(
        'unavailable',
        'search.rate_unavailable',
        `Prices for ${market} are not available now.`,
        {
          market,
        },
      );
    }
    throw e;
  }
}

export function searchRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/search',
      {
        config: { access: 'public' },
        schema: {
          tags: ['search'],
          summary:
            'Search products in any language, with filters, facets and prices in a market currency; with a market, only listings sold there',
          querystring: SearchQuerystring,
          response: { 200: SearchResponse },
        },
      },
      async (req) => {
        const qs = req.query;
        let minUsd = qs.minPrice === undefined ? undefined : BigInt(qs.minPrice);
        let maxUsd = qs.maxPrice === undefined ? undefined : BigInt(qs.maxPrice);
        let fx: { rate: FxRate; currency: CurrencyCode } | undefined;
        if (qs.market) {
          fx = await marketRate(ctx, qs.market);
          // The filter is on the price the buyer sees, so convert the bounds back exactly.
          ({ min: minUsd, max: maxUsd } = usdBoundsFor(
            { min: minUsd, max: maxUsd },
            fx.rate.rate,
            fx.currency,
          ));
          // A bound beyond any price selects everything (max) or nothing (min) either way.
          if (minUsd !== undefined && minUsd > MAX_PRICE_CENTS) minUsd = MAX_PRICE_CENTS;
          if (maxUsd !== undefined && maxUsd > MAX_PRICE_CENTS) maxUsd = MAX_PRICE_CENTS;
        }
        const result = await searchProducts(ctx.db, {
          q: qs.q,
          locale: qs.locale,
          category: qs.category,
          market: qs.market,
          at: ctx.clock.now(),
          state: qs.state,
          minPriceUsd: minUsd,
          maxPriceUsd: maxUsd,
          inStock: qs.inStock === undefined ? undefined : qs.inStock === 'true',
          sort: qs.sort,
          page: qs.page,
          pageSize: qs.pageSize,
        });
        return {
          ...result,
          hits: result.hits.map((h) => ({
            ...h,
            minPriceUsd: toJson(h.minPriceUsd),
            ...(fx
              ? {
                  price: toJson({
                    amount: displayedPrice(h.minPriceUsd.amount, fx.rate.rate, fx.currency),
                    currency: fx.currency,
                  }),
                }
              : {}),
          })),
          ...(fx
            ? {
                fx: {
                  rateId: fx.rate.id,
                  currency: fx.currency,
                  rate: fx.rate.rate,
                  asOf: fx.rate.asOf.toISOString(),
                },
              }
            : {}),
        };
      },
    );

    app.get(
      '/search/suggest',
      {
        config: { access: 'public' },
        schema: {
          tags: ['search'],
          summary: 'Instant-search suggestions: up to 8 product titles for what has been typed so far',
          querystring: z.object({
            q: z.string().max(MAX_PREFIX_CHARS),
            locale: z.enum(LOCALES).default('en'),
            market: z
              .enum(MARKET_CODES)
              .optional()
              .describe('Only listings that may be sold in this market.'),
          }),
          response: { 200: SuggestResponse },
        },
      },
      async (req) => ({
        suggestions: await suggest(ctx.db, req.query.q, req.query.locale, {
          market: req.query.market,
          at: ctx.clock.now(),
        }),
      }),
    );
  };
}
