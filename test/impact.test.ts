import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncListingIndex } from '../src/flows/listings/sync-listing-eligibility.ts';
import { verifyLedger } from '../src/modules/ledger/index.ts';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';
import { shippedOrder } from './support/notices.ts';

/**
 * The public impact report through the API: only verified sellers count as businesses enabled,
 * only released escrow counts as exports (goods value, not shipping or taxes), and the figure is
 * as tamper-evident as the ledger entry it is read from.
 */
describe('GET /api/v1/impact', () => {
  let h: Heartland;
  let admin: Actor;
  let buyer: Actor;
  let farm: { staff: Actor; sellerId: string };
  let creamery: { staff: Actor; sellerId: string };
  let ginseng: { productId: string; variantIds: string[] };
  let cheese: { productId: string; variantIds: string[] };
  let released: string;

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    buyer = await h.actor('kim@buyers.test', [{ role: 'buyer' }]);
  });
  afterAll(() => h.close());

  const report = async () => {
    h.clock.advance(11_000); // the report is shared for ten seconds
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/impact' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('is public, and empty before anyone sells', async () => {
    const r = await report();
    expect(r).toMatchObject({
      businessesEnabled: 0,
      farms: 0,
      midwestBusinessShare: null,
      exports: { amount: 0, currency: 'USD' },
      jobsSupported: '0.000',
      byState: [],
      byMarket: [],
    });
    expect(r.method.jobs).toMatchObject({ perBillionUsd: 4100, dataYear: 2022, source: { id: 'M1' } });
    expect(r.method.jobs.source.urls[0]).toMatch(/^https:\/\/trade\.gov\//);
    expect(r.method.midwest.source.id).toBe('M2');
  });

  it('counts verified sellers only: a Wisconsin farm and an Ohio creamery, not a pending Texas ranch', async () => {
    farm = await onboardVerifiedSeller(h, admin, { key: 'farm', legalName: 'Marathon Ginseng Farm LLC' });
    creamery = await onboardVerifiedSeller(h, admin, {
      key: 'creamery',
      legalName: 'Buckeye Creamery Inc.',
      usState: 'OH',
      isFarm: false,
    });
    const rancher = await registerViaApi(h, 'ranch@sellers.test', 'Lone Star Ranch');
    const pending = await rancher.post('/api/v1/sellers', {
      legalName: 'Lone Star Ranch LLC',
      ein: '74-1234567',
      usState: 'TX',
      city: 'Austin',
      employees: 4,
      isFarm: true,
      founded: 2001,
      contact: { name: 'Jo Hale', email: 'ranch@sellers.test', phone: '+1 512 555 0100' },
      description: { en: 'A ranch.' },
    });
    expect(pending.statusCode).toBe(201);
    const r = await report();
    expect(r).toMatchObject({
      businessesEnabled: 2,
      farms: 1,
      smallBusinesses: 2,
      midwestBusinesses: 2,
      midwestBusinessShare: '1.0000',
      goal: { businesses: 1_000_000, progress: '0.000002' },
    });
    expect(r.byState.map((s: { state: string }) => s.state).sort()).toEqual(['OH', 'WI']);
  });

  it('counts a released order’s goods value as exported; an unreleased or refunded order is not', async () => {
    ginseng = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '121120',
      en: 'Wisconsin Ginseng Gift Box',
      priceUsd: 240_000, // $2,400.00: under the $2,500 at which a parcel needs an export filing
      stock: 10,
      weightGrams: 900,
    });
    cheese = await listProduct(creamery.staff, creamery.sellerId, {
      hsCode: '121120',
      en: 'Ohio Creamery Sampler',
      priceUsd: 3_500,
      stock: 10,
      weightGrams: 900,
    });
    await syncListingIndex(h.ctx);
    released = await shippedOrder(h, buyer, farm, ginseng.variantIds[0]!);
    expect((await buyer.post(`/api/v1/orders/${released}/confirm-receipt`)).statusCode).toBe(200);
    // Shipped but not yet accepted: still in escrow, not an export yet.
    await shippedOrder(h, buyer, creamery, cheese.variantIds[0]!);
    // Paid, then refunded before shipping.
    const q = await buyer.post('/api/v1/checkout/quotes', {
      market: 'KR',
      lines: [{ variantId: cheese.variantIds[0], quantity: 1 }],
    });
    const placed = await buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('KR'));
    const refundedId = placed.json().orders[0].id;
    await h.settle(1000);
    expect(
      (await buyer.post(`/api/v1/orders/${refundedId}/refund`, { reason: 'changed my mind' })).statusCode,
    ).toBe(200);
    await h.settle(1000);

    const r = await report();
    // $2,400.00 × 4,100 jobs ÷ $1 bn = 0.00984 jobs → 0.010.
    expect(r).toMatchObject({
      exportingBusinesses: 1,
      ordersDelivered: 1,
      exports: { amount: 240_000, currency: 'USD' },
      midwestExports: { amount: 240_000, currency: 'USD' },
      midwestExportShare: '1.0000',
      jobsSupported: '0.010',
      releasesWithoutGoodsValue: 0,
    });
    expect(r.byMarket).toEqual([
      { market: 'KR', exportingBusinesses: 1, orders: 1, exports: { amount: 240_000, currency: 'USD' } },
    ]);
    expect(r.byState[0]).toEqual({
      state: 'WI',
      midwest: true,
      businesses: 1,
      farms: 1,
      exportingBusinesses: 1,
      orders: 1,
      exports: { amount: 240_000, currency: 'USD' },
    });
    expect(r.byState[1]).toMatchObject({ state: 'OH', exports: { amount: 0 } });
    await expectLedgerSound(h.db);
  });

  it('serves one report for ten seconds, then a fresh one', async () => {
    const first = await report();
    const again = await h.app.inject({ method: 'GET', url: '/api/v1/impact' });
    expect(again.json().asOf).toBe(first.asOf);
    expect(again.headers['cache-control']).toBe('public, max-age=10');
  });

  it('reads the export value from a hashed ledger entry: editing it breaks `ledger verify`', async () => {
    // Only someone bypassing the ledger's no-update trigger could change it; verify still notices.
    const db = h.db.db;
    await db.execute(sql`ALTER TABLE ledger_entries DISABLE TRIGGER USER`);
    try {
      await db.execute(sql`
        UPDATE ledger_entries SET metadata = jsonb_set(metadata, '{goodsUsd}', '"2400000"')
        WHERE id = ${`release:${released}`}`);
    } finally {
      await db.execute(sql`ALTER TABLE ledger_entries ENABLE TRIGGER USER`);
    }
    const verdict = await verifyLedger(db);
    expect(verdict.ok).toBe(false);
    expect(JSON.stringify(verdict.problems)).toContain(`release:${released}`);
    expect((await report()).exports.amount).toBe(2_400_000); // the report reads what is there; verify flags it
  });
});
