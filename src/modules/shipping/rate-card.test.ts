import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../http/app.ts';
import { MARKET_CODES } from '../../kernel/locales.ts';
import { maxWeightGrams, quoteShipping, SHIPPING_METHODS, shippingRoutes } from './index.ts';

describe('shipping rate card (Heartland demo rates)', () => {
  it('prices a parcel by the first band that holds it', () => {
    expect(quoteShipping({ market: 'CN', method: 'express', weightGrams: 500 })).toEqual({
      price: { amount: 2800n, currency: 'USD' },
      ruleId: 'US-CN.express.upto_500g',
      transitDays: { min: 4, max: 8 },
    });
    expect(quoteShipping({ market: 'CN', method: 'express', weightGrams: 501 }).ruleId).toBe(
      'US-CN.express.upto_1000g',
    );
    expect(quoteShipping({ market: 'CN', method: 'express', weightGrams: 1 }).price.amount).toBe(2800n);
    expect(quoteShipping({ market: 'JP', method: 'surface', weightGrams: 30_000 }).ruleId).toBe(
      'US-JP.surface.upto_30000g',
    );
  });

  it('prices the South-East Asian routes from the same card', () => {
    expect(quoteShipping({ market: 'VN', method: 'express', weightGrams: 500 })).toEqual({
      price: { amount: 2750n, currency: 'USD' },
      ruleId: 'US-VN.express.upto_500g',
      transitDays: { min: 4, max: 8 },
    });
    expect(quoteShipping({ market: 'ID', method: 'surface', weightGrams: 1001 })).toEqual({
      price: { amount: 2850n, currency: 'USD' },
      ruleId: 'US-ID.surface.upto_2000g',
      transitDays: { min: 20, max: 35 },
    });
    for (const m of ['TH', 'MY', 'PH'] as const)
      expect(quoteShipping({ market: m, method: 'express', weightGrams: 30_000 }).ruleId).toBe(
        `US-${m}.express.upto_30000g`,
      );
  });

  it('gives every market a confirmation window that outlasts the slowest parcel on the card', () => {
    // data/markets.json is policy data of the markets module; read as a file, not imported as a module.
    const markets: { code: string; confirmationWindowDays: Record<'express' | 'surface', number> }[] =
      JSON.parse(readFileSync(new URL('../../../data/markets.json', import.meta.url), 'utf8')).markets;
    for (const code of MARKET_CODES) {
      const window = markets.find((m) => m.code === code)!.confirmationWindowDays;
      for (const method of SHIPPING_METHODS) {
        const slowest = quoteShipping({ market: code, method, weightGrams: 1 }).transitDays.max;
        expect(window[method], `${code} ${method}`).toBeGreaterThan(slowest);
      }
    }
  });

  it('refuses a parcel heavier than the card, and bad weights', () => {
    expect(() => quoteShipping({ market: 'KR', method: 'express', weightGrams: 30_001 })).toThrow(
      expect.objectContaining({
        code: 'shipping.too_heavy',
        kind: 'unprocessable',
        details: { weightGrams: 30_001, maxGrams: 30_000 },
      }),
    );
    for (const w of [0, -5, 1.5, Number.NaN]) {
      expect(() => quoteShipping({ market: 'KR', method: 'express', weightGrams: w })).toThrow(
        expect.objectContaining({ code: 'shipping.invalid_weight' }),
      );
    }
    expect(() => quoteShipping({ market: 'KR', method: 'sea' as never, weightGrams: 5 })).toThrow(
      expect.objectContaining({ code: 'shipping.unknown_method' }),
    );
  });

  it('never charges less for a heavier parcel, and express never less than surface', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MARKET_CODES),
        fc.integer({ min: 1, max: 30_000 }),
        fc.integer({ min: 1, max: 30_000 }),
        (market, a, b) => {
          const [light, heavy] = a <= b ? [a, b] : [b, a];
          for (const method of SHIPPING_METHODS) {
            const p1 = quoteShipping({ market, method, weightGrams: light }).price.amount;
            const p2 = quoteShipping({ market, method, weightGrams: heavy }).price.amount;
            expect(p1 <= p2).toBe(true);
            expect(p1 > 0n).toBe(true);
          }
          expect(
            quoteShipping({ market, method: 'express', weightGrams: a }).price.amount >=
              quoteShipping({ market, method: 'surface', weightGrams: a }).price.amount,
          ).toBe(true);
        },
      ),
    );
    for (const m of MARKET_CODES) expect(maxWeightGrams(m, 'surface')).toBe(30_000);
  });
});

describe('GET /shipping/rates', () => {
  let app: App;
  beforeAll(async () => {
    // The route touches no database; the pool is never connected.
    app = await createApp({
      pool: new pg.Pool(),
      routes: [shippingRoutes()],
      authenticate: async () => null,
    });
  });
  afterAll(async () => {
    await app.close();
  });
  const get = (q: string) => app.inject({ method: 'GET', url: `/api/v1/shipping/rates?${q}` });

  it('quotes publicly', async () => {
    const r = await get('market=SG&method=surface&weightGrams=1200');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      price: { amount: 2600, currency: 'USD' },
      ruleId: 'US-SG.surface.upto_2000g',
      transitDays: { min: 18, max: 40 },
    });
  });

  it('answers bad input with 400 and too heavy with 422', async () => {
    for (const q of [
      'market=XX&method=express&weightGrams=5',
      'market=CN&method=boat&weightGrams=5',
      'market=CN&method=express&weightGrams=0',
      'market=CN&method=express&weightGrams=1.5',
      'market=CN&method=express&weightGrams=100001',
      'market=CN&method=express',
      'market=CN&method=express&weightGrams=5&extra=1',
    ]) {
      const r = await get(q);
      expect(r.statusCode, q).toBe(400);
    }
    const heavy = await get('market=CN&method=express&weightGrams=40000');
    expect(heavy.statusCode).toBe(422);
    expect(heavy.json().code).toBe('shipping.too_heavy');
  });
});
