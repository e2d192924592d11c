import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type App, createApp } from '../../http/app.ts';
import type { Principal } from '../../kernel/access.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { SellerId, UserId } from '../../kernel/ids.ts';
import { createUser, getUser } from '../identity/index.ts';
import { getSeller, type OnboardSellerInput, sellerFacts, sellersRoutes, transitionSeller } from './index.ts';

const form = (over: Partial<OnboardSellerInput> = {}): OnboardSellerInput => ({
  legalName: 'Marathon County Ginseng LLC',
  dba: 'Hsu Ginseng',
  ein: '39-1234567',
  usState: 'WI',
  city: 'Wausau',
  employees: 12,
  isFarm: true,
  founded: 1974,
  contact: { name: 'Paul Hsu', email: 'paul@example.com', phone: '+1 715 555 0100' },
  description: { en: 'Wisconsin-grown American ginseng.', 'zh-Hans': '威斯康星州种植的花旗参。' },
  ...over,
});

describe('sellers over HTTP', () => {
  let db: Database;
  let app: App;
  const clock = new ManualClock('2026-11-24T12:00:00Z');
  const principals = new Map<string, Principal>();
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  async function user(token: string, extra: Partial<Principal> = {}): Promise<UserId> {
    const u = await createUser(
      { db: db.db, clock, idEncryptionKey: randomBytes(32) },
      { email: `${token}@example.com`, password: 'correct horse battery', displayName: token, roles: [] },
    );
    principals.set(token, { userId: u.id, roles: ['buyer'], sellerIds: [], ...extra });
    return u.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp({
      pool: db.pool,
      routes: [sellersRoutes({ db: db.db, clock })],
      authenticate: async ({ bearerToken }) => principals.get(bearerToken ?? '') ?? null,
    });
    await user('founder');
    await user('other');
    await user('admin', { roles: ['platform_admin'] });
    await user('agent', { roles: ['trust_agent'] });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const onboard = (payload: unknown, token = 'founder') =>
    app.inject({ method: 'POST', url: '/api/v1/sellers', payload: payload as object, headers: as(token) });

  it.each([
    ['an EIN without its dash', { ein: '391234567' }, 'body.ein'],
    ['an EIN with a never-assigned prefix', { ein: '07-1234567' }, 'body.ein'],
    ['an unknown state', { usState: 'XX' }, 'body.usState'],
    ['negative employees', { employees: -1 }, 'body.employees'],
    ['fractional employees', { employees: 2.5 }, 'body.employees'],
    ['an oversized legal name', { legalName: 'x'.repeat(201) }, 'body.legalName'],
    ['an oversized description', { description: { en: 'x'.repeat(5001) } }, 'body.description.en'],
    ['no English description', { description: { ja: 'ウィスコンシン産' } }, 'body.description.en'],
    ['an unknown field', { website: 'https://example.com' }, 'body.'],
    [
      'a bad email',
      { contact: { name: 'A', email: 'not-an-email', phone: '+1 715 555 0100' } },
      'body.contact.email',
    ],
  ])('answers %s with 400 naming the field', async (_label, over, path) => {
    const r = await onboard({ ...form(), ...over });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a year founded in the future', async () => {
    const r = await onboard(form({ ein: '39-7777777', founded: 2027 }));
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe('sellers.founded_in_future');
  });

  it('refuses anonymous onboarding', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/sellers', payload: form() });
    expect(r.statusCode).toBe(401);
  });

  let sellerId: SellerId;
  it('onboards a pending seller and makes the caller its staff', async () => {
    const r = await onboard(form());
    expect(r.statusCode).toBe(201);
    const seller = r.json();
    expect(seller).toMatchObject({ state: 'pending', ein: '39-1234567', usState: 'WI', verifiedAt: null });
    expect(seller.description['zh-Hans']).toBe('威斯康星州种植的花旗参。');
    sellerId = seller.id;
    const founder = await getUser(db.db, principals.get('founder')!.userId);
    expect(founder?.roles).toContainEqual({ role: 'seller_staff', scopeId: sellerId });
    const audit = await db.db.execute(sql`SELECT actor, action FROM audit_log WHERE subject = ${sellerId}`);
    expect(audit.rows).toEqual([{ actor: principals.get('founder')!.userId, action: 'sellers.onboarded' }]);
  });

  it('answers a second registration of the same EIN with 409 and leaves no trace of it', async () => {
    const r = await onboard(form({ legalName: 'Copycat Ginseng Inc' }), 'other');
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('sellers.ein_taken');
    const other = await getUser(db.db, principals.get('other')!.userId);
    expect(other?.roles.some((x) => x.role === 'seller_staff')).toBe(false);
  });

  it('hides a pending seller from the public and from other sellers, not from its staff or the platform', async () => {
    principals.set('founder', {
      ...principals.get('founder')!,
      roles: ['buyer', 'seller_staff'],
      sellerIds: [sellerId],
    });
    const url = `/api/v1/sellers/${sellerId}`;
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url, headers: as('other') })).statusCode).toBe(404);
    for (const token of ['founder', 'admin', 'agent']) {
      const r = await app.inject({ method: 'GET', url, headers: as(token) });
      expect(r.statusCode).toBe(200);
      expect(r.json().ein).toBe('39-1234567');
    }
    const list = await app.inject({ method: 'GET', url: '/api/v1/sellers' });
    expect(list.json()).toEqual([]);
  });

  it('shows a verified seller publicly with the EIN masked', async () => {
    const agentId = principals.get('agent')!.userId;
    await inTransaction(db.db, (tx) =>
      transitionSeller(tx, clock, {
        sellerId,
        to: 'verified',
        actorId: agentId,
        reason: 'Documents checked',
      }),
    );
    const pub = await app.inject({ method: 'GET', url: `/api/v1/sellers/${sellerId}`, headers: as('other') });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      state: 'verified',
      ein: '**-***4567',
      verifiedAt: '2026-11-24T12:00:00.000Z',
    });
    const list = await app.inject({ method: 'GET', url: '/api/v1/sellers?limit=10' });
    expect(list.json().map((s: { ein: string }) => s.ein)).toEqual(['**-***4567']);
    // Buyers reach sellers through Heartland: no email or phone in the public view.
    expect(Object.keys(pub.json().contact)).toEqual(['name']);
    expect(list.json()[0].contact.email).toBeUndefined();
    const [facts] = await sellerFacts(db.db, [sellerId, 'sel_missing']);
    expect(facts).toMatchObject({
      id: sellerId,
      ein: '39-1234567',
      employees: 12,
      isFarm: true,
      state: 'verified',
    });
  });

  it('audits every transition and refuses ones the table does not list', async () => {
    const actorId = principals.get('admin')!.userId;
    await expect(
      inTransaction(db.db, (tx) =>
        transitionSeller(tx, clock, { sellerId, to: 'pending', actorId, reason: 'x' }),
      ),
    ).rejects.toMatchObject({ code: 'sellers.invalid_transition' });
    await expect(
      inTransaction(db.db, (tx) =>
        transitionSeller(tx, clock, { sellerId, to: 'suspended', actorId, reason: ' ' }),
      ),
    ).rejects.toMatchObject({ code: 'sellers.invalid_reason' });
    clock.advanceDays(3);
    await inTransaction(db.db, (tx) =>
      transitionSeller(tx, clock, { sellerId, to: 'suspended', actorId, reason: 'Counterfeit complaint' }),
    );
    await inTransaction(db.db, (tx) =>
      transitionSeller(tx, clock, { sellerId, to: 'verified', actorId, reason: 'Complaint withdrawn' }),
    );
    const seller = await getSeller(db.db, sellerId);
    expect(seller.verifiedAt).toBe('2026-11-24T12:00:00.000Z'); // the first verification counts
    const audit = await db.db.execute<{
      action: string;
      detail: { from: string; to: string; reason: string };
    }>(
      sql`SELECT action, detail FROM audit_log WHERE subject = ${sellerId} AND action <> 'sellers.onboarded' ORDER BY id`,
    );
    expect(audit.rows.map((a) => [a.action, a.detail.from, a.detail.reason])).toEqual([
      ['sellers.verified', 'pending', 'Documents checked'],
      ['sellers.suspended', 'verified', 'Counterfeit complaint'],
      ['sellers.verified', 'suspended', 'Complaint withdrawn'],
    ]);
  });

  it('answers unknown and malformed ids with 404 and 400', async () => {
    const missing = await app.inject({
      method: 'GET',
      url: `/api/v1/sellers/sel_${'0'.repeat(32)}`,
      headers: as('admin'),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('sellers.not_found');
    expect((await app.inject({ method: 'GET', url: '/api/v1/sellers/nope' })).statusCode).toBe(400);
  });
});
