import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBalances, trialBalance } from '../src/modules/ledger/index.ts';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

/**
 * Random sequences of checkout, capture failure, cancel, refund, delivery, confirmation, timed
 * release and payout, across markets and currencies: after every sequence every currency
 * balances, no seller payable is below zero, and every escrow of a finished order is empty.
 */
describe('money properties over random order lives', () => {
  let h: Heartland;
  let admin: Actor;
  const sellers: { staff: Actor; sellerId: string; variantId: string }[] = [];
  const buyers: Actor[] = [];

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@props.test', [{ role: 'platform_admin' }]);
    const goods = [
      {
        key: 'syrup',
        name: 'Sugarbush Maple Co.',
        hs: '170220',
        en: 'Maple syrup, 500 ml',
        price: 2199,
        grams: 750,
      },
      {
        key: 'jerky',
        name: 'Black Hills Jerky',
        hs: '160250',
        en: 'Beef jerky, 8 oz',
        price: 1299,
        grams: 260,
      },
      {
        key: 'popcorn',
        name: 'Prairie Popcorn Farm',
        hs: '100590',
        en: 'Heirloom popcorn kernels, 2 lb',
        price: 999,
        grams: 950,
      },
    ];
    for (const g of goods) {
      const s = await onboardVerifiedSeller(h, admin, { key: g.key, legalName: g.name });
      const p = await listProduct(s.staff, s.sellerId, {
        hsCode: g.hs,
        en: g.en,
        priceUsd: g.price,
        stock: 100_000,
        weightGrams: g.grams,
      });
      sellers.push({ ...s, variantId: p.variantIds[0]! });
    }
    for (const m of ['HK', 'JP', 'KR', 'SG', 'TW'])
      buyers.push(await h.actor(`buyer-${m}@props.test`, [{ role: 'buyer' }]));
  });
  afterAll(() => h.close());

  const MARKETS = ['HK', 'JP', 'KR', 'SG', 'TW'] as const;
  type Op =
    | {
        t: 'checkout';
        market: number;
        sellers: number[];
        qty: number;
        method: 'pm_card_ok' | 'pm_card_fails_async';
      }
    | { t: 'settle' }
    | { t: 'ship'; pick: number }
    | { t: 'deliver'; pick: number }
    | { t: 'confirm'; pick: number }
    | { t: 'refund'; pick: number }
    | { t: 'timer' }
    | { t: 'payout' };

  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      t: fc.constant('checkout' as const),
      market: fc.nat(4),
      sellers: fc.uniqueArray(fc.nat(2), { minLength: 1, maxLength: 3 }),
      qty: fc.integer({ min: 1, max: 4 }),
      method: fc.constantFrom('pm_card_ok' as const, 'pm_card_ok' as const, 'pm_card_fails_async' as const),
    }),
    fc.constant({ t: 'settle' as const }),
    fc.record({ t: fc.constant('ship' as const), pick: fc.nat(50) }),
    fc.record({ t: fc.constant('deliver' as const), pick: fc.nat(50) }),
    fc.record({ t: fc.constant('confirm' as const), pick: fc.nat(50) }),
    fc.record({ t: fc.constant('refund' as const), pick: fc.nat(50) }),
    fc.constant({ t: 'timer' as const }),
    fc.constant({ t: 'payout' as const }),
  );

  const orders: { id: string; buyer: Actor; seller: (typeof sellers)[number] }[] = [];
  const pick = (n: number) => (orders.length ? orders[n % orders.length] : undefined);

  async function run(o: Op): Promise<void> {
    switch (o.t) {
      case 'checkout': {
        const buyer = buyers[o.market]!;
        const q = await buyer.post('/api/v1/checkout/quotes', {
          market: MARKETS[o.market],
          lines: o.sellers.map((s) => ({ variantId: sellers[s]!.variantId, quantity: o.qty })),
        });
        expect(q.statusCode).toBe(201);
        const p = await buyer.post(
          `/api/v1/checkout/quotes/${q.json().id}/place`,
          placeBody(MARKETS[o.market]!, o.method),
        );
        expect(p.statusCode).toBe(201);
        for (const ord of p.json().orders) {
          orders.push({ id: ord.id, buyer, seller: sellers.find((s) => s.sellerId === ord.sellerId)! });
        }
        return;
      }
      case 'settle':
        return h.settle(2000);
      case 'ship': {
        const ord = pick(o.pick);
        if (!ord) return;
        const r = await ord.seller.staff.post(
          `/api/v1/sellers/${ord.seller.sellerId}/orders/${ord.id}/shipment`,
          {
            carrier: 'UPS',
            trackingNumber: `1Z${ord.id.slice(-10)}`,
          },
        );
        expect([201, 409]).toContain(r.statusCode);
        return;
      }
      case 'deliver': {
        const ord = pick(o.pick);
        if (!ord) return;
        const r = await ord.seller.staff.post(`/api/v1/orders/${ord.id}/tracking-events`, {
          status: 'delivered',
          location: 'Destination',
          description: 'Delivered',
        });
        expect([200, 403, 409]).toContain(r.statusCode);
        return;
      }
      case 'confirm': {
        const ord = pick(o.pick);
        if (!ord) return;
        const r = await ord.buyer.post(`/api/v1/orders/${ord.id}/confirm-receipt`);
        expect([200, 409]).toContain(r.statusCode);
        return;
      }
      case 'refund': {
        const ord = pick(o.pick);
        if (!ord) return;
        const r = await admin.post(`/api/v1/orders/${ord.id}/refund`, { reason: 'property test' });
        expect([200, 409]).toContain(r.statusCode);
        return;
      }
      case 'timer':
        h.clock.advanceDays(11);
        expect((await admin.post('/api/v1/admin/jobs/release-due')).json().failed).toEqual([]);
        return;
      case 'payout':
        expect((await admin.post('/api/v1/admin/payouts/run')).statusCode).toBe(200);
        return;
    }
  }

  it('keeps every currency balanced and no payable below zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 3, maxLength: 10 }), async (ops) => {
        for (const o of ops) await run(o);
        await h.settle(2000);
        for (const row of await trialBalance(h.db.db)) {
          expect(row.balanced, row.currency).toBe(true);
        }
        for (const p of await accountBalances(h.db.db, { type: 'seller_payable' })) {
          expect(p.balance.amount >= 0n, p.key).toBe(true);
        }
        for (const ord of orders) {
          const detail = (await ord.buyer.get(`/api/v1/orders/${ord.id}`)).json();
          if (['completed', 'refunded', 'cancelled'].includes(detail.status)) {
            const [escrow] = await accountBalances(h.db.db, {
              keys: [`escrow:${ord.id}:${detail.currency}`],
            });
            if (escrow)
              expect(escrow.balance.amount + escrow.debitsPending - escrow.creditsPending, ord.id).toBe(0n);
          }
        }
        await expectLedgerSound(h.db);
      }),
      { numRuns: 12 },
    );
  });
});
