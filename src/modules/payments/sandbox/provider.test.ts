import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.ts';
import type { Database } from '../../../db/database.ts';
import { ManualClock } from '../../../kernel/clock.ts';
import { newId } from '../../../kernel/ids.ts';
import { money } from '../../../money/index.ts';
import { query } from '../sql.ts';
import { MAX_ATTEMPTS } from './deliveries.ts';
import { SANDBOX_FAILING_DESTINATION } from './methods.ts';
import { createSandboxProvider, type SandboxProvider } from './provider.ts';
import { SANDBOX_SIGNATURE_HEADER, verifySandboxWebhook } from './webhook.ts';

const SECRET = 'whsec_sandbox_test';

describe('the sandbox payment provider', () => {
  let db: Database;
  let clock: ManualClock;
  let delivered: { body: string; headers: Record<string, string> }[];
  let responses: (number | Error)[];
  let sandbox: SandboxProvider;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    sandbox?.stop();
    await db.close();
  });
  beforeEach(async () => {
    // Each test starts from an empty provider so delivery counts are exact.
    await db.db.execute(
      sql`TRUNCATE sandbox_webhook_deliveries, sandbox_refunds, sandbox_payouts, sandbox_charges`,
    );
    clock = new ManualClock('2026-11-24T10:00:00Z');
    delivered = [];
    responses = [];
    sandbox = createSandboxProvider({
      db: db.db,
      clock,
      secret: SECRET,
      deliver: async (d) => {
        delivered.push(d);
        const next = responses.shift() ?? 200;
        if (next instanceof Error) throw next;
        return next;
      },
    });
  });

  const events = () =>
    delivered.map((d) =>
      verifySandboxWebhook(SECRET, d.body, d.headers[SANDBOX_SIGNATURE_HEADER], clock.now()),
    );
  const charge = (paymentMethod: string, amount = 12_345n, intentId = newId('pi')) =>
    sandbox.createCharge({ intentId, amount: money(amount, 'CNY'), paymentMethod, idempotencyKey: intentId });

  it('settles pm_card_ok asynchronously, only once the clock passes settleAfterMs', async () => {
    const intentId = newId('pi');
    const r = await charge('pm_card_ok', 12_345n, intentId);
    expect(r.status).toBe('pending');
    expect(await sandbox.processDue()).toBe(0);
    clock.advance(299);
    expect(await sandbox.processDue()).toBe(0);
    clock.advance(1);
    expect(await sandbox.processDue()).toBe(1);
    const [event] = events();
    expect(event).toMatchObject({
      type: 'charge.succeeded',
      objectId: intentId,
      providerRef: r.status === 'pending' ? r.providerRef : '',
      amount: { amount: 12_345n, currency: 'CNY' },
    });
    expect(event?.id).toMatch(/^evt_/);
    expect(event?.failureCode).toBeUndefined();
    expect(await sandbox.processDue()).toBe(0);
  });

  it('declines the declining test cards synchronously and never sends a webhook for them', async () => {
    expect(await charge('pm_card_declined')).toMatchObject({
      status: 'declined',
      declineCode: 'card_declined',
    });
    expect(await charge('pm_card_insufficient_funds')).toMatchObject({
      status: 'declined',
      declineCode: 'insufficient_funds',
    });
    expect(await charge('pm_visa_unknown')).toMatchObject({
      status: 'declined',
      declineCode: 'invalid_payment_method',
    });
    clock.advance(10_000);
    expect(await sandbox.processDue()).toBe(0);
  });

  it('answers a retried createCharge with the first result and refuses the key with other parameters', async () => {
    const intentId = newId('pi');
    const input = {
      intentId,
      amount: money(500n, 'JPY'),
      paymentMethod: 'pm_card_ok',
      idempotencyKey: intentId,
    };
    const first = await sandbox.createCharge(input);
    const again = await sandbox.createCharge(input);
    expect(again).toEqual(first);
    const rows = await query(db.db, sql`SELECT id FROM sandbox_charges WHERE intent_id = ${intentId}`);
    expect(rows).toHaveLength(1);
    await expect(sandbox.createCharge({ ...input, amount: money(501n, 'JPY') })).rejects.toMatchObject({
      code: 'payments.idempotency_mismatch',
    });
    const declinedKey = newId('pi');
    const d1 = await charge('pm_card_declined', 100n, declinedKey);
    const d2 = await charge('pm_card_declined', 100n, declinedKey);
    expect(d2).toEqual(d1);
    clock.advance(300);
    expect(await sandbox.processDue()).toBe(1);
  });

  it('accepts pm_card_fails_async and then reports charge.failed with processing_error', async () => {
    expect((await charge('pm_card_fails_async')).status).toBe('pending');
    clock.advance(300);
    await sandbox.processDue();
    expect(events()).toMatchObject([{ type: 'charge.failed', failureCode: 'processing_error' }]);
  });

  it('delivers the same event twice for pm_card_duplicate_webhook', async () => {
    await charge('pm_card_duplicate_webhook');
    clock.advance(300);
    expect(await sandbox.processDue()).toBe(2);
    const [a, b] = events();
    expect(a?.type).toBe('charge.succeeded');
    expect(b?.id).toBe(a?.id);
    expect(delivered[1]?.body).toBe(delivered[0]?.body);
  });

  it('retries a failed delivery with exponential backoff on the injected clock', async () => {
    await charge('pm_card_ok');
    clock.advance(300);
    responses.push(500, new Error('connection refused'), 503);
    expect(await sandbox.processDue()).toBe(1); // attempt 1: 500
    clock.advance(999);
    expect(await sandbox.processDue()).toBe(0);
    clock.advance(1);
    expect(await sandbox.processDue()).toBe(1); // attempt 2 after 1 s: thrown
    clock.advance(1_999);
    expect(await sandbox.processDue()).toBe(0);
    clock.advance(1);
    expect(await sandbox.processDue()).toBe(1); // attempt 3 after 2 s: 503
    clock.advance(3_999);
    expect(await sandbox.processDue()).toBe(0);
    clock.advance(1);
    expect(await sandbox.processDue()).toBe(1); // attempt 4 after 4 s: 200
    clock.advance(60_000);
    expect(await sandbox.processDue()).toBe(0);
    expect(delivered).toHaveLength(4);
    const [row] = await query<{ status: string; attempts: number; last_status: number }>(
      db.db,
      sql`SELECT status, attempts, last_status FROM sandbox_webhook_deliveries`,
    );
    expect(row).toEqual({ status: 'delivered', attempts: 4, last_status: 200 });
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    await charge('pm_card_ok');
    clock.advance(300);
    for (let i = 0; i < 20; i++) responses.push(500);
    let attempts = 0;
    for (let i = 0; i < 20; i++) {
      attempts += await sandbox.processDue();
      clock.advance(200_000);
    }
    expect(attempts).toBe(MAX_ATTEMPTS);
    const [row] = await query<{ status: string }>(db.db, sql`SELECT status FROM sandbox_webhook_deliveries`);
    expect(row?.status).toBe('failed');
  });

  it('refunds a settled charge up to its unrefunded amount, idempotently, with refund.succeeded', async () => {
    const intentId = newId('pi');
    const c = await charge('pm_card_ok', 1_000n, intentId);
    if (c.status !== 'pending') throw new Error('expected a pending charge');
    const refundId = newId('re');
    const input = {
      refundId,
      providerRef: c.providerRef,
      amount: money(400n, 'CNY'),
      idempotencyKey: refundId,
    };
    await expect(sandbox.refund(input)).rejects.toMatchObject({ code: 'payments.charge_not_settled' });
    clock.advance(300);
    await sandbox.processDue();
    const r1 = await sandbox.refund(input);
    expect(await sandbox.refund(input)).toEqual(r1); // a retry does not refund twice
    await expect(
      sandbox.refund({
        ...input,
        refundId: newId('re'),
        amount: money(601n, 'CNY'),
        idempotencyKey: 'other-key',
      }),
    ).rejects.toMatchObject({ code: 'payments.refund_exceeds_charge' });
    const rest = newId('re');
    await sandbox.refund({
      refundId: rest,
      providerRef: c.providerRef,
      amount: money(600n, 'CNY'),
      idempotencyKey: rest,
    });
    await expect(
      sandbox.refund({
        ...input,
        refundId: newId('re'),
        amount: money(1n, 'CNY'),
        idempotencyKey: 'one-more',
      }),
    ).rejects.toMatchObject({ code: 'payments.refund_exceeds_charge' });
    await expect(
      sandbox.refund({ ...input, providerRef: 'ch_missing', idempotencyKey: 'missing' }),
    ).rejects.toMatchObject({ code: 'payments.charge_not_found' });
    delivered = [];
    clock.advance(300);
    expect(await sandbox.processDue()).toBe(2);
    expect(
      events()
        .map((e) => [e.type, e.objectId, e.amount.amount])
        .sort(),
    ).toEqual(
      [
        ['refund.succeeded', refundId, 400n],
        ['refund.succeeded', rest, 600n],
      ].sort(),
    );
  });

  it('pays payouts out asynchronously with payout.paid, and fails a closed destination', async () => {
    const ok = newId('po');
    const bad = newId('po');
    const p = await sandbox.payout({
      payoutId: ok,
      amount: money(9_900n, 'USD'),
      destination: 'seller:a',
      idempotencyKey: ok,
    });
    expect(
      await sandbox.payout({
        payoutId: ok,
        amount: money(9_900n, 'USD'),
        destination: 'seller:a',
        idempotencyKey: ok,
      }),
    ).toEqual(p);
    await sandbox.payout({
      payoutId: bad,
      amount: money(100n, 'USD'),
      destination: SANDBOX_FAILING_DESTINATION,
      idempotencyKey: bad,
    });
    clock.advance(299);
    expect(await sandbox.processDue()).toBe(0);
    clock.advance(1);
    expect(await sandbox.processDue()).toBe(2);
    const byObject = new Map(events().map((e) => [e.objectId, e]));
    expect(byObject.get(ok)).toMatchObject({ type: 'payout.paid', providerRef: p.providerRef });
    expect(byObject.get(bad)).toMatchObject({ type: 'payout.failed', failureCode: 'account_closed' });
  });

  it('runs processDue on a timer once started, and stops', async () => {
    const timed = createSandboxProvider({
      db: db.db,
      clock,
      secret: SECRET,
      settleAfterMs: 0,
      deliver: async (d) => {
        delivered.push(d);
        return 204;
      },
    });
    await timed.createCharge({
      intentId: 'pi_timer',
      amount: money(1n, 'USD'),
      paymentMethod: 'pm_card_ok',
      idempotencyKey: 'timer-key',
    });
    timed.start(10);
    for (let i = 0; i < 200 && delivered.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    timed.stop();
    expect(events().map((e) => e.objectId)).toEqual(['pi_timer']);
  });
});
