import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type App, createApp } from '../../http/app.ts';
import type { Principal } from '../../kernel/access.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { UserId } from '../../kernel/ids.ts';
import { money } from '../../money/index.ts';
import { checkEligibility, complianceRoutes, reserveAnnualAllowance } from './index.ts';

const buyer: Principal = { userId: 'usr_buyer1' as UserId, roles: ['buyer'], sellerIds: [] };
const seller: Principal = { userId: 'usr_seller' as UserId, roles: ['seller_staff'], sellerIds: [] };

describe('compliance routes and rules data', () => {
  let db: Database;
  let app: App;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp({
      pool: db.pool,
      routes: [complianceRoutes({ db: db.db, clock: new ManualClock('2026-12-31T17:00:00Z') })],
      authenticate: async ({ bearerToken }) =>
        bearerToken === 'buyer' ? buyer : bearerToken === 'seller' ? seller : null,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const get = (url: string, token?: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  it('publishes every rule with its source, date and verification', async () => {
    const r = await get('/compliance/rules');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    const single = body.rules.find(
      (x: { id: string; effectiveFrom: string }) =>
        x.id === 'CN.cbec.single_limit' && x.effectiveFrom === '2019-01-01',
    );
    expect(single).toMatchObject({
      market: 'CN',
      numbers: { limit: '5000.00' },
      source: 'C1, C2, C3, C5',
      verification: 'Yes',
    });
    const dutiable = body.rules.find((x: { id: string }) => x.id === 'CN.cbec.dutiable_value');
    expect(dutiable.verification).toBe('No');
    for (const rule of body.rules) expect(rule.source.length).toBeGreaterThan(0);
    expect(body.tables.map((t: { market: string; name: string }) => `${t.market}.${t.name}`)).toContain(
      'CN.vat',
    );
  });

  it('shows a buyer their own allowance, defaulting to the current year in China', async () => {
    await inTransaction(db.db, (tx) =>
      reserveAnnualAllowance(tx, {
        buyerId: 'usr_buyer1',
        year: 2027,
        amount: money(123456n, 'CNY'),
        reference: 'ord_r1',
      }),
    );
    const now = await get('/me/cn-allowance', 'buyer');
    expect(now.statusCode).toBe(200);
    expect(now.json()).toEqual({
      year: 2027,
      limit: { amount: 2600000, currency: 'CNY' },
      used: { amount: 123456, currency: 'CNY' },
      remaining: { amount: 2476544, currency: 'CNY' },
    });
    expect((await get('/me/cn-allowance?year=2026', 'buyer')).json().used.amount).toBe(0);
  });

  it('refuses anonymous callers, other roles and bad years', async () => {
    expect((await get('/me/cn-allowance')).statusCode).toBe(401);
    expect((await get('/me/cn-allowance', 'seller')).statusCode).toBe(403);
    for (const q of ['year=1999', 'year=20x6', 'year=', 'year=2026&x=1', 'year=99999']) {
      const r = await get(`/me/cn-allowance?${q}`, 'buyer');
      expect(r.statusCode, q).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers eligibility with the rule that decides it', () => {
    // China by direct purchase (9610, the default route): not excluded, on the Positive List as
    // Heartland holds it (unverified), and food rests on the open facility-registration question.
    expect(checkEligibility({ market: 'CN', hsCode: '1211.20', productKind: 'goods' })).toEqual({
      eligible: true,
      provisional: true,
      rules: [
        expect.objectContaining({ ruleId: 'CN.eligibility.default' }),
        expect.objectContaining({ ruleId: 'CN.positive_list.listed', source: 'C12, C14, C17' }),
        expect.objectContaining({ ruleId: 'CN.cbec.food_registration_open' }),
      ],
    });
    expect(checkEligibility({ market: 'CN', hsCode: '2402.20', productKind: 'goods' }).eligible).toBe(false);
    expect(checkEligibility({ market: 'KR', hsCode: '0810.10', productKind: 'goods' }).eligible).toBe(false);
    expect(checkEligibility({ market: 'KR', hsCode: '0802.12', productKind: 'goods' }).eligible).toBe(true);
    expect(checkEligibility({ market: 'HK', hsCode: '2208.30', productKind: 'goods' }).eligible).toBe(true);
    expect(checkEligibility({ market: 'SG', hsCode: '2208.30', productKind: 'goods' }).eligible).toBe(false);
    expect(checkEligibility({ market: 'JP', hsCode: '', productKind: 'service' }).eligible).toBe(true);
    expect(() => checkEligibility({ market: 'XX' as never, hsCode: '1211', productKind: 'goods' })).toThrow(
      expect.objectContaining({ code: 'compliance.unknown_market' }),
    );
    expect(() => checkEligibility({ market: 'CN', hsCode: 'abcd', productKind: 'goods' })).toThrow(
      expect.objectContaining({ code: 'compliance.invalid_hs_code' }),
    );
  });
});
