import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { type CurrencyCode, money } from '../../money/index.ts';
import { accountBalance, trialBalance, verifyLedger } from '../ledger/index.ts';
import { captureIntent } from './capture-intent.ts';
import { completePayout } from './complete-payout.ts';
import { completeRefund } from './complete-refund.ts';
import { createPaymentIntent } from './create-payment-intent.ts';
import { failIntent } from './fail-intent.ts';
import { sellerMoney } from './queries.ts';
import { releaseEscrow } from './release-escrow.ts';
import { requestRefund } from './request-refund.ts';
import { runPayouts } from './run-payouts.ts';
import { createSandboxProvider } from './sandbox/provider.ts';
import { balanceOf } from './test-helpers.ts';

const CURRENCIES: CurrencyCode[] = ['CNY', 'HKD', 'TWD', 'JPY', 'KRW', 'SGD'];

const orderArb = fc.record({
  amount: fc.bigInt({ min: 1n, max: 10_000_000n }),
  seller: fc.integer({ min: 0, max: 2 }),
  outcome: fc.constantFrom('release' as const, 'refund' as const),
  customsPerMille: fc.bigInt({ min: 0n, max: 999n }),
  grossUsd: fc.bigInt({ min: 1n, max: 2_000_000n }),
  commissionPerMille: fc.bigInt({ min: 0n, max: 1000n }),
});
const intentArb = fc.record({
  currency: fc.constantFrom(...CURRENCIES),
  captured: fc.boolean(),
  orders: fc.array(orderArb, { minLength: 1, maxLength: 3 }),
});

type Step = () => Promise<void>;
type IntentSpec = typeof intentArb extends fc.Arbitrary<infer T> ? T : never;

describe('payments property: random orders and outcomes keep the ledger sound', () => {
  it('balances every currency, never lets a payable go negative, and returns every escrow to zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(intentArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        async (intents, picks) => {
          // Each run gets its own database (a template clone), so a failing run leaves nothing behind.
          const db: Database = await createTestDatabase();
          try {
            await scenario(db, intents, picks);
          } finally {
            await db.close();
          }
        },
      ),
      { numRuns: 20 },
    );
  }, 180_000);
});

async function scenario(db: Database, intents: IntentSpec[], picks: number[]): Promise<void> {
  const clock = new ManualClock();
  const ctx: Ctx = { db: db.db, clock };
  const provider = createSandboxProvider({
    db: db.db,
    clock,
    secret: 'prop',
    deliver: async () => 200,
  });
  const sellers = [newId('sel'), newId('sel'), newId('sel')];
  // The model: what the ledger must say.
  const psp = new Map<CurrencyCode, bigint>(CURRENCIES.map((c) => [c, 0n]));
  const payable = new Map<string, bigint>(sellers.map((s) => [s, 0n]));
  const escrowKeys: string[] = [];

  const lanes: Step[][] = intents.map((spec) => {
    const orders = spec.orders.map((o) => ({
      ...o,
      orderId: newId('ord'),
      sellerId: sellers[o.seller]!,
    }));
    const total = orders.reduce((a, o) => a + o.amount, 0n);
    let intentId = '';
    const steps: Step[] = [
      async () => {
        const intent = await inTransaction(db.db, (tx) =>
          createPaymentIntent(tx, clock, {
            checkoutId: newId('chk'),
            buyerId: newId('usr'),
            amount: money(total, spec.currency),
            paymentMethod: 'pm_card_ok',
            escrows: orders.map((o) => ({
              orderId: o.orderId,
              sellerId: o.sellerId,
              amount: money(o.amount, spec.currency),
            })),
          }),
        );
        intentId = intent.id;
        for (const o of orders) escrowKeys.push(`escrow:${o.orderId}:${spec.currency}`);
      },
    ];
    if (!spec.captured) {
      steps.push(async () => {
        await inTransaction(db.db, (tx) => failIntent(tx, clock, intentId, 'processing_error'));
      });
      return steps;
    }
    steps.push(async () => {
      await inTransaction(db.db, (tx) => captureIntent(tx, clock, intentId));
      psp.set(spec.currency, psp.get(spec.currency)! + total);
    });
    for (const o of orders) {
      if (o.outcome === 'release') {
        steps.push(async () => {
          const commission = (o.grossUsd * o.commissionPerMille) / 1000n;
          await inTransaction(db.db, (tx) =>
            releaseEscrow(tx, clock, {
              orderId: o.orderId,
              market: 'CN',
              customsRemittance: money((o.amount * o.customsPerMille) / 1000n, spec.currency),
              grossUsd: money(o.grossUsd, 'USD'),
              commissionUsd: money(commission, 'USD'),
              goodsUsd: money(o.grossUsd, 'USD'),
            }),
          );
          payable.set(o.sellerId, payable.get(o.sellerId)! + o.grossUsd - commission);
        });
      } else {
        let refundId = '';
        steps.push(async () => {
          refundId = (
            await inTransaction(db.db, (tx) => requestRefund(tx, clock, { orderId: o.orderId, reason: 'r' }))
          ).refundId;
        });
        steps.push(async () => {
          await inTransaction(db.db, (tx) => completeRefund(tx, clock, refundId));
          psp.set(spec.currency, psp.get(spec.currency)! - o.amount);
        });
      }
    }
    return steps;
  });
  // A payout lane runs between the orders' steps: pay what is owed, then settle the payouts.
  const payOut: Step = async () => {
    const made = await runPayouts(ctx, provider);
    for (const p of made) {
      expect(p.amount.amount).toBe(payable.get(p.sellerId));
      payable.set(p.sellerId, 0n);
    }
  };
  const settlePayouts: Step = async () => {
    for (const s of sellers) {
      for (const p of (await sellerMoney(db.db, s)).payouts) {
        if (p.status === 'pending') await inTransaction(db.db, (tx) => completePayout(tx, clock, p.id));
      }
    }
  };
  lanes.push([payOut, settlePayouts, payOut, settlePayouts]);

  const check = async () => {
    for (const row of await trialBalance(db.db)) expect(row.balanced, row.currency).toBe(true);
    for (const s of sellers) {
      const owed = await balanceOf(ctx, `seller_payable:${s}:USD`);
      expect(owed).toBeGreaterThanOrEqual(0n);
      expect(owed).toBe(payable.get(s));
    }
  };
  // Interleave the lanes as the picks say, then finish whatever is left in order.
  const cursor = lanes.map(() => 0);
  const live = () => lanes.map((_lane, i) => i).filter((i) => cursor[i]! < lanes[i]!.length);
  for (const pick of picks) {
    const open = live();
    if (open.length === 0) break;
    const lane = open[pick % open.length]!;
    await lanes[lane]![cursor[lane]!++]!();
    await check();
  }
  for (let open = live(); open.length > 0; open = live()) {
    const lane = open[0]!;
    await lanes[lane]![cursor[lane]!++]!();
    await check();
  }

  for (const key of escrowKeys) {
    const b = await accountBalance(db.db, key);
    expect(b, key).toMatchObject({ debitsPending: 0n, creditsPending: 0n, balance: { amount: 0n } });
  }
  for (const c of CURRENCIES) {
    expect(await balanceOf(ctx, `psp_receivable:${c}`)).toBe(psp.get(c));
    expect(await balanceOf(ctx, `refund_clearing:${c}`)).toBe(0n);
  }
  expect(await balanceOf(ctx, 'payout_clearing:USD')).toBe(0n);
  const report = await verifyLedger(db.db);
  expect(report.problems).toEqual([]);
}
