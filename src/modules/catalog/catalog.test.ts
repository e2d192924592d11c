import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
// A seller's listings are served by the listings flow (their writes run the trust checks).
import { listingRoutes } from '../../flows/listings/routes.ts';
import { type App, createApp } from '../../http/app.ts';
import type { Principal } from '../../kernel/access.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { createUser } from '../identity/index.ts';
import { onboardSeller } from '../sellers/index.ts';
import {
  catalogRoutes,
  getVariantsForCheckout,
  listCategories,
  loadCategories,
  type ProductInput,
  productsForIndex,
  setSellerVisibility,
} from './index.ts';

const names = (en: string, zhHans: string, zhHant: string, ja: string, ko: string) => ({
  en,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  ja,
  ko,
});
const CATEGORIES = [
  { slug: 'food', parent: null, names: names('Food', '食品', '食品', '食品', '식품'), hsCode: '210690' },
  {
    slug: 'ginseng',
    parent: 'food',
    names: names('Ginseng', '西洋参', '西洋參', '高麗人参', '인삼'),
    hsCode: '121120',
  },
  {
    slug: 'services',
    parent: null,
    names: names('Services', '服务', '服務', 'サービス', '서비스'),
    hsCode: '999999',
  },
];

const TRANSLATIONS = {
  en: { title: 'Wisconsin American ginseng, 4 oz', description: 'Hand-dug roots from Marathon County.' },
  'zh-Hans': { title: '威斯康星花旗参 4盎司', description: '来自马拉松县的手工采挖参根。' },
  'zh-Hant': { title: '威斯康辛花旗參 4盎司', description: '來自馬拉松縣的手工採挖參根。' },
  ja: { title: 'ウィスコンシン産アメリカ人参 4オンス', description: 'マラソン郡で手掘りされた根。' },
  ko: { title: '위스콘신 미국 인삼 4온스', description: '마라톤 카운티에서 손으로 캔 뿌리.' },
};

const goods = (sku: string, over: Partial<ProductInput> = {}): ProductInput => ({
  kind: 'goods',
  categorySlug: 'ginseng',
  brand: 'Hsu',
  originState: 'WI',
  hsCode: '1211201000',
  status: 'active',
  translations: { en: TRANSLATIONS.en },
  images: [{ url: 'https://cdn.example.com/ginseng.jpg', alt: 'Roots' }, { url: '/img/ginseng-2.jpg' }],
  variants: [{ sku, priceUsd: 4999, stock: 10, weightGrams: 113, attributes: { grade: 'A' } }],
  ...over,
});

