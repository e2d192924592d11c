import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { money } from '../../money/index.ts';
import {
  accountBalance,
  accountBalances,
  ensureAccounts,
  entriesByReference,
  type postEntry,
  trialBalance,
  verifyLedger,
} from './index.ts';
import { countRows, cr, dr, errorCode, pgErrorMessage, post } from './test-helpers.ts';

const clock = new ManualClock('2026-11-24T08:00:00Z');
const PSP = 'psp_receivable:CNY';
const ESCROW = 'escrow:ord_1:CNY';
const REVENUE = 'platform_revenue:USD';
const TREASURY = 'treasury:USD';

describe('posting entries', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    await inTransaction(db.db, (tx) =>
      ensureAccounts(tx, [
        { key: PSP, type: 'psp_receivable', currency: 'CNY' },
        {
          key: ESCROW,
          type: 'escrow',
          currency: 'CNY',
          ownerId: 'sel_1',
          limit: 'debits_must_not_exceed_credits',
        },
        { key: REVENUE, type: 'platform_revenue', currency: 'USD' },
        { key: TREASURY, type: 'treasury', currency: 'USD' },
      ]),
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('moves both accounts and reports balances on each normal side', async () => {
    const r = await post(
      db.db,
      {
        id: 'capture:pi_1',
        kind: 'payment.capture',
        reference: 'ord_1',
        postings: [dr(PSP, 12_900n, 'CNY'), cr(ESCROW, 12_900n, 'CNY')],
        metadata: { intent: 'pi_1' },
      },
      clock,
    );
    expect(r).toEqual({ status: 'created', entryId: 'capture:pi_1' });
    const psp = await accountBalance(db.db, PSP);
    expect(psp).toMatchObject({ debitsPosted: 12_900n, creditsPosted: 0n, balance: money(12_900n, 'CNY') });
    const escrow = await accountBalance(db.db, ESCROW);
    expect(escrow).toMatchObject({
      creditsPosted: 12_900n,
      ownerId: 'sel_1',
      balance: money(12_900n, 'CNY'),
    });
    expect(await accountBalances(db.db, { ownerId: 'sel_1' })).toHaveLength(1);
    expect((await accountBalances(db.db, { type: 'psp_receivable' })).map((a) => a.key)).toEqual([PSP]);
    const cny = (await trialBalance(db.db)).find((t) => t.currency === 'CNY')!;
    expect(cny).toMatchObject({ debitsPosted: 12_900n, creditsPosted: 12_900n, balanced: true });
    const [view] = await entriesByReference(db.db, 'ord_1');
    expect(view).toMatchObject({
      id: 'capture:pi_1',
      status: 'posted',
      pending: false,
      createdAt: clock.now(),
    });
    expect(view!.postings).toEqual([
      { account: PSP, direction: 'debit', amount: money(12_900n, 'CNY') },
      { account: ESCROW, direction: 'credit', amount: money(12_900n, 'CNY') },
    ]);
    expect(view!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses unbalanced, mismatched and malformed entries and writes nothing', async () => {
    const before = await countRows(db.db);
    const base = { kind: 'test.bad', reference: 'ord_bad' };
    const cases: [string, Parameters<typeof postEntry>[1]][] = [
      [
        'ledger.unbalanced',
        { ...base, id: 'bad:1', postings: [dr(PSP, 100n, 'CNY'), cr(ESCROW, 99n, 'CNY')] },
      ],
      [
        'ledger.unbalanced',
        { ...base, id: 'bad:2', postings: [dr(PSP, 100n, 'CNY'), cr(REVENUE, 100n, 'USD')] },
      ],
      [
        'ledger.currency_mismatch',
        { ...base, id: 'bad:3', postings: [dr(TREASURY, 100n, 'CNY'), cr(ESCROW, 100n, 'CNY')] },
      ],
      [
        'ledger.account_not_found',
        {
          ...base,
          id: 'bad:4',
          postings: [dr('treasury:nowhere:CNY', 100n, 'CNY'), cr(ESCROW, 100n, 'CNY')],
        },
      ],
      ['ledger.too_few_postings', { ...base, id: 'bad:5', postings: [dr(PSP, 0n, 'CNY')] }],
      [
        'ledger.invalid_amount',
        { ...base, id: 'bad:6', postings: [dr(PSP, 0n, 'CNY'), cr(ESCROW, 0n, 'CNY')] },
      ],
      [
        'ledger.invalid_amount',
        { ...base, id: 'bad:7', postings: [dr(PSP, -5n, 'CNY'), cr(ESCROW, -5n, 'CNY')] },
      ],
      ['ledger.invalid_entry_id', { ...base, id: '', postings: [dr(PSP, 1n, 'CNY'), cr(ESCROW, 1n, 'CNY')] }],
      [
        'ledger.invalid_kind',
        { ...base, kind: 'Bad Kind', id: 'bad:9', postings: [dr(PSP, 1n, 'CNY'), cr(ESCROW, 1n, 'CNY')] },
      ],
    ];
    for (const [code, entry] of cases) {
      expect(await errorCode(post(db.db, entry, clock)), entry.id).toBe(code);
    }
    expect(await countRows(db.db)).toEqual(before);
  });

  it('answers a replay with exists and refuses the id with another payload', async () => {
    const entry = {
      id: 'fee:ord_2',
      kind: 'fee.charge',
      reference: 'ord_2',
      postings: [dr(TREASURY, 500n, 'USD'), cr(REVENUE, 500n, 'USD')],
      metadata: { b: '2', a: '1' },
    };
    expect((await post(db.db, entry, clock)).status).toBe('created');
    const after = await countRows(db.db);
    clock.advance(60_000);
    // Same payload later, metadata keys in another order: still the same entry.
    const replay = await post(db.db, { ...entry, metadata: { a: '1', b: '2' } }, clock);
    expect(replay).toEqual({ status: 'exists', entryId: 'fee:ord_2' });
    expect(await countRows(db.db)).toEqual(after);
    const other = { ...entry, postings: [dr(TREASURY, 501n, 'USD'), cr(REVENUE, 501n, 'USD')] };
    expect(await errorCode(post(db.db, other, clock))).toBe('ledger.entry_exists_with_different_payload');
    expect(await errorCode(post(db.db, { ...entry, pending: true }, clock))).toBe(
      'ledger.entry_exists_with_different_payload',
    );
    expect((await accountBalance(db.db, REVENUE))!.balance).toEqual(money(500n, 'USD'));
  });

  it('answers concurrent submissions of one id with one created and the rest exists', async () => {
    const entry = {
      id: 'fee:ord_3',
      kind: 'fee.charge',
      reference: 'ord_3',
      postings: [dr(TREASURY, 7n, 'USD'), cr(REVENUE, 7n, 'USD')],
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => post(db.db, entry, clock)));
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'exists')).toHaveLength(7);
    expect(await entriesByReference(db.db, 'ord_3')).toHaveLength(1);
  });

  it('never lets an entry be updated or deleted', async () => {
    expect(
      await pgErrorMessage(db.db.execute(sql`UPDATE ledger_entries SET kind = 'x' WHERE id = 'fee:ord_2'`)),
    ).toMatch(/UPDATE on ledger_entries is refused/);
    expect(
      await pgErrorMessage(db.db.execute(sql`DELETE FROM ledger_postings WHERE entry_id = 'fee:ord_2'`)),
    ).toMatch(/DELETE on ledger_postings is refused/);
    expect(await pgErrorMessage(db.db.execute(sql`TRUNCATE ledger_postings`))).toMatch(
      /TRUNCATE on ledger_postings/,
    );
    expect((await verifyLedger(db.db)).ok).toBe(true);
  });
});

