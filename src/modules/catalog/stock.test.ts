import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { newId } from '../../kernel/ids.ts';
import {
  createProduct,
  getVariantsForCheckout,
  loadCategories,
  releaseStock,
  reserveStock,
} from './index.ts';

const names = { en: 'Honey', 'zh-Hans': '蜂蜜', 'zh-Hant': '蜂蜜', ja: '蜂蜜', ko: '꿀' };

describe('stock reservations', () => {
  let db: Database;
  const clock = new ManualClock();
  const sellerId = newId('sel');
  const variants: Record<string, string> = {};

  const stockOf = async (sku: string) => (await getVariantsForCheckout(db.db, [variants[sku]!]))[0]!.stock;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCategories(db.db, [{ slug: 'honey', parent: null, names, hsCode: '040900' }]);
    const product = await createProduct({ db: db.db, clock }, sellerId, true, {
      kind: 'goods',
      categorySlug: 'honey',
      originState: 'MN',
      hsCode: '040900',
      status: 'active',
      translations: { en: { title: 'Basswood honey', description: 'Raw Minnesota honey.' } },
      images: [],
      variants: [
        { sku: 'HONEY-TEN', priceUsd: 1200, stock: 10, weightGrams: 454 },
        { sku: 'HONEY-FIVE', priceUsd: 2200, stock: 5, weightGrams: 907 },
        { sku: 'HONEY-ONE', priceUsd: 3200, stock: 1, weightGrams: 1361 },
      ],
    });
    for (const v of product.variants) variants[v.sku] = v.id;
  });
  afterAll(async () => {
    await db.close();
  });

  it('never oversells: 50 concurrent checkouts for 10 units, exactly 10 succeed', async () => {
    const variantId = variants['HONEY-TEN']!;
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        inTransaction(db.db, async (tx) => {
          await reserveStock(tx, [{ variantId, quantity: 1 }]);
          // Hold the row lock a moment, as a checkout that goes on to capture a payment would.
          await tx.execute(sql`SELECT pg_sleep(0.005)`);
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const r of refused) {
      expect(r.reason).toMatchObject({
        code: 'catalog.out_of_stock',
        details: { variantId, requested: 1, available: 0 },
      });
    }
    expect(await stockOf('HONEY-TEN')).toBe(0);
  });

  it('changes nothing when one line of a multi-line reservation is short', async () => {
    const lines = [
      { variantId: variants['HONEY-FIVE']!, quantity: 2 },
      { variantId: variants['HONEY-ONE']!, quantity: 2 },
    ];
    const attempt = inTransaction(db.db, (tx) => reserveStock(tx, lines));
    await expect(attempt).rejects.toMatchObject({
      code: 'catalog.out_of_stock',
      details: { variantId: variants['HONEY-ONE'], requested: 2, available: 1 },
    });
    expect(await stockOf('HONEY-FIVE')).toBe(5);
    expect(await stockOf('HONEY-ONE')).toBe(1);
    // Even a caller that catches the refusal and commits has reserved nothing.
    await inTransaction(db.db, async (tx) => {
      await reserveStock(tx, lines).catch(() => undefined);
    });
    expect(await stockOf('HONEY-FIVE')).toBe(5);
  });

  it('merges repeated lines, releases stock, and refuses bad quantities and unknown variants', async () => {
    const five = variants['HONEY-FIVE']!;
    await inTransaction(db.db, (tx) =>
      reserveStock(tx, [
        { variantId: five, quantity: 2 },
        { variantId: five, quantity: 3 },
      ]),
    );
    expect(await stockOf('HONEY-FIVE')).toBe(0);
    await inTransaction(db.db, (tx) => releaseStock(tx, [{ variantId: five, quantity: 4 }]));
    expect(await stockOf('HONEY-FIVE')).toBe(4);
    for (const quantity of [0, -1, 1.5]) {
      await expect(
        inTransaction(db.db, (tx) => reserveStock(tx, [{ variantId: five, quantity }])),
      ).rejects.toMatchObject({
        code: 'catalog.invalid_quantity',
      });
    }
    await expect(
      inTransaction(db.db, (tx) => reserveStock(tx, [{ variantId: newId('var'), quantity: 1 }])),
    ).rejects.toMatchObject({ code: 'catalog.variant_not_found' });
    // Selling out and restocking flip the in-stock flag the search index shows: both are events.
    const events = await db.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM outbox WHERE topic = 'catalog.product_changed'`,
    );
    expect(events.rows[0]!.n).toBe(4); // created, HONEY-TEN sold out, HONEY-FIVE sold out, restocked
  });
});
