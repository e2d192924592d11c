import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { invalid, unprocessable } from '../../kernel/errors.ts';
import { isMarketCode, MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import { type Money, money } from '../../money/index.ts';

export type ShippingMethod = 'express' | 'surface';
export const SHIPPING_METHODS = ['express', 'surface'] as const;

/** Where a parcel starts: the seller in the US, or stock in a Chinese bonded zone (route 1210). */
export const ORIGINS = ['US', 'CN_BONDED'] as const;
export type ShippingOrigin = (typeof ORIGINS)[number];

const RATES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/shipping-rates.json',
);

const RateCard = z
  .object({
    label: z.string().min(1).max(200),
    about: z.string().max(2000),
    currency: z.literal('USD'),
    effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    routes: z
      .array(
        z
          .object({
            /** Where the parcel starts: the US (default) or a Chinese bonded zone (domestic delivery in China). */
            from: z.enum(ORIGINS).default('US'),
            market: z.enum(MARKET_CODES),
            method: z.enum(SHIPPING_METHODS),
            transitDays: z
              .object({ min: z.number().int().min(1).max(120), max: z.number().int().min(1).max(120) })
              .strict(),
            bands: z
              .array(
                z
                  .object({
                    maxGrams: z.number().int().min(1).max(100_000),
                    price: z.number().int().min(1).max(10_000_000),
                  })
                  .strict(),
              )
              .min(1)
              .max(50),
          })
          .strict()
          .refine((r) => r.transitDays.min <= r.transitDays.max, 'transitDays.min must not exceed max')
          .refine(
            (r) =>
              r.bands.every(
                (b, i) =>
                  i === 0 || (b.maxGrams > r.bands[i - 1]!.maxGrams && b.price >= r.bands[i - 1]!.price),
              ),
            'bands must rise in weight, and price must not fall as weight rises',
          ),
      )
      .max(200),
  })
  .strict()
  .refine(
    (c) => new Set(c.routes.map((r) => `${r.from}.${r.market}.${r.method}`)).size === c.routes.length,
    'every origin, market and method must appear at most once',
  )
  .refine(
    (c) => c.routes.filter((r) => r.from === 'US').length === MARKET_CODES.length * SHIPPING_METHODS.length,
    'every market and method must have a route from the US',
  )
  .refine(
    (c) => c.routes.every((r) => r.from === 'US' || r.market === 'CN'),
    'bonded-zone stock is delivered only within mainland China',
  );

function load() {
  const parsed = RateCard.safeParse(JSON.parse(readFileSync(RATES_FILE, 'utf8')));
  if (!parsed.success)
    throw new Error(`data file ${RATES_FILE} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// Loaded and validated at import: a bad rate card stops the process at start.
const CARD = load();
const ROUTES = new Map(CARD.routes.map((r) => [`${r.from}.${r.market}.${r.method}`, r]));

/** The heaviest parcel the card prices, for a route. */
export function maxWeightGrams(market: MarketCode, method: ShippingMethod): number {
  return ROUTES.get(`US.${market}.${method}`)!.bands.at(-1)!.maxGrams;
}

/**
 * The price (USD) of a parcel of `weightGrams` from the US to a market, from Heartland's demo rate
 * card: the first weight band that holds it. Heavier than the card → `shipping.too_heavy` (422).
 *
 * @example quoteShipping({ market: 'CN', method: 'express', weightGrams: 500 }) // { price: 28.00 USD, ruleId: 'US-CN.express.upto_500g', ... }
 */
export function quoteShipping(input: {
  market: MarketCode;
  method: ShippingMethod;
  weightGrams: number;
  from?: ShippingOrigin;
}): {
  price: Money;
  ruleId: string;
  transitDays: { min: number; max: number };
} {
  if (!isMarketCode(input.market)) throw invalid('shipping.unknown_market', 'There is no such market.');
  const from = input.from ?? 'US';
  if (from !== 'US' && !ROUTES.has(`${from}.${input.market}.express`)) {
    throw unprocessable(
      'shipping.no_route',
      `Stock held at ${from} cannot be delivered to ${input.market}.`,
      {
        from,
        market: input.market,
      },
    );
  }
  const route = ROUTES.get(`${from}.${input.market}.${input.method}`);
  if (!route) throw invalid('shipping.unknown_method', 'The method must be "express" or "surface".');
  if (!Number.isSafeInteger(input.weightGrams) || input.weightGrams < 1) {
    throw invalid('shipping.invalid_weight', 'The weight must be a whole number of grams, at least 1.');
  }
  const band = route.bands.find((b) => input.weightGrams <= b.maxGrams);
  if (!band) {
    throw unprocessable(
      'shipping.too_heavy',
      `Parcels to ${input.market} by ${input.method} may weigh at most ${route.bands.at(-1)!.maxGrams} g.`,
      { weightGrams: input.weightGrams, maxGrams: route.bands.at(-1)!.maxGrams },
    );
  }
  return {
    price: money(band.price, 'USD'),
    ruleId: `${from === 'US' ? 'US' : from}-${input.market}.${input.method}.upto_${band.maxGrams}g`,
    transitDays: { ...route.transitDays },
  };
}
