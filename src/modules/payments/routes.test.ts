import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type App, createApp } from '../../http/app.ts';
import type { Principal } from '../../kernel/access.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { newId, type SellerId, type UserId } from '../../kernel/ids.ts';
import { money } from '../../money/index.ts';
import { captureIntent } from './capture-intent.ts';
import { createPaymentIntent } from './create-payment-intent.ts';
import { paymentsRoutes } from './routes.ts';

describe('GET /sellers/:sellerId/money', () => {
  let db: Database;
  let app: App;
  const sellerId = newId('sel');
  const principals: Record<string, Principal> = {
    staff: { userId: newId('usr') as UserId, roles: ['seller_staff'], sellerIds: [sellerId as SellerId] },
    otherStaff: { userId: newId('usr') as UserId, roles: ['seller_staff'], sellerIds: [newId('sel')] },
    auditor: { userId: newId('usr') as UserId, roles: ['auditor'], sellerIds: [] },
    buyer: { userId: newId('usr') as UserId, roles: ['buyer'], sellerIds: [] },
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const clock = new ManualClock();
    app = await createApp({
      pool: db.pool,
      routes: [paymentsRoutes({ db: db.db, clock })],
      authenticate: async ({ bearerToken }) => (bearerToken ? (principals[bearerToken] ?? null) : null),
    });
    const intent = await inTransaction(db.db, (tx) =>
      createPaymentIntent(tx, clock, {
        checkoutId: newId('chk'),
        buyerId: newId('usr'),
        amount: money(3_000n, 'KRW'),
        paymentMethod: 'pm_card_ok',
        escrows: [{ orderId: newId('ord'), sellerId, amount: money(3_000n, 'KRW') }],
      }),
    );
    await inTransaction(db.db, (tx) => captureIntent(tx, clock, intent.id));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const get = (who: string | null, id: string = sellerId) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/sellers/${id}/money`,
      headers: who ? { authorization: `Bearer ${who}` } : {},
    });

  it("shows a seller's staff its escrow held, payable and payouts as JSON money", async () => {
    const r = await get('staff');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      sellerId,
      escrowHeld: [{ amount: 3_000, currency: 'KRW' }],
      payable: { amount: 0, currency: 'USD' },
      paidOut: { amount: 0, currency: 'USD' },
      payouts: [],
    });
  });

  it('lets auditors in and keeps other sellers, buyers and anonymous callers out', async () => {
    expect((await get('auditor')).statusCode).toBe(200);
    const other = await get('otherStaff');
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('payments.not_your_seller');
    expect((await get('buyer')).statusCode).toBe(403);
    expect((await get(null)).statusCode).toBe(401);
  });

  it('answers a malformed seller id with 400', async () => {
    expect((await get('auditor', 'sel_nope')).statusCode).toBe(400);
  });
});
