import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import { isDomainError } from '../../kernel/errors.ts';
import { money } from '../../money/index.ts';
import {
  accountBalance,
  ensureAccounts,
  entriesByReference,
  postPendingEntry,
  trialBalance,
  verifyLedger,
  voidPendingEntry,
} from './index.ts';
import { countRows, cr, dr, errorCode, post } from './test-helpers.ts';

const clock = new ManualClock('2026-11-24T08:00:00Z');
const TREASURY = 'treasury:USD';
const CLEARING = 'payout_clearing:USD';
const PAYABLE = 'seller_payable:sel_1:USD';
const CONTRA = 'fx_position:USD'; // credits_must_not_exceed_debits: an asset never below zero

describe('balance limits and pending entries', () => {
  let db: Database;
  const resolve = (fn: typeof postPendingEntry, id: string, pendingId: string) =>
    inTransaction(db.db, (tx) => fn(tx, { id, pendingId }, clock));

  beforeAll(async () => {
    db = await createTestDatabase();
    await inTransaction(db.db, (tx) =>
      ensureAccounts(tx, [
        { key: TREASURY, type: 'treasury', currency: 'USD' },
        { key: CLEARING, type: 'payout_clearing', currency: 'USD' },
        {
          key: PAYABLE,
          type: 'seller_payable',
          currency: 'USD',
          ownerId: 'sel_1',
          limit: 'debits_must_not_exceed_credits',
        },
        { key: CONTRA, type: 'fx_position', currency: 'USD', limit: 'credits_must_not_exceed_debits' },
      ]),
    );
    // The seller is owed $10.00.
    await post(
      db.db,
      {
        id: 'earn:1',
        kind: 'escrow.release',
        reference: 'sel_1',
        postings: [dr(TREASURY, 1000n, 'USD'), cr(PAYABLE, 1000n, 'USD')],
      },
      clock,
    );
  });
  afterAll(async () => {
    await db.close();
  });

  const payout = (id: string, amount: bigint, pending = false) =>
    post(
      db.db,
      {
        id,
        kind: 'payout.create',
        reference: 'sel_1',
        pending,
        postings: [dr(PAYABLE, amount, 'USD'), cr(CLEARING, amount, 'USD')],
      },
      clock,
    );

  it('never takes a limited account below zero, and a refusal writes nothing', async () => {
    const before = await countRows(db.db);
    expect(await errorCode(payout('payout:too_much', 1001n))).toBe('ledger.exceeds_credits');
    expect(await countRows(db.db)).toEqual(before);
    // credits_must_not_exceed_debits is the mirror image.
    const credit = post(
      db.db,
      {
        id: 'fx:1',
        kind: 'fx.sell',
        reference: 'x',
        postings: [dr(TREASURY, 1n, 'USD'), cr(CONTRA, 1n, 'USD')],
      },
      clock,
    );
    expect(await errorCode(credit)).toBe('ledger.exceeds_debits');
  });

  it('counts pending debits against the limit, and gives the room back when voided', async () => {
    expect((await payout('hold:1', 600n, true)).status).toBe('created');
    let p = (await accountBalance(db.db, PAYABLE))!;
    expect(p).toMatchObject({
      debitsPending: 600n,
      debitsPosted: 0n,
      creditsPosted: 1000n,
      balance: money(1000n, 'USD'),
    });
    expect(await errorCode(payout('payout:2', 401n))).toBe('ledger.exceeds_credits');
    expect(await errorCode(payout('hold:2', 401n, true))).toBe('ledger.exceeds_credits');
    expect((await resolve(voidPendingEntry, 'void:1', 'hold:1')).status).toBe('created');
    p = (await accountBalance(db.db, PAYABLE))!;
    expect(p).toMatchObject({ debitsPending: 0n, debitsPosted: 0n });
    expect((await payout('payout:3', 401n)).status).toBe('created');
  });

  it('posts a pending entry exactly once', async () => {
    expect((await payout('hold:3', 500n, true)).status).toBe('created');
    expect((await resolve(postPendingEntry, 'post:3', 'hold:3')).status).toBe('created');
    const p = (await accountBalance(db.db, PAYABLE))!;
    expect(p).toMatchObject({ debitsPending: 0n, debitsPosted: 901n, balance: money(99n, 'USD') });
    expect((await accountBalance(db.db, CLEARING))!).toMatchObject({
      creditsPending: 0n,
      creditsPosted: 901n,
    });
    // The same resolution replayed is harmless; any other resolution is refused.
    expect(await resolve(postPendingEntry, 'post:3', 'hold:3')).toEqual({
      status: 'exists',
      entryId: 'post:3',
    });
    expect(await errorCode(resolve(postPendingEntry, 'post:3b', 'hold:3'))).toBe(
      'ledger.pending_already_resolved',
    );
    expect(await errorCode(resolve(voidPendingEntry, 'void:3', 'hold:3'))).toBe(
      'ledger.pending_already_resolved',
    );
    expect(await errorCode(resolve(voidPendingEntry, 'post:3', 'hold:3'))).toBe(
      'ledger.entry_exists_with_different_payload',
    );
    expect(await errorCode(resolve(postPendingEntry, 'post:x', 'payout:3'))).toBe('ledger.not_pending');
    expect(await errorCode(resolve(postPendingEntry, 'post:y', 'no-such-hold'))).toBe(
      'ledger.pending_not_found',
    );
    const statuses = Object.fromEntries(
      (await entriesByReference(db.db, 'sel_1')).map((e) => [e.id, e.status]),
    );
    expect(statuses).toMatchObject({
      'hold:1': 'resolved',
      'void:1': 'void_of_pending',
      'hold:3': 'resolved',
      'post:3': 'post_of_pending',
      'payout:3': 'posted',
    });
  });

  it('lets exactly one of many concurrent resolutions of one hold win', async () => {
    expect((await payout('hold:4', 50n, true)).status).toBe('created');
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        resolve(i % 2 ? postPendingEntry : voidPendingEntry, `settle:4:${i}`, 'hold:4'),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected')
        expect(isDomainError(r.reason) && r.reason.code).toBe('ledger.pending_already_resolved');
    }
    expect((await accountBalance(db.db, PAYABLE))!.debitsPending).toBe(0n);
  });

  it('lets exactly 10 of 50 concurrent transfers through a limited account with room for 10', async () => {
    await inTransaction(db.db, (tx) =>
      ensureAccounts(tx, [
        {
          key: 'seller_payable:sel_2:USD',
          type: 'seller_payable',
          currency: 'USD',
          limit: 'debits_must_not_exceed_credits',
        },
      ]),
    );
    await post(
      db.db,
      {
        id: 'earn:sel_2',
        kind: 'escrow.release',
        reference: 'sel_2',
        postings: [dr(TREASURY, 1000n, 'USD'), cr('seller_payable:sel_2:USD', 1000n, 'USD')],
      },
      clock,
    );
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        post(
          db.db,
          {
            id: `payout:sel_2:${i}`,
            kind: 'payout.create',
            reference: 'sel_2',
            postings: [dr('seller_payable:sel_2:USD', 100n, 'USD'), cr(CLEARING, 100n, 'USD')],
          },
          clock,
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter(
      (r) => r.status === 'rejected' && isDomainError(r.reason) && r.reason.code === 'ledger.exceeds_credits',
    );
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(40);
    expect((await accountBalance(db.db, 'seller_payable:sel_2:USD'))!.balance).toEqual(money(0n, 'USD'));
    expect((await entriesByReference(db.db, 'sel_2')).length).toBe(11);
  });

  it('spreads concurrent postings to a hot account over shards without losing any', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(
          db.db,
          {
            id: `hot:${i}`,
            kind: 'test.hot',
            reference: 'hot',
            postings: [dr(TREASURY, 3n, 'USD'), cr(CLEARING, 3n, 'USD')],
          },
          clock,
        ),
      ),
    );
    const shards = await db.db.execute<{ n: string }>(
      sql`SELECT count(*) AS n FROM ledger_balances WHERE account_key = ${CLEARING} AND credits_posted > 0`,
    );
    expect(Number(shards.rows[0]!.n)).toBeGreaterThan(1);
    const report = await verifyLedger(db.db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect((await trialBalance(db.db)).every((r) => r.balanced)).toBe(true);
  });
});
