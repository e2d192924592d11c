import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { type App, createApp } from '../../http/app.ts';
import type { Principal } from '../../kernel/access.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { UserId } from '../../kernel/ids.ts';
import { loadMarketData, marketsRoutes } from './index.ts';

const admin: Principal = { userId: 'usr_admin' as UserId, roles: ['platform_admin'], sellerIds: [] };
const buyer: Principal = { userId: 'usr_buyer' as UserId, roles: ['buyer'], sellerIds: [] };

describe('markets routes', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadMarketData(db.db);
    app = await createApp({
      pool: db.pool,
      routes: [marketsRoutes({ db: db.db, clock: new ManualClock('2026-11-24T00:00:00Z') })],
      authenticate: async ({ bearerToken }) =>
        bearerToken === 'admin' ? admin : bearerToken === 'buyer' ? buyer : null,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const put = (currency: string, body: unknown, token?: string) =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/admin/fx-rates/${currency}`,
      payload: body as object,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('lists markets and one market publicly; unknown is a 404 problem', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/v1/markets' });
    expect(list.statusCode).toBe(200);
    expect(list.json().markets).toHaveLength(11);
    const kr = await app.inject({ method: 'GET', url: '/api/v1/markets/kr' });
    expect(kr.json()).toMatchObject({ code: 'KR', currency: 'KRW', defaultLocale: 'ko' });
    const none = await app.inject({ method: 'GET', url: '/api/v1/markets/ZZ' });
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('markets.unknown_market');
    expect((await app.inject({ method: 'GET', url: '/api/v1/markets/CHN' })).statusCode).toBe(400);
  });

  it('lists the latest rate per currency publicly', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/fx-rates' });
    expect(r.statusCode).toBe(200);
    const quotes = r.json().rates.map((x: { quote: string }) => x.quote);
    expect(quotes).toEqual(['CNY', 'HKD', 'IDR', 'JPY', 'KRW', 'MYR', 'PHP', 'SGD', 'THB', 'TWD', 'VND']);
  });

  it('lets only a platform admin set a rate, with bad input as 400', async () => {
    expect((await put('CNY', { rate: '7.2', source: 'desk' })).statusCode).toBe(401);
    expect((await put('CNY', { rate: '7.2', source: 'desk' }, 'buyer')).statusCode).toBe(403);
    for (const body of [
      { rate: '0', source: 'desk' },
      { rate: '-7', source: 'desk' },
      { rate: 7.2, source: 'desk' },
      { rate: '7.2', source: '' },
      { rate: '7.2', source: 'desk', extra: 1 },
      { rate: '7.2', source: 'desk', asOf: 'yesterday' },
    ]) {
      const r = await put('CNY', body, 'admin');
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
    expect((await put('USD', { rate: '1', source: 'desk' }, 'admin')).statusCode).toBe(400);
    expect((await put('EUR', { rate: '1', source: 'desk' }, 'admin')).statusCode).toBe(400);
    const future = await put('CNY', { rate: '7.2', source: 'desk', asOf: '2027-01-01T00:00:00Z' }, 'admin');
    expect(future.statusCode).toBe(400);
    expect(future.json().code).toBe('markets.rate_in_future');

    const ok = await put('CNY', { rate: '7.2050', source: 'desk' }, 'admin');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ base: 'USD', quote: 'CNY', rate: '7.2050', source: 'desk' });
    const rates = (await app.inject({ method: 'GET', url: '/api/v1/fx-rates' })).json().rates;
    expect(rates.find((x: { quote: string }) => x.quote === 'CNY').rate).toBe('7.2050');
  });
});