describe('catalog over HTTP', () => {
  let db: Database;
  let app: App;
  const clock = new ManualClock('2026-11-24T12:00:00Z');
  const principals = new Map<string, Principal>();
  let sellerA: SellerId;
  let sellerB: SellerId;

  async function newSeller(ein: string, token: string): Promise<SellerId> {
    const u = await createUser(
      { db: db.db, clock, idEncryptionKey: randomBytes(32) },
      { email: `${token}@example.com`, password: 'correct horse battery', displayName: token, roles: [] },
    );
    const s = await onboardSeller({ db: db.db, clock }, u.id, {
      legalName: `${token} LLC`,
      ein,
      usState: 'WI',
      city: 'Wausau',
      employees: 3,
      isFarm: true,
      contact: { name: token, email: `${token}@example.com`, phone: '+1 715 555 0100' },
      description: { en: 'A farm.' },
    });
    principals.set(token, { userId: u.id, roles: ['seller_staff'], sellerIds: [s.id] });
    return s.id;
  }
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, token?: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCategories(db.db, CATEGORIES);
    app = await createApp({
      pool: db.pool,
      routes: [catalogRoutes({ db: db.db, clock }), listingRoutes({ db: db.db, clock })],
      authenticate: async ({ bearerToken }) => principals.get(bearerToken ?? '') ?? null,
    });
    sellerA = await newSeller('39-1111111', 'a');
    sellerB = await newSeller('39-2222222', 'b');
    principals.set('admin', { userId: 'usr_admin' as never, roles: ['platform_admin'], sellerIds: [] });
    principals.set('buyer', { userId: 'usr_buyer' as never, roles: ['buyer'], sellerIds: [] });
    // Seller A is verified (the seller-verification flow's half that concerns the catalog).
    await setSellerVisibility(db.db, sellerA, true);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('loads categories idempotently and serves the tree with paths', async () => {
    await loadCategories(db.db, CATEGORIES);
    const r = await call('GET', '/categories');
    expect(r.statusCode).toBe(200);
    expect(r.json().find((c: { slug: string }) => c.slug === 'ginseng')).toMatchObject({
      parent: 'food',
      path: ['food', 'ginseng'],
      hsCode: '121120',
    });
    expect(await listCategories(db.db)).toHaveLength(3);
    await expect(loadCategories(db.db, [{ ...CATEGORIES[0]!, parent: 'ginseng' }])).rejects.toMatchObject({
      code: 'catalog.category_cycle',
    });
    await expect(
      loadCategories(db.db, [{ ...CATEGORIES[0]!, slug: 'orphan', parent: 'nowhere' }]),
    ).rejects.toMatchObject({ code: 'catalog.unknown_parent_category' });
    expect((await listCategories(db.db)).find((c) => c.slug === 'food')?.parent).toBeNull();
  });

  it('round-trips translations in all five locales', async () => {
    const created = await call(
      'POST',
      `/sellers/${sellerA}/products`,
      'a',
      goods('GIN-4OZ', { translations: TRANSLATIONS }),
    );
    expect(created.statusCode).toBe(201);
    const product = created.json();
    expect(product).toMatchObject({ visible: true, status: 'active', sellerId: sellerA });
    const raw = await call('GET', `/products/${product.id}/raw`);
    expect(raw.statusCode).toBe(200);
    expect(raw.json().translations).toEqual(TRANSLATIONS);
    expect(raw.json().variants[0]).toMatchObject({
      sku: 'GIN-4OZ',
      priceUsd: { amount: 4999, currency: 'USD' },
    });
    expect(raw.json().images).toEqual([
      { url: 'https://cdn.example.com/ginseng.jpg', alt: 'Roots' },
      { url: '/img/ginseng-2.jpg', alt: null },
    ]);
    const [doc] = await productsForIndex(db.db, [product.id]);
    expect(doc).toMatchObject({
      categoryPath: ['food', 'ginseng'],
      visible: true,
      inStock: true,
      minPriceUsd: { amount: 4999n, currency: 'USD' },
    });
    expect(doc!.translations.ko).toEqual(TRANSLATIONS.ko);
    const events = await db.db.execute(sql`SELECT topic FROM outbox WHERE key = ${product.id}`);
    expect(events.rows).toEqual([{ topic: 'catalog.product_changed' }]);
  });

  it('accepts services without a weight and refuses goods without one', async () => {
    const service = goods('CONSULT-1H', {
      kind: 'service',
      categorySlug: 'services',
      hsCode: null,
      variants: [{ sku: 'CONSULT-1H', priceUsd: 15000, stock: 5, weightGrams: null }],
    });
    const ok = await call('POST', `/sellers/${sellerA}/products`, 'a', service);
    expect(ok.statusCode).toBe(201);
    const [v] = await getVariantsForCheckout(db.db, [ok.json().variants[0].id]);
    expect(v).toMatchObject({
      kind: 'service',
      weightGrams: null,
      purchasable: true,
      priceUsd: { amount: 15000n },
    });
    const weighed = await call('POST', `/sellers/${sellerA}/products`, 'a', {
      ...service,
      variants: [{ sku: 'CONSULT-2H', priceUsd: 15000, stock: 5, weightGrams: 10 }],
    });
    expect(weighed.statusCode).toBe(400);
    const weightless = await call('POST', `/sellers/${sellerA}/products`, 'a', {
      ...goods('GIN-X'),
      variants: [{ sku: 'GIN-X', priceUsd: 100, stock: 1, weightGrams: null }],
    });
    expect(weightless.statusCode).toBe(400);
    expect(weightless.json().errors.map((e: { path: string }) => e.path)).toContain(
      'body.variants.0.weightGrams',
    );
    // Services are not classified for customs; goods must be.
    const classified = await call('POST', `/sellers/${sellerA}/products`, 'a', {
      ...service,
      hsCode: '999999',
      variants: [{ sku: 'CONSULT-3H', priceUsd: 15000, stock: 5, weightGrams: null }],
    });
    expect(classified.statusCode).toBe(400);
    const unclassified = await call('POST', `/sellers/${sellerA}/products`, 'a', {
      ...goods('GIN-Y'),
      hsCode: null,
    });
    expect(unclassified.statusCode).toBe(400);
  });

  it.each([
    ['a price in dollars with cents', { priceUsd: 49.99 }],
    ['a zero price', { priceUsd: 0 }],
    ['negative stock', { stock: -1 }],
    ['a bad SKU', { sku: 'has space' }],
  ])('refuses %s with 400', async (_label, over) => {
    const body = goods('GIN-BAD');
    body.variants = [{ ...body.variants[0]!, ...over }];
    expect((await call('POST', `/sellers/${sellerA}/products`, 'a', body)).statusCode).toBe(400);
  });

  it.each([
    ['a plain http image', { images: [{ url: 'http://cdn.example.com/a.jpg' }] }],
    ['a protocol-relative image', { images: [{ url: '//evil.example.com/a.jpg' }] }],
    ['a 201-character title', { translations: { en: { title: 'x'.repeat(201), description: 'd' } } }],
    ['a 5001-character description', { translations: { en: { title: 't', description: 'x'.repeat(5001) } } }],
    ['no English', { translations: { ja: TRANSLATIONS.ja } }],
    ['a short HS code', { hsCode: '12112' }],
    ['an unknown state', { originState: 'ZZ' }],
  ])('refuses %s with 400', async (_label, over) => {
    const r = await call('POST', `/sellers/${sellerA}/products`, 'a', { ...goods('GIN-BAD'), ...over });
    expect(r.statusCode).toBe(400);
  });

  it('refuses an unknown category and a SKU the seller already uses', async () => {
    const unknown = await call(
      'POST',
      `/sellers/${sellerA}/products`,
      'a',
      goods('GIN-Y', { categorySlug: 'nothing' }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('catalog.unknown_category');
    const dup = await call('POST', `/sellers/${sellerA}/products`, 'a', goods('GIN-4OZ'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'catalog.sku_taken', skus: ['GIN-4OZ'] });
    // SKUs are unique per seller, not across sellers.
    expect((await call('POST', `/sellers/${sellerB}/products`, 'b', goods('GIN-4OZ'))).statusCode).toBe(201);
  });

  it('keeps seller A’s staff out of seller B’s listings', async () => {
    const [bProduct] = (await call('GET', `/sellers/${sellerB}/products`, 'b')).json();
    const bVariant = bProduct.variants[0].id;
    expect((await call('GET', `/sellers/${sellerB}/products`, 'a')).statusCode).toBe(403);
    expect((await call('POST', `/sellers/${sellerB}/products`, 'a', goods('GIN-Z'))).statusCode).toBe(403);
    expect(
      (await call('PATCH', `/sellers/${sellerB}/products/${bProduct.id}`, 'a', { status: 'draft' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('PUT', `/sellers/${sellerB}/variants/${bVariant}/stock`, 'a', { stock: 0 })).statusCode,
    ).toBe(403);
    expect((await call('GET', `/sellers/${sellerB}/products`, 'buyer')).statusCode).toBe(403);
    // Nor through their own seller's path.
    const viaA = await call('PATCH', `/sellers/${sellerA}/products/${bProduct.id}`, 'a', { status: 'draft' });
    expect(viaA.statusCode).toBe(404);
    expect(
      (await call('PUT', `/sellers/${sellerA}/variants/${bVariant}/stock`, 'a', { stock: 0 })).statusCode,
    ).toBe(404);
    // B is pending: its product exists but buyers cannot see it; the platform admin can manage it.
    expect((await call('GET', `/products/${bProduct.id}/raw`)).statusCode).toBe(404);
    expect((await call('GET', `/sellers/${sellerB}/products`, 'admin')).statusCode).toBe(200);
    const [after] = (await call('GET', `/sellers/${sellerB}/products`, 'b')).json();
    expect(after.status).toBe('active');
    expect(after.variants[0].stock).toBe(10);
  });

  it('patches a product: prices change, stock is kept, SKUs left out are retired, new ones added', async () => {
    const created = (await call('POST', `/sellers/${sellerA}/products`, 'a', goods('SEED-1'))).json();
    const oldVariant = created.variants[0].id;
    const r = await call('PATCH', `/sellers/${sellerA}/products/${created.id}`, 'a', {
      brand: null,
      variants: [
        { sku: 'SEED-2', priceUsd: 2500, weightGrams: 50 },
        { sku: 'SEED-3', priceUsd: 4000, stock: 7, weightGrams: 100 },
      ],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().brand).toBeNull();
    expect(r.json().variants.map((v: { sku: string; stock: number }) => [v.sku, v.stock])).toEqual([
      ['SEED-2', 0],
      ['SEED-3', 7],
    ]);
    const [retired] = await getVariantsForCheckout(db.db, [oldVariant]);
    expect(retired?.purchasable).toBe(false);
    const again = await call('PATCH', `/sellers/${sellerA}/products/${created.id}`, 'a', {
      variants: [{ sku: 'SEED-3', priceUsd: 4200, weightGrams: 100 }],
    });
    expect(again.json().variants).toMatchObject([{ sku: 'SEED-3', stock: 7, priceUsd: { amount: 4200 } }]);
    const toService = await call('PATCH', `/sellers/${sellerA}/products/${created.id}`, 'a', {
      kind: 'service',
      hsCode: null,
    });
    expect(toService.statusCode).toBe(400);
    expect(toService.json().code).toBe('catalog.service_has_weight');
    expect((await call('PATCH', `/sellers/${sellerA}/products/${created.id}`, 'a', {})).statusCode).toBe(400);
    const archived = await call('PATCH', `/sellers/${sellerA}/products/${created.id}`, 'a', {
      status: 'archived',
    });
    expect(archived.json()).toMatchObject({ status: 'archived', visible: false });
    expect((await call('GET', `/products/${created.id}/raw`)).statusCode).toBe(404);
    const relist = await call('PATCH', `/sellers/${sellerA}/products/${created.id}`, 'a', {
      status: 'active',
    });
    expect(relist.statusCode).toBe(409);
    expect(relist.json().code).toBe('catalog.invalid_status_change');
  });

  it('sets stock and records the change in the outbox', async () => {
    const created = (await call('POST', `/sellers/${sellerA}/products`, 'a', goods('HONEY-1'))).json();
    const variantId = created.variants[0].id;
    const r = await call('PUT', `/sellers/${sellerA}/variants/${variantId}/stock`, 'a', { stock: 0 });
    expect(r.statusCode).toBe(204);
    const [v] = await getVariantsForCheckout(db.db, [variantId]);
    expect(v?.stock).toBe(0);
    const [doc] = await productsForIndex(db.db, [created.id]);
    expect(doc?.inStock).toBe(false);
    const events = await db.db.execute(sql`SELECT count(*)::int AS n FROM outbox WHERE key = ${created.id}`);
    expect(events.rows[0]).toEqual({ n: 2 });
    expect(
      (await call('PUT', `/sellers/${sellerA}/variants/${variantId}/stock`, 'a', { stock: 1.5 })).statusCode,
    ).toBe(400);
    expect(
      (await call('PUT', `/sellers/${sellerA}/variants/${variantId}/stock`, 'a', { stock: -1 })).statusCode,
    ).toBe(400);
  });
});
