import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { ManualClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { money } from '../../money/index.ts';
import { accountBalance } from '../ledger/index.ts';
import {
  captureIntent,
  createPaymentIntent,
  escrowForOrder,
  failIntent,
  getIntent,
  intentForCheckout,
  releaseEscrow,
  requestRefund,
  runPayouts,
  sellerMoney,
  submitPaymentIntent,
  submitRefund,
} from './index.ts';
import type { SandboxProvider } from './sandbox/provider.ts';
import { balanceOf, type Harness, makeHarness } from './test-helpers.ts';

describe('payments: intents, escrow, refunds and payouts', () => {
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

  it('authorize → capture → release → payout → paid, with exact balances at each step', async () => {
    const s1 = newId('sel');
    const s2 = newId('sel');
    const intent = await checkout('pm_card_ok', [
      { sellerId: s1, amount: 10_000n },
      { sellerId: s2, amount: 5_000n },
    ]);
    const a = intent.escrows.find((e) => e.sellerId === s1);
    if (!a) throw new Error("seller 1's escrow expected");
    expect(intent).toMatchObject({
      status: 'processing',
      amount: { amount: 15_000n, currency: 'CNY' },
      providerRef: null,
    });
    expect(intent.escrows.map((e) => e.status)).toEqual(['authorized', 'authorized']);
    const psp = await accountBalance(db.db, 'psp_receivable:CNY');
    expect(psp).toMatchObject({ debitsPending: 15_000n, debitsPosted: 0n, balance: { amount: 0n } });
    expect(await accountBalance(db.db, `escrow:${a.orderId}:CNY`)).toMatchObject({ creditsPending: 10_000n });
    expect(await intentForCheckout(db.db, intent.checkoutId)).toEqual(intent);

    expect(await submitPaymentIntent(ctx, sandbox, intent.id)).toEqual({ status: 'processing' });
    expect((await getIntent(db.db, intent.id)).providerRef).toMatch(/^ch_/);
    const events = await settle();
    expect(events.map((e) => [e.event.type, e.outcome])).toEqual([['charge.succeeded', 'new']]);
    const captured = await getIntent(db.db, intent.id);
    expect(captured.status).toBe('succeeded');
    expect(captured.escrows.map((e) => e.status)).toEqual(['held', 'held']);
    expect(await accountBalance(db.db, 'psp_receivable:CNY')).toMatchObject({
      debitsPending: 0n,
      balance: { amount: 15_000n },
    });
    expect(await balanceOf(ctx, `escrow:${a.orderId}:CNY`)).toBe(10_000n);
    await expectLedgerSound();

    // 10,000 CNY: 1,200 duties and taxes to customs; 8,800 converted to 1,227 USD; 8% commission 98.
    const release = {
      orderId: a.orderId,
      market: 'CN',
      customsRemittance: money(1_200n, 'CNY'),
      grossUsd: money(1_227n, 'USD'),
      commissionUsd: money(98n, 'USD'),
      goodsUsd: money(1_227n, 'USD'),
    };
    expect(await inTransaction(db.db, (tx) => releaseEscrow(tx, clock, release))).toEqual({ changed: true });
    expect(await inTransaction(db.db, (tx) => releaseEscrow(tx, clock, release))).toEqual({ changed: false });
    expect(await balanceOf(ctx, `escrow:${a.orderId}:CNY`)).toBe(0n);
    expect(await balanceOf(ctx, 'customs_remittance:CN:CNY')).toBe(1_200n);
    expect(await balanceOf(ctx, 'fx_position:CNY')).toBe(-8_800n);
    expect(await balanceOf(ctx, 'fx_position:USD')).toBe(1_227n);
    expect(await balanceOf(ctx, `seller_payable:${s1}:USD`)).toBe(1_129n);
    expect(await balanceOf(ctx, 'platform_revenue:USD')).toBe(98n);
    expect(await escrowForOrder(db.db, a.orderId)).toMatchObject({ status: 'released' });
    expect(await sellerMoney(db.db, s1)).toMatchObject({
      escrowHeld: [],
      payable: { amount: 1_129n },
      payouts: [],
    });
    expect((await sellerMoney(db.db, s2)).escrowHeld).toEqual([{ amount: 5_000n, currency: 'CNY' }]);
    await expectLedgerSound();

    const run = await runPayouts(ctx, sandbox);
    expect(run).toEqual([
      { payoutId: expect.stringMatching(/^po_/), sellerId: s1, amount: money(1_129n, 'USD') },
    ]);
    expect(await runPayouts(ctx, sandbox)).toEqual([]);
    expect(await balanceOf(ctx, `seller_payable:${s1}:USD`)).toBe(0n);
    expect(await balanceOf(ctx, 'payout_clearing:USD')).toBe(1_129n);
    expect((await sellerMoney(db.db, s1)).payouts).toMatchObject([
      { status: 'pending', amount: { amount: 1_129n } },
    ]);

    const paid = await settle();
    expect(paid.map((e) => e.event.type)).toEqual(['payout.paid']);
    expect(await balanceOf(ctx, 'payout_clearing:USD')).toBe(0n);
    expect(await balanceOf(ctx, 'treasury:USD')).toBe(-1_129n);
    expect(await sellerMoney(db.db, s1)).toMatchObject({
      payable: { amount: 0n },
      paidOut: { amount: 1_129n, currency: 'USD' },
      payouts: [{ status: 'paid' }],
    });
    await expectLedgerSound();
  });

  it('captures once when the provider delivers charge.succeeded twice', async () => {
    const intent = await checkout('pm_card_duplicate_webhook', [{ sellerId: newId('sel'), amount: 777n }]);
    await submitPaymentIntent(ctx, sandbox, intent.id);
    const applied = await settle();
    expect(applied.map((e) => e.outcome)).toEqual(['new', 'duplicate']);
    expect(applied[0]?.event.id).toBe(applied[1]?.event.id);
    // Even without the event dedupe, a second capture changes nothing.
    expect(await inTransaction(db.db, (tx) => captureIntent(tx, clock, intent.id))).toEqual({
      changed: false,
      orderIds: [intent.escrows[0]?.orderId],
    });
    expect(await accountBalance(db.db, 'psp_receivable:CNY')).toMatchObject({
      debitsPosted: 777n,
      debitsPending: 0n,
    });
    await expectLedgerSound();
  });

  it('voids the hold when the charge fails asynchronously or is declined', async () => {
    const late = await checkout('pm_card_fails_async', [{ sellerId: newId('sel'), amount: 1_000n }], 'JPY');
    await submitPaymentIntent(ctx, sandbox, late.id);
    expect((await settle()).map((e) => e.event.type)).toEqual(['charge.failed']);
    expect(await getIntent(db.db, late.id)).toMatchObject({
      status: 'failed',
      failureCode: 'processing_error',
    });
    expect((await getIntent(db.db, late.id)).escrows.map((e) => e.status)).toEqual(['voided']);

    const declined = await checkout('pm_card_declined', [{ sellerId: newId('sel'), amount: 2_000n }], 'JPY');
    const result = await submitPaymentIntent(ctx, sandbox, declined.id);
    expect(result).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
    const failed = await inTransaction(db.db, (tx) => failIntent(tx, clock, declined.id, 'card_declined'));
    expect(failed).toEqual({ changed: true, orderIds: [declined.escrows[0]?.orderId] });
    expect(
      await inTransaction(db.db, (tx) => failIntent(tx, clock, declined.id, 'card_declined')),
    ).toMatchObject({
      changed: false,
    });
    await expect(inTransaction(db.db, (tx) => captureIntent(tx, clock, declined.id))).rejects.toMatchObject({
      code: 'payments.intent_failed',
    });
    await expect(submitPaymentIntent(ctx, sandbox, declined.id)).rejects.toMatchObject({
      code: 'payments.intent_not_processing',
    });
    expect(await accountBalance(db.db, 'psp_receivable:JPY')).toMatchObject({
      debitsPending: 0n,
      debitsPosted: 0n,
      creditsPending: 0n,
      creditsPosted: 0n,
    });
    expect(await accountBalance(db.db, `escrow:${late.escrows[0]?.orderId}:JPY`)).toMatchObject({
      creditsPending: 0n,
      creditsPosted: 0n,
    });
    await expectLedgerSound();
  });

  it('refunds a held escrow: escrow back to zero and the money back off the PSP receivable', async () => {
    const sellerId = newId('sel');
    const intent = await checkout('pm_card_ok', [{ sellerId, amount: 4_321n }], 'HKD');
    const orderId = intent.escrows[0]!.orderId;
    await submitPaymentIntent(ctx, sandbox, intent.id);
    await settle();
    const refund = await inTransaction(db.db, (tx) =>
      requestRefund(tx, clock, { orderId, reason: 'Not as described' }),
    );
    expect(refund).toMatchObject({ amount: money(4_321n, 'HKD'), providerRef: null, created: true });
    const again = await inTransaction(db.db, (tx) => requestRefund(tx, clock, { orderId, reason: 'again' }));
    expect(again).toMatchObject({ refundId: refund.refundId, created: false });
    expect(await escrowForOrder(db.db, orderId)).toMatchObject({ status: 'refund_pending' });
    expect(await balanceOf(ctx, `escrow:${orderId}:HKD`)).toBe(0n);
    expect(await balanceOf(ctx, 'refund_clearing:HKD')).toBe(4_321n);
    expect((await sellerMoney(db.db, sellerId)).escrowHeld).toEqual([]);

    await submitRefund(ctx, sandbox, refund.refundId);
    await submitRefund(ctx, sandbox, refund.refundId);
    const applied = await settle();
    expect(applied.map((e) => [e.event.type, e.event.objectId])).toEqual([
      ['refund.succeeded', refund.refundId],
    ]);
    expect(await escrowForOrder(db.db, orderId)).toMatchObject({ status: 'refunded' });
    expect(await balanceOf(ctx, 'refund_clearing:HKD')).toBe(0n);
    expect(await accountBalance(db.db, 'psp_receivable:HKD')).toMatchObject({
      debitsPosted: 4_321n,
      creditsPosted: 4_321n,
      balance: { amount: 0n },
    });
    await expectLedgerSound();
  });

  it('refuses release and refund unless the escrow is held', async () => {
    const intent = await checkout('pm_card_ok', [{ sellerId: newId('sel'), amount: 900n }]);
    const orderId = intent.escrows[0]!.orderId;
    const release = {
      orderId,
      market: 'CN',
      customsRemittance: money(0n, 'CNY'),
      grossUsd: money(120n, 'USD'),
      commissionUsd: money(10n, 'USD'),
      goodsUsd: money(100n, 'USD'),
    };
    await expect(inTransaction(db.db, (tx) => releaseEscrow(tx, clock, release))).rejects.toMatchObject({
      code: 'payments.escrow_not_held',
      kind: 'conflict',
    });
    await expect(
      inTransaction(db.db, (tx) => requestRefund(tx, clock, { orderId, reason: 'changed my mind' })),
    ).rejects.toMatchObject({ code: 'payments.escrow_not_held' });
    await inTransaction(db.db, (tx) => captureIntent(tx, clock, intent.id));
    await expect(
      inTransaction(db.db, (tx) =>
        releaseEscrow(tx, clock, { ...release, customsRemittance: money(900n, 'CNY') }),
      ),
    ).rejects.toMatchObject({ code: 'payments.invalid_customs_remittance' });
    await inTransaction(db.db, (tx) => requestRefund(tx, clock, { orderId, reason: 'changed my mind' }));
    await expect(inTransaction(db.db, (tx) => releaseEscrow(tx, clock, release))).rejects.toMatchObject({
      code: 'payments.escrow_not_held',
    });
    await expectLedgerSound();
  });

  it('validates a new intent and answers a retried checkout with the same intent', async () => {
    const sellerId = newId('sel');
    const orderId = newId('ord');
    const input = {
      checkoutId: newId('chk'),
      buyerId: newId('usr'),
      amount: money(1_000n, 'SGD'),
      paymentMethod: 'pm_card_ok',
      escrows: [{ orderId, sellerId, amount: money(1_000n, 'SGD') }],
    };
    await expect(
      inTransaction(db.db, (tx) => createPaymentIntent(tx, clock, { ...input, amount: money(999n, 'SGD') })),
    ).rejects.toMatchObject({ code: 'payments.escrow_sum_mismatch' });
    await expect(
      inTransaction(db.db, (tx) =>
        createPaymentIntent(tx, clock, {
          ...input,
          escrows: [{ orderId, sellerId, amount: money(1_000n, 'USD') }],
        }),
      ),
    ).rejects.toMatchObject({ code: 'payments.currency_mismatch' });
    const first = await inTransaction(db.db, (tx) => createPaymentIntent(tx, clock, input));
    const retry = await inTransaction(db.db, (tx) => createPaymentIntent(tx, clock, input));
    expect(retry).toEqual(first);
    await expect(
      inTransaction(db.db, (tx) =>
        createPaymentIntent(tx, clock, { ...input, paymentMethod: 'pm_card_declined' }),
      ),
    ).rejects.toMatchObject({ code: 'payments.checkout_has_intent' });
    await expect(
      inTransaction(db.db, (tx) => createPaymentIntent(tx, clock, { ...input, checkoutId: newId('chk') })),
    ).rejects.toMatchObject({ code: 'payments.order_has_escrow' });
    expect(await accountBalance(db.db, 'psp_receivable:SGD')).toMatchObject({ debitsPending: 1_000n });
  });
});
