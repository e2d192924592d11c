import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { emitEvent } from '../../db/audit.ts';
import type { Database, Db } from '../../db/database.ts';
import { indexDocuments } from './index-documents.ts';
import { setListingMarkets } from './listing-markets.ts';
import { searchProducts } from './search-products.ts';
import { suggest } from './suggest.ts';
import { type ProductSource, reindexFrom, syncFrom } from './sync-search-index.ts';
import { FIXTURES, ids, pid } from './test-fixtures.ts';

const GINSENG_ROOT = pid(1);
const GINSENG_TEA = pid(2);
const t = (s: string) => new Date(s);

describe('search by market: only listings eligible there, at the instant asked', () => {
  let db: Database;
  const found = async (q: string, market: string | undefined, at: Date) =>
    ids((await searchProducts(db.db, { q, locale: 'zh-Hans', market, at })).hits);

  beforeAll(async () => {
    db = await createTestDatabase();
    await indexDocuments(db.db, FIXTURES);
  });
  beforeEach(async () => {
    await db.db.execute(sql`DELETE FROM search_listing_markets`);
  });
  afterAll(async () => {
    await db.close();
  });

  it('shows a product in a market only within its periods there; without a market, everywhere', async () => {
    await setListingMarkets(db.db, [
      {
        productId: GINSENG_ROOT,
        windows: [
          // Registration valid through 30 November (Beijing): shown until midnight there.
          { market: 'CN', from: t('2026-01-01T00:00:00+08:00'), until: t('2026-12-01T00:00:00+08:00') },
          { market: 'HK', from: t('2026-01-01T00:00:00+08:00'), until: null },
        ],
      },
      {
        productId: GINSENG_TEA,
        windows: [{ market: 'CN', from: t('2026-01-01T00:00:00+08:00'), until: null }],
      },
    ]);
    expect(await found('花旗参', 'CN', t('2026-11-30T15:59:59Z'))).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    expect(await found('花旗参', 'CN', t('2026-11-30T16:00:00Z'))).toEqual([GINSENG_TEA]);
    expect(await found('花旗参', 'HK', t('2027-06-01T00:00:00Z'))).toEqual([GINSENG_ROOT]);
    expect(await found('花旗参', 'JP', t('2026-11-24T00:00:00Z'))).toEqual([]);
    expect(await found('花旗参', undefined, t('2026-11-24T00:00:00Z'))).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    // Before a period starts (a renewal recorded ahead), not yet.
    expect(await found('花旗参', 'CN', t('2025-12-31T15:00:00Z'))).toEqual([]);
    // Totals and facets count only what the market may see.
    const r = await searchProducts(db.db, {
      q: '花旗参',
      locale: 'zh-Hans',
      market: 'HK',
      at: t('2026-11-24T00:00:00Z'),
    });
    expect(r.total).toBe(1);
    expect(r.facets.categories.reduce((a, c) => a + c.count, 0)).toBe(1);
  });

  it('filters suggestions by market the same way', async () => {
    await setListingMarkets(db.db, [
      { productId: GINSENG_TEA, windows: [{ market: 'KR', from: t('2026-01-01T00:00:00Z'), until: null }] },
    ]);
    const at = t('2026-11-24T00:00:00Z');
    expect((await suggest(db.db, '花旗', 'zh-Hans', { market: 'KR', at })).map((s) => s.productId)).toEqual([
      GINSENG_TEA,
    ]);
    expect(await suggest(db.db, '花旗', 'zh-Hans', { market: 'CN', at })).toEqual([]);
    await expect(suggest(db.db, '花旗', 'zh-Hans', { market: 'XX', at })).rejects.toMatchObject({
      code: 'search.invalid_query',
    });
  });

  it('replaces a product’s periods as a whole, and refuses nonsense', async () => {
    await setListingMarkets(db.db, [
      { productId: GINSENG_ROOT, windows: [{ market: 'CN', from: t('2026-01-01T00:00:00Z'), until: null }] },
    ]);
    await setListingMarkets(db.db, [{ productId: GINSENG_ROOT, windows: [] }]);
    expect(await found('花旗参', 'CN', t('2026-11-24T00:00:00Z'))).toEqual([]);
    await expect(
      setListingMarkets(db.db, [
        { productId: GINSENG_ROOT, windows: [{ market: 'ZZ', from: t('2026-01-01'), until: null }] },
      ]),
    ).rejects.toMatchObject({ code: 'search.invalid_listing_markets' });
    await expect(
      setListingMarkets(db.db, [
        {
          productId: GINSENG_ROOT,
          windows: [{ market: 'CN', from: t('2026-02-01'), until: t('2026-01-01') }],
        },
      ]),
    ).rejects.toMatchObject({ code: 'search.invalid_listing_markets' });
    await expect(searchProducts(db.db, { q: 'x', locale: 'en', market: 'ZZ' })).rejects.toMatchObject({
      code: 'search.invalid_query',
    });
  });

  it('has the indexer recompute markets of changed products, and clear them when it cannot', async () => {
    const products = new Map(FIXTURES.slice(0, 3).map((f) => [f.productId, f]));
    const refreshed: string[][] = [];
    const source: ProductSource = {
      productsForIndex: async (_db: Db, productIds: string[]) =>
        [...new Set(productIds)].sort().flatMap((id) => (products.has(id) ? [products.get(id)!] : [])),
      allProductIds: async (_db: Db, opts: { afterId?: string; limit: number }) =>
        [...products.keys()]
          .sort()
          .filter((id) => !opts.afterId || id > opts.afterId)
          .slice(0, opts.limit),
      listingMarkets: async (tx, ps) => {
        refreshed.push(ps.map((p) => p.productId));
        await setListingMarkets(
          tx,
          ps.map((p) => ({
            productId: p.productId,
            windows: [{ market: 'SG', from: t('2026-01-01'), until: null }],
          })),
        );
      },
    };
    await db.db.execute(sql`DELETE FROM outbox`);
    await emitEvent(db.db, 'catalog.product_changed', GINSENG_ROOT, {});
    expect(await syncFrom(db.db, source)).toBe(1);
    expect(refreshed).toEqual([[GINSENG_ROOT]]);
    expect(await found('花旗参', 'SG', t('2026-11-24T00:00:00Z'))).toEqual([GINSENG_ROOT]);

    // An indexer that cannot recompute markets hides the changed product rather than keep stale ones.
    const { listingMarkets: _, ...plain } = source;
    await emitEvent(db.db, 'catalog.product_changed', GINSENG_ROOT, {});
    expect(await syncFrom(db.db, plain)).toBe(1);
    expect(await found('花旗参', 'SG', t('2026-11-24T00:00:00Z'))).toEqual([]);

    // A full rebuild recomputes every product's markets and drops those of products gone.
    await setListingMarkets(db.db, [
      { productId: pid(999), windows: [{ market: 'SG', from: t('2026-01-01'), until: null }] },
    ]);
    await reindexFrom(db.db, source);
    const left = await db.db.execute<{ product_id: string }>(
      sql`SELECT DISTINCT product_id FROM search_listing_markets ORDER BY 1`,
    );
    expect(left.rows.map((r) => r.product_id)).toEqual([...products.keys()].sort());
  });
});
