import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { conflict, invalid, notFound, unprocessable } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Money } from '../../../money/index.ts';
import { iso, moneyOf, query } from '../sql.ts';
import type { PaymentProvider } from '../types.ts';
import { type Deliver, deliverDue } from './deliveries.ts';
import { SANDBOX_METHODS } from './methods.ts';
import { settleDue } from './settle.ts';

export interface SandboxDeps {
  db: Db;
  clock: Clock;
  secret: string;
  deliver: Deliver;
  settleAfterMs?: number;
}

export type SandboxProvider = PaymentProvider & {
  processDue(): Promise<number>;
  start(intervalMs?: number): void;
  stop(): void;
};

const mismatch = (what: string) =>
  unprocessable(
    'payments.idempotency_mismatch',
    `This idempotency key was used for a different ${what}; use a new key for a new request.`,
  );

function assertPositive(m: Money): void {
  if (m.amount <= 0n) throw invalid('payments.invalid_amount', 'An amount must be positive.');
}

interface ChargeRow extends Record<string, unknown> {
  id: string;
  intent_id: string;
  amount: string;
  currency: string;
  payment_method: string;
  status: string;
  decline_code: string | null;
  refunded_amount: string;
}

/**
 * A payment provider inside Heartland that behaves like an external one: its own tables,
 * Stripe-style idempotency keys, asynchronous settlement on the injected clock, signed
 * webhooks delivered with retries and exponential backoff.
 */
