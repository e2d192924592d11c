import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { invalid, unprocessable } from '../../kernel/errors.js';
import { isMarketCode, MARKET_CODES, type MarketCode } from '../../kernel/locales.js';
import { type Money, money } from '../../money/index.js';

export type ShippingMethod = 'express' | 'surface';
export const SHIPPING_METHODS = ['express', 'surface'] as const;

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
      .length(MARKET_CODES.length * SHIPPING_METHODS.length),
  })
  .strict()
  .refine(
    (c) => new Set(c.routes.map((r) => `${r.market}.${r.method}`)).size === c.routes.length,
    'every market and method must appear exactly once',
  );

function load() {
  const parsed = RateCard.safeParse(JSON.parse(readFileSync(RATES_FILE, 'utf8')));
  if (!parsed.success)
    throw new Error(`data file ${RATES_FILE} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// Loaded and validated at import: a bad rate card stops the process at start.
const CARD = load();
const ROUTES = new Map(CARD.routes.map((r) => [`${r.market}.${r.method}`, r]));

/** The heaviest parcel the card prices, for a route. */
export function maxWeightGrams(market: MarketCode, method: ShippingMethod): number {
  return ROUTES.get(`${market}.${method}`)!.bands.at(-1)!.maxGrams;
}

/**
 * The price (USD) of a parcel of `weightGrams` from the US to a market, from Heartland's demo rate
 * card: the first weight band that holds it. Heavier than the card → `shipping.too_heavy` (422).
 *
 * @example quoteShipping({ market: 'CN', method: 'express', weightGrams: 500 }) // { price: 28.00 USD, ruleId: 'US-CN.express.upto_500g', ... }
 */
export function quoteShipping(input: { market: MarketCode; method: ShippingMethod; weightGrams: number }): {
  price: Money;
  ruleId: string;
  transitDays: { min: number; max: number };
} {
  if (!isMarketCode(input.market)) throw invalid('shipping.unknown_market', 'There is no such market.');
  const route = ROUTES.get(`${input.market}.${input.method}`);
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
    ruleId: `US-${input.market}.${input.method}.upto_${band.maxGrams}g`,
    transitDays: { ...route.transitDays },
  };
}
