import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProductEligibility, productEligibility } from '../src/flows/listing-eligibility.js';
import { seedDemo } from '../src/flows/seed-demo.js';
import { MARKET_CODES } from '../src/kernel/locales.js';
import { allProductIds, getProduct } from '../src/modules/catalog/index.js';
import { type Heartland, startHeartland } from './support/heartland.js';

/** The demo sellers hold the (fictional) registrations their food listings need, so the demo catalog shows everywhere it may. */
describe('demo catalog eligibility', () => {
  let h: Heartland;
  const listings: { title: string; visible: boolean; eligibility: ProductEligibility }[] = [];
  beforeAll(async () => {
    h = await startHeartland();
    await seedDemo(h.ctx);
    for (const id of await allProductIds(h.db.db, { limit: 1000 })) {
      const p = await getProduct(h.db.db, id, { includeHidden: true });
      const eligibility = await productEligibility(h.ctx, { sellerId: p.sellerId, productId: id });
      listings.push({ title: p.translations.en?.title ?? id, visible: p.visible, eligibility });
    }
  }, 300_000);
  afterAll(() => h.close());

  it('has no listing restricted for a missing document in any market', async () => {
    expect(listings.length).toBeGreaterThan(100);
    const restricted: string[] = [];
    let needDocuments = 0;
    for (const { title, eligibility } of listings) {
      for (const m of eligibility.markets) {
        if (m.status === 'restricted') restricted.push(`${title} in ${m.market}`);
        if (m.documents.length > 0) needDocuments++;
      }
    }
    expect(restricted).toEqual([]);
    expect(needDocuments).toBeGreaterThan(100); // the food listings do rest on their registrations
  });

  it('shows a buyer in each market every visible listing that is not prohibited there', async () => {
    const count = async (query: string) =>
      (await h.app.inject({ method: 'GET', url: `/api/v1/search?locale=en&pageSize=1${query}` })).json()
        .total as number;
    const all = await count('');
    for (const market of MARKET_CODES) {
      const prohibited = listings.filter(
        (l) => l.visible && l.eligibility.markets.find((m) => m.market === market)?.status === 'prohibited',
      ).length;
      expect(await count(`&market=${market}`), market).toBe(all - prohibited);
    }
    // The search the README shows: American ginseng for a buyer in Shanghai.
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent('花旗参')}&locale=zh-Hans&market=CN`,
    });
    expect(res.json().total).toBeGreaterThan(5);
  });
});
