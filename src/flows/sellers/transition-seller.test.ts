import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { testConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { type App, createApp } from '../../http/app.ts';
import type { Principal } from '../../kernel/access.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { catalogRoutes, loadCategories } from '../../modules/catalog/index.ts';
import { createUser } from '../../modules/identity/index.ts';
import { sellersRoutes } from '../../modules/sellers/index.ts';
import { listingRoutes } from '../listings/routes.ts';
import { sellerVerificationRoutes } from './routes.ts';

const names = { en: 'Cheese', 'zh-Hans': '奶酪', 'zh-Hant': '乳酪', ja: 'チーズ', ko: '치즈' };

describe('seller verification', () => {
  let db: Database;
  let app: App;
  const clock = new ManualClock('2026-11-24T12:00:00Z');
  const principals = new Map<string, Principal>();
  let sellerId: SellerId;
  let productId: string;

  const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      ...(payload === undefined ? {} : { payload: payload as object }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const raw = async () => (await call('GET', `/products/${productId}/raw`)).statusCode;

  beforeAll(async () => {
    db = await createTestDatabase();
    const ctx = { db: db.db, clock, config: testConfig() };
    await loadCategories(db.db, [{ slug: 'cheese', parent: null, names, hsCode: '040690' }]);
    app = await createApp({
      pool: db.pool,
      routes: [sellersRoutes(ctx), catalogRoutes(ctx), listingRoutes(ctx), sellerVerificationRoutes(ctx)],
      authenticate: async ({ bearerToken }) => principals.get(bearerToken ?? '') ?? null,
    });
    const maker = await createUser(
      { db: db.db, clock, idEncryptionKey: randomBytes(32) },
      { email: 'maker@example.com', password: 'correct horse battery', displayName: 'Maker', roles: [] },
    );
    principals.set('maker', { userId: maker.id, roles: ['buyer'], sellerIds: [] });
    principals.set('agent', { userId: 'usr_agent' as never, roles: ['trust_agent'], sellerIds: [] });
    const onboarded = await call('POST', '/sellers', 'maker', {
      legalName: 'Driftless Creamery Cooperative',
      ein: '39-7654321',
      usState: 'WI',
      city: 'Westby',
      employees: 40,
      isFarm: true,
      founded: 1903,
      contact: { name: 'Anna Olson', email: 'anna@example.com', phone: '(608) 555-0199' },
      description: { en: 'Aged cheddar from grass-fed cows.', ja: '草で育った牛の熟成チェダー。' },
    });
    expect(onboarded.statusCode).toBe(201);
    sellerId = onboarded.json().id;
    principals.set('maker', { userId: maker.id, roles: ['buyer', 'seller_staff'], sellerIds: [sellerId] });
    const product = await call('POST', `/sellers/${sellerId}/products`, 'maker', {
      kind: 'goods',
      categorySlug: 'cheese',
      originState: 'WI',
      hsCode: '040690',
      status: 'active',
      translations: {
        en: { title: 'Five-year cheddar', description: 'Aged five years.' },
        'zh-Hans': { title: '五年陈切达奶酪', description: '陈酿五年。' },
      },
      images: [],
      variants: [{ sku: 'CHED-5Y', priceUsd: 2899, stock: 20, weightGrams: 227 }],
    });
    expect(product.statusCode).toBe(201);
    productId = product.json().id;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('keeps a pending seller’s active listing hidden', async () => {
    expect(await raw()).toBe(404);
  });

  it('lists pending sellers for review to admins and trust agents only', async () => {
    const r = await call('GET', '/admin/sellers?state=pending', 'agent');
    expect(r.statusCode).toBe(200);
    expect(r.json().map((s: { id: string }) => s.id)).toEqual([sellerId]);
    expect((await call('GET', '/admin/sellers?state=pending', 'maker')).statusCode).toBe(403);
    expect((await call('GET', '/admin/sellers?state=gone', 'agent')).statusCode).toBe(400);
  });

  it('lets only platform admins and trust agents change a seller’s standing, with a reason', async () => {
    expect(
      (await call('POST', `/admin/sellers/${sellerId}/verify`, 'maker', { reason: 'me' })).statusCode,
    ).toBe(403);
    expect(
      (await call('POST', `/admin/sellers/${sellerId}/verify`, undefined, { reason: 'x' })).statusCode,
    ).toBe(401);
    expect((await call('POST', `/admin/sellers/${sellerId}/verify`, 'agent', {})).statusCode).toBe(400);
    expect(
      (await call('POST', `/admin/sellers/${sellerId}/verify`, 'agent', { reason: 'x'.repeat(1001) }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call('POST', `/admin/sellers/${sellerId}/suspend`, 'agent', { reason: 'early' })).statusCode,
    ).toBe(409);
    expect(await raw()).toBe(404);
  });

  it('shows the listing once verified, hides it on suspension, shows it on reinstatement', async () => {
    const verified = await call('POST', `/admin/sellers/${sellerId}/verify`, 'agent', {
      reason: 'EIN letter and farm licence checked',
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ state: 'verified', verifiedAt: '2026-11-24T12:00:00.000Z' });
    expect(await raw()).toBe(200);
    expect(
      (await call('POST', `/admin/sellers/${sellerId}/verify`, 'agent', { reason: 'again' })).statusCode,
    ).toBe(409);

    const suspended = await call('POST', `/admin/sellers/${sellerId}/suspend`, 'agent', {
      reason: 'Counterfeit report',
    });
    expect(suspended.json().state).toBe('suspended');
    expect(await raw()).toBe(404);
    expect((await call('GET', `/sellers/${sellerId}`)).statusCode).toBe(404);
    // A listing created while suspended stays hidden too.
    const during = await call('POST', `/sellers/${sellerId}/products`, 'maker', {
      kind: 'goods',
      categorySlug: 'cheese',
      originState: 'WI',
      hsCode: '040690',
      status: 'active',
      translations: { en: { title: 'Curds', description: 'Squeaky.' } },
      images: [],
      variants: [{ sku: 'CURD-1', priceUsd: 999, stock: 5, weightGrams: 200 }],
    });
    expect(during.json().visible).toBe(false);
    // "verify" does not reinstate: that is its own, deliberate action.
    expect(
      (await call('POST', `/admin/sellers/${sellerId}/verify`, 'agent', { reason: 'oops' })).statusCode,
    ).toBe(409);

    const reinstated = await call('POST', `/admin/sellers/${sellerId}/reinstate`, 'agent', {
      reason: 'Report withdrawn',
    });
    expect(reinstated.json().state).toBe('verified');
    expect(await raw()).toBe(200);
    expect((await call('GET', `/products/${during.json().id}/raw`)).statusCode).toBe(200);

    const audit = await db.db.execute<{ actor: string; action: string; reason: string }>(sql`
      SELECT actor, action, detail->>'reason' AS reason FROM audit_log
       WHERE subject = ${sellerId} AND action <> 'sellers.onboarded' ORDER BY id`);
    expect(audit.rows).toEqual([
      { actor: 'usr_agent', action: 'sellers.verified', reason: 'EIN letter and farm licence checked' },
      { actor: 'usr_agent', action: 'sellers.suspended', reason: 'Counterfeit report' },
      { actor: 'usr_agent', action: 'sellers.verified', reason: 'Report withdrawn' },
    ]);
  });

  it('documents every route in the OpenAPI document', async () => {
    const r = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json().paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/sellers',
        '/api/v1/sellers/{id}',
        '/api/v1/admin/sellers',
        '/api/v1/categories',
        '/api/v1/products/{id}/raw',
        '/api/v1/sellers/{sellerId}/products/{productId}',
        '/api/v1/sellers/{sellerId}/variants/{variantId}/stock',
        '/api/v1/admin/sellers/{id}/suspend',
      ]),
    );
  });

  it('answers an unknown seller with 404', async () => {
    const r = await call('POST', `/admin/sellers/sel_${'0'.repeat(32)}/verify`, 'agent', { reason: 'x' });
    expect(r.statusCode).toBe(404);
  });
});