export function createSandboxProvider(deps: SandboxDeps): SandboxProvider {
  const { db, clock } = deps;
  const settleAfterMs = deps.settleAfterMs ?? 300;
  const settleAt = () => iso(new Date(clock.now().getTime() + settleAfterMs));
  let timer: NodeJS.Timeout | undefined;
  let running = false;

  async function createCharge(input: Parameters<PaymentProvider['createCharge']>[0]) {
    assertPositive(input.amount);
    const method = SANDBOX_METHODS[input.paymentMethod];
    const decline = method
      ? method.decline
      : { code: 'invalid_payment_method', message: 'Unknown payment method.' };
    const now = iso(clock.now());
    const [inserted] = await query<ChargeRow>(
      db,
      sql`INSERT INTO sandbox_charges
        (id, idempotency_key, intent_id, amount, currency, payment_method, status, decline_code, settle_at, created_at)
      VALUES (${newId('ch')}, ${input.idempotencyKey}, ${input.intentId}, ${input.amount.amount.toString()}::bigint,
        ${input.amount.currency}, ${input.paymentMethod}, ${decline ? 'declined' : 'pending'}, ${decline?.code ?? null},
        ${decline ? null : settleAt()}::timestamptz, ${now}::timestamptz)
      ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
    );
    // Whether this call inserted or a retry found the first one, the stored charge is the answer.
    const [row] = inserted
      ? [inserted]
      : await query<ChargeRow>(
          db,
          sql`SELECT * FROM sandbox_charges WHERE idempotency_key = ${input.idempotencyKey}`,
        );
    if (!row) throw new Error('sandbox charge vanished after insert');
    if (
      row.intent_id !== input.intentId ||
      BigInt(row.amount) !== input.amount.amount ||
      row.currency !== input.amount.currency ||
      row.payment_method !== input.paymentMethod
    ) {
      throw mismatch('charge');
    }
    if (row.status === 'declined') {
      const known = SANDBOX_METHODS[row.payment_method]?.decline;
      return {
        status: 'declined' as const,
        declineCode: row.decline_code ?? 'card_declined',
        message: known?.message ?? 'Unknown payment method.',
      };
    }
    return { status: 'pending' as const, providerRef: row.id };
  }

  async function refund(input: Parameters<PaymentProvider['refund']>[0]) {
    assertPositive(input.amount);
    return inTransaction(db, async (tx) => {
      const replay = async () => {
        const [r] = await query<{
          id: string;
          refund_id: string;
          charge_id: string;
          amount: string;
          currency: string;
        }>(
          tx,
          sql`SELECT id, refund_id, charge_id, amount, currency FROM sandbox_refunds WHERE idempotency_key = ${input.idempotencyKey}`,
        );
        if (!r) return null;
        if (
          r.refund_id !== input.refundId ||
          r.charge_id !== input.providerRef ||
          BigInt(r.amount) !== input.amount.amount ||
          r.currency !== input.amount.currency
        ) {
          throw mismatch('refund');
        }
        return { status: 'pending' as const, providerRef: r.id };
      };
      const earlier = await replay();
      if (earlier) return earlier;
      const [charge] = await query<ChargeRow>(
        tx,
        sql`SELECT * FROM sandbox_charges WHERE id = ${input.providerRef} FOR UPDATE`,
      );
      if (!charge) throw notFound('payments.charge_not_found', 'The provider has no such charge.');
      if (charge.status !== 'succeeded') {
        throw conflict('payments.charge_not_settled', 'Only a settled charge can be refunded.', {
          chargeStatus: charge.status,
        });
      }
      if (charge.currency !== input.amount.currency) {
        throw invalid('payments.currency_mismatch', 'A refund is made in the currency of its charge.');
      }
      const unrefunded = moneyOf(BigInt(charge.amount) - BigInt(charge.refunded_amount), charge.currency);
      if (input.amount.amount > unrefunded.amount) {
        throw unprocessable(
          'payments.refund_exceeds_charge',
          "The refund is more than the charge's unrefunded amount.",
          {
            unrefunded: unrefunded.amount.toString(),
          },
        );
      }
      const inserted = await query<{ id: string }>(
        tx,
        sql`INSERT INTO sandbox_refunds (id, idempotency_key, refund_id, charge_id, amount, currency, status, settle_at, created_at)
          VALUES (${newId('rf')}, ${input.idempotencyKey}, ${input.refundId}, ${charge.id}, ${input.amount.amount.toString()}::bigint,
            ${input.amount.currency}, 'pending', ${settleAt()}::timestamptz, ${iso(clock.now())}::timestamptz)
          ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      );
      const created = inserted[0];
      if (!created) {
        const raced = await replay();
        if (!raced) throw new Error('sandbox refund vanished after insert');
        return raced;
      }
      await tx.execute(sql`UPDATE sandbox_charges SET refunded_amount = refunded_amount + ${input.amount.amount.toString()}::bigint
        WHERE id = ${charge.id}`);
      return { status: 'pending' as const, providerRef: created.id };
    });
  }

  async function payout(input: Parameters<PaymentProvider['payout']>[0]) {
    assertPositive(input.amount);
    await db.execute(sql`INSERT INTO sandbox_payouts (id, idempotency_key, payout_id, amount, currency, destination, status, settle_at, created_at)
      VALUES (${newId('pout')}, ${input.idempotencyKey}, ${input.payoutId}, ${input.amount.amount.toString()}::bigint,
        ${input.amount.currency}, ${input.destination}, 'pending', ${settleAt()}::timestamptz, ${iso(clock.now())}::timestamptz)
      ON CONFLICT (idempotency_key) DO NOTHING`);
    const [row] = await query<{
      id: string;
      payout_id: string;
      amount: string;
      currency: string;
      destination: string;
    }>(
      db,
      sql`SELECT id, payout_id, amount, currency, destination FROM sandbox_payouts WHERE idempotency_key = ${input.idempotencyKey}`,
    );
    if (!row) throw new Error('sandbox payout vanished after insert');
    if (
      row.payout_id !== input.payoutId ||
      BigInt(row.amount) !== input.amount.amount ||
      row.currency !== input.amount.currency ||
      row.destination !== input.destination
    ) {
      throw mismatch('payout');
    }
    return { status: 'pending' as const, providerRef: row.id };
  }

  async function processDue(): Promise<number> {
    await settleDue(db, clock.now());
    return deliverDue(db, clock, deps.secret, deps.deliver);
  }

  return {
    name: 'sandbox',
    createCharge,
    refund,
    payout,
    processDue,
    start(intervalMs = 250) {
      if (timer) return;
      timer = setInterval(() => {
        if (running) return;
        running = true;
        processDue()
          .catch(() => {
            // A failed pass (database restarting, shutdown) is retried on the next tick.
          })
          .finally(() => {
            running = false;
          });
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
