import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ManualClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { money } from '../../money/index.ts';
import { accountBalance } from '../ledger/index.ts';
import { captureIntent, failPayout, releaseEscrow, runPayouts, sellerMoney } from './index.ts';
import type { SandboxProvider } from './sandbox/provider.ts';
import { balanceOf, type Harness, makeHarness } from './test-helpers.ts';

describe('payouts', () => {
  let h: Harness;
  let db: Database;
  let ctx: Ctx;
  let clock: ManualClock;
  let sandbox: SandboxProvider;
  beforeEach(async () => {
    h = await makeHarness();
    ({ db, ctx, clock, sandbox } = h);
  });
  afterEach(() => h.close());
  const settle = () => h.settle();
  const checkout: Harness['checkout'] = (...args) => h.checkout(...args);
  const expectLedgerSound = () => h.expectLedgerSound();

  it('owes the seller again when a payout fails', async () => {
    const sellerId = newId('sel');
    const intent = await checkout('pm_card_ok', [{ sellerId, amount: 7_000n }]);
    await inTransaction(db.db, (tx) => captureIntent(tx, clock, intent.id));
    await inTransaction(db.db, (tx) =>
      releaseEscrow(tx, clock, {
        orderId: intent.escrows[0]!.orderId,
        market: 'CN',
        customsRemittance: money(700n, 'CNY'),
        grossUsd: money(880n, 'USD'),
        commissionUsd: money(70n, 'USD'),
        goodsUsd: money(800n, 'USD'),
      }),
    );
    const [payout] = await runPayouts(ctx, sandbox);
    if (!payout) throw new Error('a payout was expected');
    expect(await balanceOf(ctx, `seller_payable:${sellerId}:USD`)).toBe(0n);
    expect(
      await inTransaction(db.db, (tx) => failPayout(tx, clock, payout.payoutId, 'account_closed')),
    ).toEqual({
      changed: true,
    });
    expect(await balanceOf(ctx, `seller_payable:${sellerId}:USD`)).toBe(810n);
    expect(await balanceOf(ctx, 'payout_clearing:USD')).toBe(0n);
    expect((await sellerMoney(db.db, sellerId)).payouts).toMatchObject([{ status: 'failed' }]);
    const [retry] = await runPayouts(ctx, sandbox);
    expect(retry).toMatchObject({ sellerId, amount: money(810n, 'USD') });
    await expectLedgerSound();
  });

  it('applies concurrent duplicate captures once and pays a seller once under concurrent payout runs', async () => {
    const sellerId = newId('sel');
    const intent = await checkout('pm_card_ok', [{ sellerId, amount: 5_000n }]);
    const captures = await Promise.all([
      inTransaction(db.db, (tx) => captureIntent(tx, clock, intent.id)),
      inTransaction(db.db, (tx) => captureIntent(tx, clock, intent.id)),
    ]);
    expect(captures.map((c) => c.changed).sort()).toEqual([false, true]);
    expect(await accountBalance(db.db, 'psp_receivable:CNY')).toMatchObject({ debitsPosted: 5_000n });
    await inTransaction(db.db, (tx) =>
      releaseEscrow(tx, clock, {
        orderId: intent.escrows[0]!.orderId,
        market: 'CN',
        customsRemittance: money(500n, 'CNY'),
        grossUsd: money(620n, 'USD'),
        commissionUsd: money(50n, 'USD'),
        goodsUsd: money(600n, 'USD'),
      }),
    );
    const runs = await Promise.all([
      runPayouts(ctx, sandbox),
      runPayouts(ctx, sandbox),
      runPayouts(ctx, sandbox),
    ]);
    expect(runs.flat()).toEqual([{ payoutId: expect.any(String), sellerId, amount: money(570n, 'USD') }]);
    expect(await balanceOf(ctx, `seller_payable:${sellerId}:USD`)).toBe(0n);
    await expectLedgerSound();
  });

  it('keeps a payout the provider could not take and submits it on the next run', async () => {
    const sellerId = newId('sel');
    const intent = await checkout('pm_card_ok', [{ sellerId, amount: 2_000n }]);
    await inTransaction(db.db, (tx) => captureIntent(tx, clock, intent.id));
    await inTransaction(db.db, (tx) =>
      releaseEscrow(tx, clock, {
        orderId: intent.escrows[0]!.orderId,
        market: 'CN',
        customsRemittance: money(0n, 'CNY'),
        grossUsd: money(280n, 'USD'),
        commissionUsd: money(0n, 'USD'),
        goodsUsd: money(250n, 'USD'),
      }),
    );
    const down = {
      ...sandbox,
      payout: async () => {
        throw new Error('provider timeout');
      },
    };
    await expect(runPayouts(ctx, down)).rejects.toMatchObject({ code: 'payments.provider_unavailable' });
    expect(await balanceOf(ctx, `seller_payable:${sellerId}:USD`)).toBe(0n);
    expect(await runPayouts(ctx, sandbox)).toEqual([]);
    const paid = await settle();
    expect(paid.map((e) => [e.event.type, e.event.amount.amount])).toEqual([['payout.paid', 280n]]);
    expect(await sellerMoney(db.db, sellerId)).toMatchObject({
      paidOut: { amount: 280n },
      payouts: [{ status: 'paid' }],
    });
    await expectLedgerSound();
  });
});
