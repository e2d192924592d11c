import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { createUser } from '../identity/index.ts';
import { onboardSeller } from '../sellers/index.ts';
import {
  createProduct,
  getProduct,
  isCountryCode,
  loadCategories,
  type ProductInput,
  updateProduct,
  variantExportFacts,
} from './index.ts';

/** US export classification on products (reference §4a): ECCN, Schedule B, country of origin. */
describe('export classification of products', () => {
  let db: Database;
  let seller: SellerId;
  const clock = new ManualClock('2026-11-24T12:00:00Z');
  const ctx = () => ({ db: db.db, clock });
  let n = 0;
  const goods = (over: Partial<ProductInput> = {}): ProductInput => ({
    kind: 'goods',
    categorySlug: 'ginseng',
    originState: 'WI',
    hsCode: '121120',
    status: 'active',
    translations: { en: { title: 'Ginseng root', description: 'Roots.' } },
    images: [],
    variants: [{ sku: `SKU-${++n}`, priceUsd: 8_900, stock: 5, weightGrams: 130 }],
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    const names = { en: 'x', 'zh-Hans': 'x', 'zh-Hant': 'x', ja: 'x', ko: 'x' };
    await loadCategories(db.db, [
      { slug: 'ginseng', parent: null, names, hsCode: '121120' },
      { slug: 'services', parent: null, names, hsCode: null },
    ]);
    const u = await createUser(
      { db: db.db, clock, idEncryptionKey: randomBytes(32) },
      { email: 'export@example.com', password: 'correct horse battery', displayName: 'x', roles: [] },
    );
    seller = (
      await onboardSeller({ db: db.db, clock }, u.id, {
        legalName: 'Export Farm LLC',
        ein: '39-3333333',
        usState: 'WI',
        city: 'Wausau',
        employees: 3,
        isFarm: true,
        contact: { name: 'x', email: 'export@example.com', phone: '+1 715 555 0100' },
        description: { en: 'A farm.' },
      })
    ).id;
  });
  afterAll(() => db?.close());

  it('defaults to EAR99, no Schedule B, made in the US', async () => {
    const p = await createProduct(ctx(), seller, true, goods());
    expect(p).toMatchObject({ eccn: 'EAR99', scheduleB: null, countryOfOrigin: 'US' });
  });

  it('keeps a given ECCN, Schedule B and origin, and hands them to shipping papers', async () => {
    const p = await createProduct(
      ctx(),
      seller,
      true,
      goods({ eccn: '5A992.c', scheduleB: '1211200020', countryOfOrigin: 'CA' }),
    );
    expect(await getProduct(db.db, p.id)).toMatchObject({
      eccn: '5A992.c',
      scheduleB: '1211200020',
      countryOfOrigin: 'CA',
    });
    const facts = await variantExportFacts(db.db, [p.variants[0]!.id, 'var_nope']);
    expect([...facts.keys()]).toEqual([p.variants[0]!.id]);
    expect(facts.get(p.variants[0]!.id)).toMatchObject({
      kind: 'goods',
      hsCode: '121120',
      eccn: '5A992.c',
      scheduleB: '1211200020',
      countryOfOrigin: 'CA',
      weightGrams: 130,
    });
  });

  it.each([
    ['an ECCN without its group letter', { eccn: '5992.c' }, 'eccn'],
    ['an ECCN with a capital paragraph', { eccn: '5A992.C' }, 'eccn'],
    ['a 6-digit Schedule B', { scheduleB: '121120' }, 'scheduleB'],
    ['a Schedule B of another HS subheading', { scheduleB: '0406900000' }, 'scheduleB'],
    ['an unknown country', { countryOfOrigin: 'XX' }, 'countryOfOrigin'],
    ['a grouping as origin', { countryOfOrigin: 'EU' }, 'countryOfOrigin'],
  ])('refuses %s', async (_name, over, path) => {
    await expect(createProduct(ctx(), seller, true, goods(over))).rejects.toMatchObject({
      kind: 'invalid',
      details: { errors: [expect.objectContaining({ path })] },
    });
  });

  it('refuses a Schedule B on a service', async () => {
    const service = goods({
      kind: 'service',
      categorySlug: 'services',
      hsCode: null,
      scheduleB: '1211200020',
      variants: [{ sku: 'SVC-1', priceUsd: 100, stock: 5, weightGrams: null }],
    });
    await expect(createProduct(ctx(), seller, true, service)).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('checks Schedule B against the HS code on change, whichever of the two changes', async () => {
    const p = await createProduct(ctx(), seller, true, goods({ scheduleB: '1211200020' }));
    await expect(updateProduct(ctx(), seller, p.id, { hsCode: '040690' })).rejects.toMatchObject({
      code: 'catalog.schedule_b_mismatch',
    });
    const moved = await updateProduct(ctx(), seller, p.id, { hsCode: '040690', scheduleB: '0406900000' });
    expect(moved).toMatchObject({ hsCode: '040690', scheduleB: '0406900000' });
    const cleared = await updateProduct(ctx(), seller, p.id, { scheduleB: null, eccn: '3A001.a.1' });
    expect(cleared).toMatchObject({ scheduleB: null, eccn: '3A001.a.1', countryOfOrigin: 'US' });
  });

  it('a product row written before the classification columns reads with the defaults', async () => {
    await db.db.execute(sql`INSERT INTO products (seller_id, id, kind, category_slug, origin_state, hs_code, status,
      seller_visible, created_at, updated_at)
      VALUES (${seller}, ${`prd_${'a'.repeat(32)}`}, 'goods', 'ginseng', 'WI', '121120', 'active', true, now(), now())`);
    expect(await getProduct(db.db, `prd_${'a'.repeat(32)}`)).toMatchObject({
      eccn: 'EAR99',
      scheduleB: null,
      countryOfOrigin: 'US',
    });
  });

  it('knows country codes from CLDR', () => {
    expect(['US', 'CN', 'HK', 'TW', 'CA'].every(isCountryCode)).toBe(true);
    expect(['XX', 'ZZ', 'us', 'USA', ''].some(isCountryCode)).toBe(false);
  });
});
