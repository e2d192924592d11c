import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from './support/fixtures.ts';
import { expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

/**
 * China's CNY 26,000 annual allowance (reference §1a) against one buyer checking out many carts at
 * once: the requests race through real HTTP handlers into one PostgreSQL database, and the allowance
 * must hold however they interleave.
 */
describe('one buyer, 20 simultaneous China checkouts', () => {
  let h: Heartland;
  beforeAll(async () => {
    h = await startHeartland();
  });
  afterAll(() => h.close());

  it('places exactly as many orders as the allowance holds, refuses the rest and says what is left', async () => {
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    const maker = await onboardVerifiedSeller(h, admin, {
      key: 'canvas',
      legalName: 'Duluth Canvas Works',
      isFarm: false,
    });
    // Non-food goods on the CBEC Positive List: no seller documents in the way, only the allowance.
    const bag = await listProduct(maker.staff, maker.sellerId, {
      hsCode: '420292',
      en: 'Waxed canvas duffel bag',
      priceUsd: 29_000,
      stock: 100,
      weightGrams: 1_400,
    });
    const buyer = await registerViaApi(h, 'wang.fang@buyers.test', '王芳');
    const id = await buyer.put('/api/v1/me/buyer-identities/CN', {
      realName: '王芳',
      idNumber: '11010519491231002X',
    });
    expect(id.statusCode).toBe(200);

    const quotes = await Promise.all(
      Array.from({ length: 20 }, () =>
        buyer.post('/api/v1/checkout/quotes', {
          market: 'CN',
          shippingMethod: 'express',
          lines: [{ variantId: bag.variantIds[0], quantity: 1 }],
        }),
      ),
    );
    expect(quotes.map((q) => q.statusCode)).toEqual(Array(20).fill(201));
    // Every quote is the same cart at the same rate: one dutiable value (price + freight) per order.
    const dutiable = quotes[0]!.json().orders[0].dutiableValue.amount as number;
    expect(quotes.every((q) => q.json().orders[0].dutiableValue.amount === dutiable)).toBe(true);
    const limit = 2_600_000; // CNY 26,000.00 in fen
    const fits = Math.floor(limit / dutiable);
    expect(fits).toBeGreaterThan(1);
    expect(fits).toBeLessThan(20);

    const placed = await Promise.all(
      quotes.map((q) => buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('CN'))),
    );
    const won = placed.filter((p) => p.statusCode === 201);
    const lost = placed.filter((p) => p.statusCode !== 201);
    expect(won).toHaveLength(fits);
    for (const p of lost) {
      expect(p.statusCode).toBe(422);
      const problem = p.json();
      expect(problem.code).toBe('compliance.cn_annual_limit_exceeded');
      // The buyer is told why and how much is left, in money they can read.
      expect(problem.remaining).toEqual({ amount: limit - fits * dutiable, currency: 'CNY' });
      expect(problem.detail).toMatch(/CNY [\d,]+\.\d\d/);
    }

    const allowance = (await buyer.get('/api/v1/me/cn-allowance')).json();
    expect(allowance.used.amount).toBe(fits * dutiable);
    expect(allowance.used.amount).toBeLessThanOrEqual(limit);
    expect(allowance.remaining.amount).toBe(limit - fits * dutiable);

    // A fresh quote now refuses up front, naming what is left.
    const late = await buyer.post('/api/v1/checkout/quotes', {
      market: 'CN',
      shippingMethod: 'express',
      lines: [{ variantId: bag.variantIds[0], quantity: 1 }],
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().code).toBe('compliance.cn_annual_limit_exceeded');
    expect(late.json().remaining.amount).toBe(limit - fits * dutiable);

    // Stock moved only for the orders that were placed; the refused ones left no trace.
    const products = (await maker.staff.get(`/api/v1/sellers/${maker.sellerId}/products`)).json();
    expect(products[0].variants[0].stock).toBe(100 - fits);
    await h.settle(1000);
    await expectLedgerSound(h.db);
  });
});
