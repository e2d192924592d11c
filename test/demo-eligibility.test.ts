import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { type ProductEligibility, productEligibility } from '../src/flows/listings/listing-eligibility.ts';
import { MARKET_CODES } from '../src/kernel/locales.ts';
import { allProductIds, getProduct } from '../src/modules/catalog/index.ts';
import { type Heartland, startHeartland } from './support/heartland.ts';

/** The demo sellers hold the (fictional) registrations their food listings need, so the demo catalog shows everywhere it may. */
let h: Heartland;
beforeAll(async () => {
  h = await startHeartland();
  await seedDemo(h.ctx);
}, 300_000);
afterAll(() => h.close());

describe('demo catalog eligibility', () => {
  const listings: { title: string; visible: boolean; eligibility: ProductEligibility }[] = [];
  beforeAll(async () => {
    for (const id of await allProductIds(h.db.db, { limit: 1000 })) {
      const p = await getProduct(h.db.db, id, { includeHidden: true });
      const eligibility = await productEligibility(h.ctx, { sellerId: p.sellerId, productId: id });
      listings.push({ title: p.translations.en?.title ?? id, visible: p.visible, eligibility });
    }
  }, 300_000);

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

/** The demo catalog passes its own listing checks: brands authorized, pictures original, provenance shown. */
describe('demo catalog trust', () => {
  it('holds no demo listing, and records a passed check with every picture fingerprinted', async () => {
    const { rows } = await h.db.db.execute<{ rule: string; n: string; unchecked: string }>(sql`
      SELECT rule, count(*)::text AS n,
             sum(jsonb_array_length(detail->'uncheckedImages'))::text AS unchecked
        FROM trust_decisions WHERE subject_kind = 'listing' GROUP BY rule`);
    expect(rows).toEqual([{ rule: 'listing.checks_passed', n: '114', unchecked: '0' }]);
    const held = await h.db.db.execute(sql`SELECT id FROM products WHERE trust_hold IS NOT NULL`);
    expect(held.rows).toEqual([]);
  });

  it('links the branded demo listings to their verified brands, whose owners authorized the sellers', async () => {
    const brands = (await h.app.inject({ method: 'GET', url: '/api/v1/brands' })).json();
    const names = (Array.isArray(brands) ? brands : brands.brands).map((b: { name: string }) => b.name);
    expect(names).toEqual(['Badlands Ridge', 'Marathon Root', 'Prairie Pop']);
    const { rows } = await h.db.db.execute<{ n: string }>(
      sql`SELECT count(*)::text AS n FROM brand_listing_links`,
    );
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it('shows a ginseng lot’s provenance to a shopper, and an expired organic certificate as expired', async () => {
    const page = async (slugTitle: string) => {
      const { rows } = await h.db.db.execute<{ product_id: string }>(
        sql`SELECT product_id FROM product_translations WHERE locale = 'en' AND title = ${slugTitle}`,
      );
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/v1/storefront/products/${rows[0]!.product_id}?market=HK&locale=zh-Hant`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().provenance as { county: string; certifications: { expired: boolean }[] }[];
    };
    expect(await page('Wisconsin American Ginseng Root, Long Prong, 4 oz')).toEqual([
      expect.objectContaining({ county: 'Marathon', usState: 'WI', lotNumber: 'MRG-2026-09' }),
    ]);
    const [maple] = await page('Pure Ohio Maple Syrup, Grade A Amber Color Rich Taste');
    expect(maple!.certifications).toEqual([
      expect.objectContaining({ scheme: 'USDA Organic', expired: true }),
    ]);
  });
});
