import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type App, createApp } from '../../http/app.ts';
import type { Principal } from '../../kernel/access.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { UserId } from '../../kernel/ids.ts';
import {
  ensureAccounts,
  formatTrialBalance,
  ledgerRoutes,
  sealLedger,
  trialBalance,
  verifyInclusion,
} from './index.ts';
import { cr, dr, post } from './test-helpers.ts';

const clock = new ManualClock('2026-11-24T08:00:00Z');
const people: Record<string, Principal> = {
  auditor: { userId: 'usr_a' as UserId, roles: ['auditor'], sellerIds: [] },
  buyer: { userId: 'usr_b' as UserId, roles: ['buyer'], sellerIds: [] },
};

describe('ledger routes', () => {
  let db: Database;
  let app: App;
  const get = (url: string, who = 'auditor') =>
    app.inject({
      method: 'GET',
      url: `/api/v1${url}`,
      headers: who ? { authorization: `Bearer ${who}` } : {},
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp({
      pool: db.pool,
      routes: [ledgerRoutes({ db: db.db, clock })],
      authenticate: async ({ bearerToken }) => people[bearerToken ?? ''] ?? null,
    });
    await inTransaction(db.db, (tx) =>
      ensureAccounts(tx, [
        { key: 'psp_receivable:JPY', type: 'psp_receivable', currency: 'JPY' },
        {
          key: 'escrow:ord_7:JPY',
          type: 'escrow',
          currency: 'JPY',
          ownerId: 'sel_7',
          limit: 'debits_must_not_exceed_credits',
        },
      ]),
    );
    await post(
      db.db,
      {
        id: 'authorize:pi_7',
        kind: 'payment.authorize',
        reference: 'ord_7',
        pending: true,
        postings: [dr('psp_receivable:JPY', 4_800n, 'JPY'), cr('escrow:ord_7:JPY', 4_800n, 'JPY')],
      },
      clock,
    );
    await post(
      db.db,
      {
        id: 'capture:pi_7',
        kind: 'payment.capture',
        reference: 'ord_7',
        postings: [dr('psp_receivable:JPY', 1_200n, 'JPY'), cr('escrow:ord_7:JPY', 1_200n, 'JPY')],
      },
      clock,
    );
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('is for auditors and platform admins only', async () => {
    expect((await get('/ledger/trial-balance', '')).statusCode).toBe(401);
    const r = await get('/ledger/verify', 'buyer');
    expect(r.statusCode).toBe(403);
  });

  it('serves the trial balance with integer counters', async () => {
    const r = await get('/ledger/trial-balance');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      rows: [
        {
          currency: 'JPY',
          debitsPosted: 1200,
          creditsPosted: 1200,
          debitsPending: 4800,
          creditsPending: 4800,
          balanced: true,
        },
      ],
      balanced: true,
    });
  });

  it('serves one account by its URL-encoded key, and 404 for an unknown one', async () => {
    const r = await get(`/ledger/accounts/${encodeURIComponent('escrow:ord_7:JPY')}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      key: 'escrow:ord_7:JPY',
      type: 'escrow',
      currency: 'JPY',
      ownerId: 'sel_7',
      debitsPosted: 0,
      creditsPosted: 1200,
      debitsPending: 0,
      creditsPending: 4800,
      balance: { amount: 1200, currency: 'JPY' },
    });
    const missing = await get(`/ledger/accounts/${encodeURIComponent('escrow:ord_8:JPY')}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ledger.account_not_found');
  });

  it('lists the entries of a reference, and refuses a request without one', async () => {
    const r = await get('/ledger/entries?reference=ord_7');
    expect(r.statusCode).toBe(200);
    const entries = r.json().entries;
    expect(entries.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([
      ['authorize:pi_7', 'pending'],
      ['capture:pi_7', 'posted'],
    ]);
    expect(entries[0].postings[0]).toEqual({
      account: 'psp_receivable:JPY',
      direction: 'debit',
      amount: { amount: 4800, currency: 'JPY' },
    });
    expect(entries[0].createdAt).toBe('2026-11-24T08:00:00.000Z');
    expect((await get('/ledger/entries')).statusCode).toBe(400);
    expect((await get(`/ledger/entries?reference=${'x'.repeat(201)}`)).statusCode).toBe(400);
  });

  it('verifies the ledger and proves a sealed entry', async () => {
    const v = await get('/ledger/verify');
    expect(v.json()).toMatchObject({ ok: true, entries: 2, postings: 4, seals: 0, problems: [] });
    const before = await get('/ledger/entries/capture:pi_7/proof');
    expect(before.statusCode).toBe(404);
    expect(before.json().code).toBe('ledger.entry_not_sealed');
    await sealLedger(db.db, clock);
    const r = await get('/ledger/entries/capture:pi_7/proof');
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({ entryId: 'capture:pi_7', leafIndex: 1, treeSize: 2 });
    expect(verifyInclusion(p.entryHash, p.leafIndex, p.treeSize, p.proof, p.merkleRoot)).toBe(true);
    expect((await get('/ledger/entries/bad%20id/proof')).statusCode).toBe(400);
  });

  it('formats the trial balance as decimals per currency', async () => {
    const text = formatTrialBalance(await trialBalance(db.db));
    expect(text).toContain('JPY');
    expect(text).toContain('1200 JPY'); // JPY has no minor units
    expect(text).toContain('Every currency balances.');
    const usd = formatTrialBalance([
      {
        currency: 'USD',
        debitsPosted: 12_345n,
        creditsPosted: 12_340n,
        debitsPending: 0n,
        creditsPending: 0n,
        balanced: false,
      },
    ]);
    expect(usd).toContain('123.45 USD');
    expect(usd).toContain('123.40 USD');
    expect(usd).toContain('NOT BALANCED');
  });
});
