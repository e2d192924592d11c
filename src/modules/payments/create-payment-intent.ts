import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { type Money, sum } from '../../money/index.ts';
import { ensureAccounts, postEntry } from '../ledger/index.ts';
import { accounts } from './accounts.ts';
import { intentForCheckout } from './queries.ts';
import { iso, query } from './sql.ts';
import type { PaymentIntentView } from './types.ts';

export interface CreatePaymentIntentInput {
  checkoutId: string;
  buyerId: string;
  amount: Money;
  paymentMethod: string;
  escrows: { orderId: string; sellerId: string; amount: Money }[];
}

function validate(input: CreatePaymentIntentInput): void {
  if (input.amount.amount <= 0n)
    throw invalid('payments.invalid_amount', 'A payment must be for a positive amount.');
  if (input.escrows.length === 0)
    throw invalid('payments.no_escrows', 'A payment must fund at least one order.');
  if (!input.paymentMethod || input.paymentMethod.length > 100) {
    throw invalid('payments.invalid_payment_method', 'A payment method is required.');
  }
  const orders = new Set<string>();
  for (const e of input.escrows) {
    if (e.amount.currency !== input.amount.currency) {
      throw invalid('payments.currency_mismatch', 'Every escrow is in the currency of its payment.', {
        orderId: e.orderId,
      });
    }
    if (e.amount.amount <= 0n)
      throw invalid('payments.invalid_amount', 'An escrow must be positive.', { orderId: e.orderId });
    if (orders.has(e.orderId))
      throw invalid('payments.duplicate_order', 'An order appears twice.', { orderId: e.orderId });
    orders.add(e.orderId);
  }
  const total = sum(
    input.escrows.map((e) => e.amount),
    input.amount.currency,
  );
  if (total.amount !== input.amount.amount) {
    throw invalid('payments.escrow_sum_mismatch', 'The escrows must add up to the payment amount.', {
      amount: input.amount.amount.toString(),
      escrowTotal: total.amount.toString(),
    });
  }
}

function sameRequest(existing: PaymentIntentView, input: CreatePaymentIntentInput): boolean {
  const want = [...input.escrows].sort((a, b) => (a.orderId < b.orderId ? -1 : 1));
  return (
    existing.buyerId === input.buyerId &&
    existing.amount.amount === input.amount.amount &&
    existing.amount.currency === input.amount.currency &&
    existing.paymentMethod === input.paymentMethod &&
    existing.escrows.length === want.length &&
    existing.escrows.every(
      (e, i) =>
        e.orderId === want[i]?.orderId &&
        e.sellerId === want[i]?.sellerId &&
        e.amount.amount === want[i]?.amount.amount,
    )
  );
}

/**
 * In the checkout transaction: the intent (processing), one escrow per order (authorized), the
 * escrow accounts and the ledger hold 'authorize:<intentId>' — Dr psp_receivable / Cr each
 * order's escrow, pending until the charge settles. A retry for the same checkout returns the
 * intent it made the first time.
 */
export async function createPaymentIntent(
  tx: Db,
  clock: Clock,
  input: CreatePaymentIntentInput,
): Promise<PaymentIntentView> {
  validate(input);
  const id = newId('pi');
  const now = iso(clock.now());
  const currency = input.amount.currency;
  const inserted = await query<{ id: string }>(
    tx,
    sql`INSERT INTO payment_intents (id, checkout_id, buyer_id, amount, currency, payment_method, status, created_at, updated_at)
        VALUES (${id}, ${input.checkoutId}, ${input.buyerId}, ${input.amount.amount.toString()}::bigint, ${currency},
          ${input.paymentMethod}, 'processing', ${now}::timestamptz, ${now}::timestamptz)
        ON CONFLICT (checkout_id) DO NOTHING RETURNING id`,
  );
  if (inserted.length === 0) {
    const existing = await intentForCheckout(tx, input.checkoutId);
    if (existing && sameRequest(existing, input)) return existing;
    throw conflict('payments.checkout_has_intent', 'This checkout already has a different payment.', {
      checkoutId: input.checkoutId,
    });
  }
  // One statement for every order's escrow, however many sellers the checkout split into.
  const made = await query<{ order_id: string }>(
    tx,
    sql`INSERT INTO escrows (order_id, intent_id, seller_id, buyer_id, amount, currency, status, created_at, updated_at)
        VALUES ${sql.join(
          input.escrows.map(
            (
              e,
            ) => sql`(${e.orderId}, ${id}, ${e.sellerId}, ${input.buyerId}, ${e.amount.amount.toString()}::bigint,
              ${currency}, 'authorized', ${now}::timestamptz, ${now}::timestamptz)`,
          ),
          sql`, `,
        )}
        ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
  );
  if (made.length !== input.escrows.length) {
    const taken = input.escrows.find((e) => !made.some((m) => m.order_id === e.orderId))!;
    throw conflict('payments.order_has_escrow', 'This order is already paid for by another payment.', {
      orderId: taken.orderId,
    });
  }
  await ensureAccounts(tx, [
    accounts.pspReceivable(currency),
    ...input.escrows.map((e) => accounts.escrow(e.orderId, e.sellerId, currency)),
  ]);
  await postEntry(
    tx,
    {
      id: `authorize:${id}`,
      kind: 'payment.authorize',
      reference: id,
      pending: true,
      postings: [
        { account: accounts.pspReceivable(currency).key, direction: 'debit', amount: input.amount },
        ...input.escrows.map((e) => ({
          account: accounts.escrow(e.orderId, e.sellerId, currency).key,
          direction: 'credit' as const,
          amount: e.amount,
        })),
      ],
      metadata: { checkoutId: input.checkoutId, buyerId: input.buyerId },
    },
    clock,
  );
  await emitEvent(tx, 'payments.intent_created', id, { intentId: id, checkoutId: input.checkoutId });
  // Everything above was just written: answer from it rather than reading it back.
  return {
    id,
    checkoutId: input.checkoutId,
    buyerId: input.buyerId,
    amount: input.amount,
    status: 'processing',
    paymentMethod: input.paymentMethod,
    providerRef: null,
    failureCode: null,
    escrows: [...input.escrows]
      .sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0))
      .map((e) => ({
        orderId: e.orderId,
        sellerId: e.sellerId,
        amount: e.amount,
        status: 'authorized' as const,
      })),
  };
}
