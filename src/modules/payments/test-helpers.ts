import { expect } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ManualClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { type CurrencyCode, money } from '../../money/index.ts';
import { accountBalance, trialBalance, verifyLedger } from '../ledger/index.ts';
import { captureIntent } from './capture-intent.ts';
import { completePayout, failPayout } from './complete-payout.ts';
import { completeRefund } from './complete-refund.ts';
import { createPaymentIntent } from './create-payment-intent.ts';
import { failIntent } from './fail-intent.ts';
import { recordWebhookEvent } from './record-webhook-event.ts';
import { createSandboxProvider, type SandboxProvider } from './sandbox/provider.ts';
import { SANDBOX_SIGNATURE_HEADER, verifySandboxWebhook } from './sandbox/webhook.ts';
import type { PaymentEvent, PaymentIntentView } from './types.ts';

/** Tests only: the posted balance of a ledger account on its normal side, 0 when it does not exist. */
export async function balanceOf(ctx: Ctx, key: string): Promise<bigint> {
  return (await accountBalance(ctx.db, key))?.balance.amount ?? 0n;
}

/**
 * Tests only: what the lead's webhook route does with a sandbox delivery, minus orders and
 * stock — verify, dedupe and apply in one transaction. Returns the event and whether it was new.
 */
export async function applyDelivery(
  ctx: Ctx,
  secret: string,
  delivery: { body: string; headers: Record<string, string> },
): Promise<{ event: PaymentEvent; outcome: 'new' | 'duplicate' }> {
  const event = verifySandboxWebhook(
    secret,
    delivery.body,
    delivery.headers[SANDBOX_SIGNATURE_HEADER],
    ctx.clock.now(),
  );
  const outcome = await inTransaction(ctx.db, async (tx) => {
    if ((await recordWebhookEvent(tx, 'sandbox', event)) === 'duplicate') return 'duplicate' as const;
    if (event.type === 'charge.succeeded') await captureIntent(tx, ctx.clock, event.objectId);
    else if (event.type === 'charge.failed')
      await failIntent(tx, ctx.clock, event.objectId, event.failureCode ?? 'failed');
    else if (event.type === 'refund.succeeded') await completeRefund(tx, ctx.clock, event.objectId);
    else if (event.type === 'payout.paid') await completePayout(tx, ctx.clock, event.objectId);
    else if (event.type === 'payout.failed')
      await failPayout(tx, ctx.clock, event.objectId, event.failureCode ?? 'failed');
    return 'new' as const;
  });
  return { event, outcome };
}

/** Tests only: a fresh database, a manual clock and a sandbox whose webhooks the test applies itself. */
export interface Harness {
  db: Database;
  ctx: Ctx;
  clock: ManualClock;
  sandbox: SandboxProvider;
  /** Lets the provider settle (300 ms), then applies every webhook it delivered. */
  settle(): Promise<{ event: PaymentEvent; outcome: 'new' | 'duplicate' }[]>;
  /** A checkout's payment intent: one order per part, all in one currency. */
  checkout(
    paymentMethod: string,
    parts: { sellerId: string; amount: bigint }[],
    currency?: CurrencyCode,
  ): Promise<PaymentIntentView>;
  /** Trial balance balanced in every currency and verifyLedger clean. */
  expectLedgerSound(): Promise<void>;
  close(): Promise<void>;
}

export const HARNESS_SECRET = 'whsec_payments_test';

export async function makeHarness(): Promise<Harness> {
  const db = await createTestDatabase();
  const clock = new ManualClock('2026-11-24T10:00:00Z');
  const ctx: Ctx = { db: db.db, clock };
  let deliveries: { body: string; headers: Record<string, string> }[] = [];
  const sandbox = createSandboxProvider({
    db: db.db,
    clock,
    secret: HARNESS_SECRET,
    deliver: async (d) => {
      deliveries.push(d);
      return 200;
    },
  });
  return {
    db,
    ctx,
    clock,
    sandbox,
    async settle() {
      clock.advance(300);
      deliveries = [];
      await sandbox.processDue();
      const applied = [];
      for (const d of deliveries) applied.push(await applyDelivery(ctx, HARNESS_SECRET, d));
      return applied;
    },
    checkout(paymentMethod, parts, currency = 'CNY') {
      const escrows = parts.map((p) => ({
        orderId: newId('ord'),
        sellerId: p.sellerId,
        amount: money(p.amount, currency),
      }));
      const total = escrows.reduce((a, e) => a + e.amount.amount, 0n);
      return inTransaction(db.db, (tx) =>
        createPaymentIntent(tx, clock, {
          checkoutId: newId('chk'),
          buyerId: newId('usr'),
          amount: money(total, currency),
          paymentMethod,
          escrows,
        }),
      );
    },
    async expectLedgerSound() {
      for (const row of await trialBalance(db.db))
        expect(row, row.currency).toMatchObject({ balanced: true });
      const report = await verifyLedger(db.db);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
    },
    close: () => db.close(),
  };
}
