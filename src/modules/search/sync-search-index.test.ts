import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { emitEvent } from '../../db/audit.ts';
import type { Database, Db } from '../../db/database.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { createProduct, loadCategories, updateProduct } from '../catalog/index.ts';
import { indexDocuments } from './index-documents.ts';
import { searchProducts } from './search-products.ts';
import {
  type ProductSource,
  reindexFrom,
  searchIndexIsStale,
  syncFrom,
  syncSearchIndex,
} from './sync-search-index.ts';
import { FIXTURES, ids, manyProducts, pid } from './test-fixtures.ts';
import type { IndexableProduct } from './types.ts';

/** A catalog held in memory, read the way catalog.productsForIndex reads (id order, unknown ids left out). */
function memorySource(products: Map<string, IndexableProduct>): ProductSource & { reads: number } {
  const source = {
    reads: 0,
    async productsForIndex(_db: Db, productIds: string[]) {
      source.reads++;
      return [...new Set(productIds)].sort().flatMap((id) => (products.has(id) ? [products.get(id)!] : []));
    },
    async allProductIds(_db: Db, opts: { afterId?: string; limit: number }) {
      return [...products.keys()]
        .sort()
        .filter((id) => !opts.afterId || id > opts.afterId)
        .slice(0, opts.limit);
    },
  };
  return source;
}

describe('feeding the index from the outbox', () => {
  let db: Database;
  const count = async (where = sql`true`) =>
    (await db.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM search_documents WHERE ${where}`))
      .rows[0]!.n;
  const pending = async () =>
    (
      await db.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'catalog.product_changed' AND processed_at IS NULL`,
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  beforeEach(async () => {
    await db.db.execute(sql`DELETE FROM outbox`);
    await db.db.execute(sql`DELETE FROM search_documents`);
  });
  afterAll(async () => {
    await db.close();
  });

  it('indexes changed products, drops deleted ones and marks every event processed', async () => {
    const products = new Map(FIXTURES.map((f) => [f.productId, f]));
    await indexDocuments(db.db, [FIXTURES[0]!]);
    products.delete(pid(1)); // deleted in the catalog since
    for (const f of FIXTURES) await emitEvent(db.db, 'catalog.product_changed', f.productId, {});
    await emitEvent(db.db, 'catalog.product_changed', pid(2), {}); // the same product twice
    await emitEvent(db.db, 'other.topic', pid(3), {});
    const source = memorySource(products);
    expect(await syncFrom(db.db, source, { batchSize: 4 })).toBe(FIXTURES.length + 1);
    expect(source.reads).toBe(4);
    expect(await pending()).toBe(0);
    expect(await count()).toBe(FIXTURES.length - 1);
    expect(await count(sql`product_id = ${pid(1)}`)).toBe(0);
    const other = await db.db.execute<{ processed: boolean }>(
      sql`SELECT processed_at IS NOT NULL AS processed FROM outbox WHERE topic = 'other.topic'`,
    );
    expect(other.rows[0]!.processed).toBe(false);
    expect(await syncFrom(db.db, source)).toBe(0);
  });

  it('lets several indexers drain the outbox at once, each event taken exactly once', async () => {
    const docs = manyProducts(300);
    const products = new Map(docs.map((d) => [d.productId, d]));
    for (const d of docs) await emitEvent(db.db, 'catalog.product_changed', d.productId, {});
    const source = memorySource(products);
    const counts = await Promise.all([1, 2, 3, 4].map(() => syncFrom(db.db, source, { batchSize: 25 })));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    expect(await pending()).toBe(0);
    expect(await count()).toBe(300);
  });

  it('leaves the events unprocessed when indexing fails, so they are retried', async () => {
    await emitEvent(db.db, 'catalog.product_changed', pid(1), {});
    const failing: ProductSource = {
      productsForIndex: async () => [{ ...FIXTURES[0]!, originState: 'XX' as 'WI' }],
      allProductIds: async () => [],
    };
    await expect(syncFrom(db.db, failing)).rejects.toMatchObject({ code: 'search.invalid_document' });
    expect(await pending()).toBe(1);
    await expect(syncFrom(db.db, failing, { batchSize: 0 })).rejects.toMatchObject({
      code: 'search.invalid_batch_size',
    });
  });

  it('rebuilds the whole index, reporting progress and removing what the catalog lost', async () => {
    await indexDocuments(db.db, [{ ...FIXTURES[0]!, productId: pid(999) }]); // no longer in the catalog
    const products = new Map(manyProducts(1_200).map((d) => [d.productId, d]));
    const progress: [number, number][] = [];
    expect(await searchIndexIsStale(db.db)).toBe(true);
    expect(await reindexFrom(db.db, memorySource(products), (d, t) => progress.push([d, t]))).toBe(1_200);
    expect(progress).toEqual([
      [500, 1_200],
      [1_000, 1_200],
      [1_200, 1_200],
    ]);
    expect(await count()).toBe(1_200);
    expect(await count(sql`product_id = ${pid(999)}`)).toBe(0);
    expect(await searchIndexIsStale(db.db)).toBe(false);
  });
});

describe('syncSearchIndex with the real catalog', () => {
  let db: Database;
  const clock = new ManualClock('2026-11-24T12:00:00Z');
  const seller = `sel_${'a'.repeat(32)}` as SellerId;
  const names = (en: string, zh: string) => ({ en, 'zh-Hans': zh, 'zh-Hant': zh, ja: en, ko: en });

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCategories(db.db, [
      { slug: 'food', parent: null, names: names('Food', '食品'), hsCode: '210690' },
      { slug: 'ginseng', parent: 'food', names: names('Ginseng', '参类'), hsCode: '121120' },
    ]);
  });
  afterAll(async () => {
    await db.close();
  });

  it('makes a new listing findable by its synonyms, and hides it once archived', async () => {
    const ctx = { db: db.db, clock };
    const product = await createProduct(ctx, seller, true, {
      kind: 'goods',
      categorySlug: 'ginseng',
      brand: 'Hsu',
      originState: 'WI',
      hsCode: '1211201000',
      status: 'active',
      translations: {
        en: {
          title: 'Wisconsin American ginseng, 4 oz',
          description: 'Hand-dug roots from Marathon County.',
        },
        'zh-Hant': { title: '威斯康辛花旗蔘 4盎司', description: '來自馬拉松縣的手工採挖參根。' },
      },
      images: [{ url: 'https://cdn.example.com/ginseng.jpg' }],
      variants: [{ sku: 'GIN-4OZ', priceUsd: 4999, stock: 10, weightGrams: 113 }],
    });
    expect(await syncSearchIndex(db.db)).toBe(1);
    const found = await searchProducts(db.db, { q: '西洋参', locale: 'zh-Hans', category: 'food' });
    expect(ids(found.hits)).toEqual([product.id]);
    expect(found.hits[0]).toMatchObject({ title: 'Wisconsin American ginseng, 4 oz', originState: 'WI' });
    expect(found.hits[0]!.minPriceUsd).toEqual({ amount: 4999n, currency: 'USD' });

    clock.advance(60_000);
    await updateProduct(ctx, seller, product.id, { status: 'archived' });
    expect(await syncSearchIndex(db.db)).toBe(1);
    expect((await searchProducts(db.db, { q: '西洋参', locale: 'zh-Hans' })).total).toBe(0);
  });
});
