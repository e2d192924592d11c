import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { type App, createApp } from '../../http/app.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { MARKET_CODES } from '../../kernel/locales.ts';
import { applyRate, money } from '../../money/index.ts';
import { loadMarketData, setRate } from '../markets/index.ts';
import { indexDocuments } from './index-documents.ts';
import { setListingMarkets } from './listing-markets.ts';
import { displayedPrice, usdBoundsFor } from './price-bounds.ts';
import { searchRoutes } from './routes.ts';
import { FIXTURES, pid } from './test-fixtures.ts';

const GINSENG_ROOT = pid(1);
const GINSENG_TEA = pid(2);

describe('usdBoundsFor', () => {
  it('selects exactly the USD prices whose displayed price is inside the local range', () => {
    const currency = fc.constantFrom('CNY' as const, 'JPY' as const, 'KRW' as const, 'SGD' as const);
    const rate = fc
      .tuple(fc.integer({ min: 1, max: 2_000 }), fc.integer({ min: 0, max: 9_999 }))
      .map(([i, f]) => `${i}.${String(f).padStart(4, '0')}`);
    fc.assert(
      fc.property(
        currency,
        rate,
        fc.bigInt({ min: 0n, max: 10_000_000n }),
        fc.bigInt({ min: 0n, max: 5_000_000n }),
        (cur, r, lo, span) => {
          const { min, max } = usdBoundsFor({ min: lo, max: lo + span }, r, cur);
          // Inside the bounds the displayed price is in range; one cent outside it is not.
          if (min! <= max!) {
            expect(displayedPrice(min!, r, cur)).toBeGreaterThanOrEqual(lo);
            expect(displayedPrice(max!, r, cur)).toBeLessThanOrEqual(lo + span);
          }
          if (min! > 0n) expect(displayedPrice(min! - 1n, r, cur)).toBeLessThan(lo);
          expect(displayedPrice(max! + 1n, r, cur)).toBeGreaterThan(lo + span);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('search routes', () => {
  let db: Database;
  let bare: Database;
  let app: App;
  let bareApp: App;
  const clock = new ManualClock('2026-11-24T12:00:00Z');
  const get = (url: string, on: App = app) => on.inject({ method: 'GET', url: `/api/v1${url}` });
  const enc = encodeURIComponent;

  beforeAll(async () => {
    [db, bare] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    await loadMarketData(db.db);
    await setRate({ db: db.db, clock }, { quote: 'CNY', rate: '7.1234', source: 'test' }, 'usr_test');
    await indexDocuments(db.db, FIXTURES);
    await indexDocuments(bare.db, FIXTURES);
    // Every fixture may be sold everywhere, except the ginseng tea: not in Japan.
    await setListingMarkets(
      db.db,
      FIXTURES.map((f) => ({
        productId: f.productId,
        windows: MARKET_CODES.filter((m) => !(f.productId === GINSENG_TEA && m === 'JP')).map((market) => ({
          market,
          from: new Date('2020-01-01T00:00:00Z'),
          until: null,
        })),
      })),
    );
    const authenticate = async () => null;
    app = await createApp({ pool: db.pool, authenticate, routes: [searchRoutes({ db: db.db, clock })] });
    bareApp = await createApp({
      pool: bare.pool,
      authenticate,
      routes: [searchRoutes({ db: bare.db, clock })],
    });
  });
  afterAll(async () => {
    await Promise.all([app.close(), bareApp.close()]);
    await Promise.all([db.close(), bare.close()]);
  });

  it('searches anonymously, with USD prices and facets', async () => {
    const r = await get(`/search?q=${enc('西洋参')}&locale=zh-Hans`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.total).toBe(2);
    expect(body.hits[0]).toMatchObject({
      productId: GINSENG_ROOT,
      title: '威斯康星花旗参 整根 4盎司',
      originState: 'WI',
      minPriceUsd: { amount: 8900, currency: 'USD' },
    });
    expect(body.hits[0].price).toBeUndefined();
    expect(body.facets.states).toEqual([{ code: 'WI', count: 2 }]);
    expect(body.facets.priceRangesUsd).toHaveLength(6);
    expect(typeof body.tookMs).toBe('number');
  });

  it('shows prices in the market currency, converted once and rounded half-to-even', async () => {
    const body = (await get(`/search?q=${enc('花旗参')}&locale=zh-Hans&market=CN`)).json();
    const expected = applyRate(money(8900n, 'USD'), '7.1234', 'CNY'); // 633.9826 → 633.98
    expect(expected.amount).toBe(63398n);
    expect(body.hits[0].price).toEqual({ amount: 63398, currency: 'CNY' });
    expect(body.fx).toMatchObject({ currency: 'CNY', rate: '7.1234' });
    const jp = (await get(`/search?q=${enc('花旗参')}&locale=ja&market=JP`)).json();
    expect(jp.hits[0].price).toEqual({ amount: 13528, currency: 'JPY' }); // 89.00 × 152
  });

  it('filters by price in the market currency at exactly the displayed price', async () => {
    const q = `/search?q=${enc('花旗参')}&market=CN`;
    const at = (await get(`${q}&minPrice=63398&maxPrice=63398`)).json();
    expect(at.hits.map((h: { productId: string }) => h.productId)).toEqual([GINSENG_ROOT]);
    expect((await get(`${q}&minPrice=63399`)).json().total).toBe(0);
    expect(
      (await get(`${q}&maxPrice=63397`)).json().hits.map((h: { productId: string }) => h.productId),
    ).not.toContain(GINSENG_ROOT);
    const usd = (await get(`/search?minPrice=8900&maxPrice=8900`)).json();
    expect(usd.hits.map((h: { productId: string }) => h.productId)).toEqual([GINSENG_ROOT]);
  });

  it('with a market, shows only listings that may be sold there (search and suggestions)', async () => {
    const ids = (body: { hits: { productId: string }[] }) => body.hits.map((h) => h.productId).sort();
    expect(ids((await get(`/search?q=${enc('花旗参')}&locale=ja&market=CN`)).json())).toEqual([
      GINSENG_ROOT,
      GINSENG_TEA,
    ]);
    const jp = (await get(`/search?q=${enc('花旗参')}&locale=ja&market=JP`)).json();
    expect(ids(jp)).toEqual([GINSENG_ROOT]);
    expect(jp.total).toBe(1);
    const suggestJp = (await get(`/search/suggest?q=${enc('花旗')}&locale=zh-Hans&market=JP`)).json();
    expect(suggestJp.suggestions.map((s: { productId: string }) => s.productId)).toEqual([GINSENG_ROOT]);
    expect((await get(`/search/suggest?q=${enc('花旗')}&market=XX`)).statusCode).toBe(400);
  });

  it('applies category, state, stock and sort parameters', async () => {
    const body = (
      await get('/search?category=sweeteners&state=WI&inStock=true&sort=price_desc&locale=en')
    ).json();
    expect(body.hits.map((h: { title: string }) => h.title)).toEqual([
      'Pure Wisconsin Maple Syrup, Grade A Amber, 500 ml',
    ]);
    const paged = (await get('/search?sort=price_asc&page=2&pageSize=3')).json();
    expect(paged.hits).toHaveLength(3);
    expect(paged.total).toBe(FIXTURES.length - 1);
  });

  it('answers bad parameters with 400 problems, never 500', async () => {
    const bad = [
      '/search?pageSize=51',
      '/search?page=0',
      '/search?page=abc',
      `/search?q=${'x'.repeat(201)}`,
      '/search?state=XX',
      '/search?locale=fr',
      '/search?market=US',
      '/search?minPrice=-1',
      '/search?minPrice=1.5',
      '/search?minPrice=99999999999999',
      '/search?category=Bad%20Slug',
      '/search?sort=random',
      '/search?inStock=yes',
      '/search?q=a&q=b',
      `/search/suggest?q=${'x'.repeat(101)}`,
      '/search/suggest',
    ];
    for (const url of bad) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    const range = await get('/search?minPrice=10&maxPrice=9');
    expect(range.statusCode).toBe(400);
    expect(range.json().code).toBe('search.invalid_price_range');
  });

  it('answers 503 when the market has no rate (markets not loaded)', async () => {
    const r = await get(`/search?q=${enc('花旗参')}&market=CN`, bareApp);
    expect(r.statusCode).toBe(503);
    expect(r.json().code).toBe('search.rate_unavailable');
    expect((await get(`/search?q=${enc('花旗参')}`, bareApp)).statusCode).toBe(200);
  });

  it('suggests titles for instant search', async () => {
    const r = await get(`/search/suggest?q=${enc('花旗')}&locale=zh-Hant`);
    expect(r.statusCode).toBe(200);
    expect(r.json().suggestions[0]).toEqual({ productId: GINSENG_ROOT, title: '威斯康星花旗蔘 原枝 4盎司' });
    expect((await get('/search/suggest?q=')).json()).toEqual({ suggestions: [] });
  });

  it('documents both routes in the OpenAPI document', async () => {
    const r = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/search', '/api/v1/search/suggest']),
    );
  });
});