describe('ensureAccounts', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('is idempotent by key and refuses a key with another spec', async () => {
    const spec = {
      key: 'seller_payable:sel_9:USD',
      type: 'seller_payable',
      currency: 'USD',
      limit: 'debits_must_not_exceed_credits',
    } as const;
    await inTransaction(db.db, (tx) => ensureAccounts(tx, [spec, spec]));
    await inTransaction(db.db, (tx) => ensureAccounts(tx, [spec]));
    expect(await accountBalance(db.db, spec.key)).toMatchObject({ key: spec.key, balance: money(0n, 'USD') });
    expect(
      await errorCode(inTransaction(db.db, (tx) => ensureAccounts(tx, [{ ...spec, limit: null }]))),
    ).toBe('ledger.account_exists_with_different_spec');
    const rows = await db.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM ledger_balances WHERE account_key = ${spec.key}`,
    );
    expect(rows.rows[0]!.n).toBe('1');
  });

  it('gives accounts without a limit several balance shards', async () => {
    await inTransaction(db.db, (tx) =>
      ensureAccounts(tx, [{ key: 'psp_receivable:JPY', type: 'psp_receivable', currency: 'JPY' }]),
    );
    const rows = await db.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM ledger_balances WHERE account_key = 'psp_receivable:JPY'`,
    );
    expect(Number(rows.rows[0]!.n)).toBe(16);
  });

  it('refuses keys that do not name their type and currency', async () => {
    const bad = [
      { key: 'escrow:ord_1:USD', type: 'escrow', currency: 'CNY' },
      { key: 'treasury:CNY', type: 'escrow', currency: 'CNY' },
      { key: 'treasury USD', type: 'treasury', currency: 'USD' },
      { key: 'treasury:XXX', type: 'treasury', currency: 'XXX' },
    ] as const;
    for (const spec of bad) {
      const code = await errorCode(inTransaction(db.db, (tx) => ensureAccounts(tx, [spec as never])));
      expect(code).toMatch(/^ledger\.invalid_/);
    }
  });
});
