import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import type { Money } from '../../money/index.ts';
import { moneyOf, query } from './sql.ts';
import type { IntentStatus, PaymentIntentView, PaymentProvider } from './types.ts';

export type SubmitResult =
  | { status: 'processing' }
  | { status: 'declined'; declineCode: string; message: string };

/**
 * After the checkout has committed: asks the provider to charge (outside any transaction, so a
 * slow provider holds no locks). The intent id is the idempotency key, so a retry after a crash
 * or timeout cannot charge twice. A synchronous decline comes back as a typed result: the
 * caller fails the intent and undoes the checkout.
 */
export async function submitPaymentIntent(
  ctx: Ctx,
  provider: PaymentProvider,
  intentId: string,
  /** The intent as createPaymentIntent just returned it (saves reading it back on the hot path). */
  fresh?: Pick<PaymentIntentView, 'id' | 'amount' | 'paymentMethod' | 'providerRef' | 'status'>,
): Promise<SubmitResult> {
  if (fresh && fresh.id === intentId && fresh.status === 'processing' && !fresh.providerRef) {
    return charge(ctx, provider, intentId, fresh.amount, fresh.paymentMethod);
  }
  // Only the intent's own row: its escrows play no part in asking for the charge.
  const [row] = await query<{
    status: IntentStatus;
    provider_ref: string | null;
    amount: string;
    currency: string;
    payment_method: string;
  }>(
    ctx.db,
    sql`SELECT status, provider_ref, amount::text AS amount, currency, payment_method FROM payment_intents WHERE id = ${intentId}`,
  );
  if (!row) throw notFound('payments.intent_not_found', 'No such payment.', { intentId });
  const intent = {
    status: row.status,
    providerRef: row.provider_ref,
    amount: moneyOf(row.amount, row.currency),
    paymentMethod: row.payment_method,
  };
  if (intent.status === 'failed' || (intent.status === 'succeeded' && !intent.providerRef)) {
    throw conflict('payments.intent_not_processing', `The payment is already ${intent.status}.`, {
      intentId,
    });
  }
  // Already handed to the provider: a retry has nothing left to do.
  if (intent.providerRef) return { status: 'processing' };
  return charge(ctx, provider, intentId, intent.amount, intent.paymentMethod);
}

async function charge(
  ctx: Ctx,
  provider: PaymentProvider,
  intentId: string,
  amount: Money,
  paymentMethod: string,
): Promise<SubmitResult> {
  const result = await provider.createCharge({ intentId, amount, paymentMethod, idempotencyKey: intentId });
  if (result.status === 'declined') return result;
  await ctx.db.execute(sql`UPDATE payment_intents SET provider = ${provider.name}, provider_ref = ${result.providerRef},
      updated_at = ${ctx.clock.now().toISOString()}::timestamptz
    WHERE id = ${intentId} AND provider_ref IS NULL`);
  return { status: 'processing' };
}
