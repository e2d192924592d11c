import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../src/db/database.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { marketAvailability } from '../src/flows/listings/market-availability.ts';
import { refreshListingMarkets } from '../src/flows/listings/sync-listing-eligibility.ts';
import { revokeBrandAuthorization } from '../src/flows/trust/brands/brand-authorization.ts';
import { ManualClock } from '../src/kernel/clock.ts';
import { newId, type SellerId } from '../src/kernel/ids.ts';
import type { MarketCode } from '../src/kernel/locales.ts';
import * as catalog from '../src/modules/catalog/index.ts';
import * as trust from '../src/modules/trust/index.ts';
import { createTestDatabase } from './support/db.ts';

/**
 * Brand authorization asked once for all of a cart's, a page's or a seller's brand links, and the
 * eligibility sync reading its batch of products at once: the number of round trips to the
 * database must not grow with the number of listings (it did: one query per link, per product).
 */
describe('brand authorization and listing eligibility in a constant number of queries', () => {
  let db: Database & { url: string };
  let counting: { db: Db; pool: pg.Pool; count: () => number; reset: () => void };
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  const names = (en: string) => ({ en, 'zh-Hans': en, 'zh-Hant': en, ja: en, ko: en });
  const many = { sellerId: '' as SellerId, products: [] as string[] };
  const one = { sellerId: '' as SellerId, products: [] as string[] };
  let brandA: string;
  let brandB: string;

  /** A second pool on the same database whose every statement is counted. */
  function countingDatabase(url: string) {
    let n = 0;
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on('connect', (client) => {
      const query = client.query.bind(client);
      client.query = ((...args: Parameters<typeof query>) => {
        n++;
        return query(...args);
      }) as typeof client.query;
    });
    return {
      db: drizzle(pool) as unknown as Db,
      pool,
      count: () => n,
      reset: () => {
        n = 0;
      },
    };
  }

  async function registerVerifiedBrand(name: string, number: string): Promise<string> {
    const brand = await inTransaction(db.db, (tx) =>
      trust.registerBrand(tx, clock, 'usr_owner', {
        name,
        terms: { en: [name] },
        trademark: { office: 'USPTO', registrationNumber: number, classes: [5], ownerName: `${name} LLC` },
      }),
    );
    await db.db.execute(sql`UPDATE brands SET status = 'verified' WHERE id = ${brand.id}`);
    return brand.id;
  }

  const authorize = (brandId: string, input: trust.AuthorizeSellerInput) =>
    inTransaction(db.db, (tx) => trust.authorizeSeller(tx, clock, { ...input, brandId, actor: 'usr_owner' }));

  /** n listings of a seller, each naming brand A, every other one brand B too, with a mix of authorizations. */
  async function sellerWithListings(n: number) {
    const sellerId = newId('sel');
    const products: string[] = [];
    for (let i = 0; i < n; i++) {
      const p = await catalog.createProduct({ db: db.db, clock }, sellerId, true, {
        kind: 'goods',
        categorySlug: 'test-goods',
        originState: 'WI',
        hsCode: '121120',
        status: 'active',
        translations: { en: { title: `Root ${i}`, description: 'A root.' } },
        images: [],
        variants: [{ sku: `ROOT-${i}`, priceUsd: 1000, stock: 5, weightGrams: 100 }],
      });
      products.push(p.id);
      const link = { sellerId, productId: p.id, matchedTerm: 'Brand' };
      await trust.linkListingToBrand(db.db, { ...link, brandId: brandA });
      if (i % 2 === 0) await trust.linkListingToBrand(db.db, { ...link, brandId: brandB });
    }
    // Brand A: some products everywhere, all of them in Japan only. Brand B: everything, but one
    // grant revoked and one expiring in a day.
    await authorize(brandA, { sellerId, productIds: products.slice(0, Math.ceil(n / 2)) });
    await authorize(brandA, { sellerId, markets: ['JP'] });
    const revoked = await authorize(brandB, { sellerId });
    await inTransaction(db.db, (tx) =>
      trust.revokeAuthorization(tx, clock, { authorizationId: revoked.id, actor: 'usr_owner', reason: 'x' }),
    );
    await authorize(brandB, { sellerId, validUntil: '2026-11-25T08:00:00Z' });
    await authorize(brandB, { sellerId, markets: ['CN', 'JP'] });
    return { sellerId, products };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await catalog.loadCategories(db.db, [
      { slug: 'test-goods', parent: null, names: names('Test goods'), hsCode: '121120' },
    ]);
    brandA = await registerVerifiedBrand('Alpha Root', '7000001');
    brandB = await registerVerifiedBrand('Beta Root', '7000002');
    Object.assign(many, await sellerWithListings(12));
    Object.assign(one, await sellerWithListings(1));
    counting = countingDatabase(db.url);
  });
  afterAll(async () => {
    await counting.pool.end();
    await db.close();
  });

  it('answers as asking once per link did', async () => {
    const links = await trust.brandLinksOfListings(db.db, [...many.products, ...one.products]);
    expect(links.length).toBe(20);
    for (const market of [null, 'CN', 'JP', 'KR'] as (MarketCode | null)[]) {
      for (const at of [clock.now(), new Date('2026-11-26T00:00:00Z')]) {
        const perLink = [];
        for (const l of links) {
          if (!(await trust.isSellerAuthorized(db.db, { ...l, market, at }))) perLink.push(l);
        }
        expect(await trust.unauthorizedBrandLinks(db.db, links, { market, at })).toEqual(perLink);
      }
    }
    // Not vacuous: some links are refused and some allowed.
    const kr = await trust.unauthorizedBrandLinks(db.db, links, { market: 'KR', at: clock.now() });
    expect(kr.length).toBeGreaterThan(0);
    expect(kr.length).toBeLessThan(links.length);
  });

  /** The statements `work` sends, counted on a pool of its own. */
  async function queries(work: (db: Db) => Promise<unknown>): Promise<number> {
    counting.reset();
    await work(counting.db);
    return counting.count();
  }

  const refs = (products: string[], sellerId: string) =>
    products.map((productId) => ({
      productId,
      sellerId,
      kind: 'goods' as const,
      hsCode: '121120',
      categorySlug: 'test-goods',
    }));

  it('checks a cart or a product page for its market in four queries however many listings', async () => {
    const at = clock.now();
    await marketAvailability(counting.db, refs(one.products, one.sellerId), 'KR', at); // warms the category copy
    const forOne = await queries((d) => marketAvailability(d, refs(one.products, one.sellerId), 'KR', at));
    const forMany = await queries((d) => marketAvailability(d, refs(many.products, many.sellerId), 'KR', at));
    // Seller documents, brand links, authorizations (the category tree is a copy up to 5 s old).
    expect(forOne).toBe(3);
    expect(forMany).toBe(forOne);
    // What asking once per link cost: the links, then one query per link.
    const links = await trust.brandLinksOfListings(db.db, many.products);
    const perLink = await queries(async (d) => {
      await trust.brandLinksOfListings(d, many.products);
      for (const l of links) await trust.isSellerAuthorized(d, { ...l, market: 'KR', at });
    });
    expect(perLink).toBe(1 + 18);
  });

  it('recomputes a batch of listings’ markets in a constant number of queries', async () => {
    const run = (products: string[], sellerId: string) =>
      queries((d) =>
        refreshListingMarkets(
          { db: d, clock },
          products.map((productId) => ({ productId, sellerId })),
        ),
      );
    expect(await run(many.products, many.sellerId)).toBe(await run(one.products, one.sellerId));
  });

  it('finds what a revocation leaves uncovered in a constant number of queries', async () => {
    // Each seller keeps another grant of brand B in CN and JP, so nothing is hidden: what is
    // counted is the check alone, not the writes of hiding.
    const revoke = (sellerId: string) => async (d: Db) => {
      const [grant] = await trust.listAuthorizations(db.db, brandB, { sellerId });
      const hidden = await revokeBrandAuthorization(
        { db: d, clock },
        { brandId: brandB, authorizationId: grant!.id, actor: 'usr_owner', reason: 'Contract ended' },
      );
      expect(hidden.hidden).toEqual([]);
    };
    expect(await queries(revoke(many.sellerId))).toBe(await queries(revoke(one.sellerId)));
  });
});
