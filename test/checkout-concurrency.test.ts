import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBalances, trialBalance } from '../src/modules/ledger/index.ts';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

describe('50 shoppers, 10 in stock', () => {
  let h: Heartland;
  beforeAll(async () => {
    h = await startHeartland();
  });
  afterAll(() => h.close());

  it('sells exactly 10: ten orders, stock 0, no overdraft, ledger balanced', async () => {
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    const farm = await onboardVerifiedSeller(h, admin, {
      key: 'cherry',
      legalName: 'Door Peninsula Cherry Orchard',
    });
    const product = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '081320',
      en: 'Dried Montmorency tart cherries, 1 lb',
      priceUsd: 1650,
      stock: 10,
      weightGrams: 480,
    });
    // Hong Kong buyers: no CN identity or annual quota in the way, so only stock decides.
    const shoppers: Actor[] = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.actor(`shopper${i}@buyers.test`, [{ role: 'buyer' }])),
    );
    const quotes = await Promise.all(
      shoppers.map((s) =>
        s.post('/api/v1/checkout/quotes', {
          market: 'HK',
          lines: [{ variantId: product.variantIds[0], quantity: 1 }],
        }),
      ),
    );
    expect(quotes.every((q) => q.statusCode === 201)).toBe(true);
    const placed = await Promise.all(
      shoppers.map((s, i) =>
        s.post(`/api/v1/checkout/quotes/${quotes[i]!.json().id}/place`, placeBody('HK')),
      ),
    );
    const won = placed.filter((p) => p.statusCode === 201);
    const lost = placed.filter((p) => p.statusCode !== 201);
    expect(won).toHaveLength(10);
    expect(lost.every((p) => p.statusCode === 409 && p.json().code === 'catalog.out_of_stock')).toBe(true);
    expect(placed.some((p) => p.statusCode >= 500)).toBe(false);

    const products = (await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/products`)).json();
    expect(products[0].variants[0].stock).toBe(0);
    const orders = (await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/orders`)).json().orders;
    expect(orders).toHaveLength(10);

    await h.settle(1000);
    const escrows = await accountBalances(h.db.db, { type: 'escrow' });
    expect(escrows).toHaveLength(10);
    expect(escrows.every((a) => a.balance.amount > 0n)).toBe(true);
    for (const row of await trialBalance(h.db.db)) expect(row.balanced).toBe(true);
    await expectLedgerSound(h.db);
  });
});
