import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { isDemoHistorySeeded, seedDemoOrderHistory } from '../src/demo/seed-demo-orders.ts';
import { impactReport } from '../src/modules/impact/index.ts';
import { trialBalance } from '../src/modules/ledger/index.ts';
import { expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

/** The demo's order history goes through the real flows and leaves figures an auditor can verify. */
describe('the demo order history', () => {
  let h: Heartland;
  let result: { orders: number; released: number };
  beforeAll(async () => {
    h = await startHeartland({ testCategory: false });
    await seedDemo(h.ctx, { pictures: false });
    expect(await isDemoHistorySeeded(h.ctx)).toBe(false);
    result = await seedDemoOrderHistory(h.ctx, { settle: () => h.settle(1000) });
  }, 240_000);
  afterAll(() => h.close());

  it('places every scripted order and releases the accepted ones', async () => {
    expect(await isDemoHistorySeeded(h.ctx)).toBe(true);
    expect(result.orders).toBe(26); // 17 checkouts, 9 of them across two sellers
    expect(result.released).toBe(22); // all but 1 paid, 2 shipped, 1 delivered awaiting the buyer
  });

  it('gives the impact report exports from Midwest sellers into nine markets, with a sound ledger', async () => {
    const r = await impactReport(h.db.db, h.clock);
    expect(r.ordersDelivered).toBe(result.released);
    expect(r.exportsUsdCents).toBeGreaterThan(0n);
    expect(r.midwestExportShare).toBe('1.0000'); // every demo seller is in the Midwest
    expect(r.byMarket.map((m) => m.market).sort()).toEqual([
      'CN',
      'HK',
      'JP',
      'KR',
      'MY',
      'PH',
      'SG',
      'TW',
      'VN',
    ]);
    expect(r.businessesEnabled).toBe(22); // 24 demo sellers, 2 still pending verification
    for (const row of await trialBalance(h.db.db)) expect(row.balanced).toBe(true);
    await expectLedgerSound(h.db);
  });
});
