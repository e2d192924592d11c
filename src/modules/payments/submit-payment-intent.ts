import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.js';
import { conflict } from '../../kernel/errors.js';
import { getIntent } from './queries.js';
import type { PaymentProvider } from './types.js';

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
): Promise<SubmitResult> {
  const intent = await getIntent(ctx.db, intentId);
  if (intent.status === 'failed' || (intent.status === 'succeeded' && !intent.providerRef)) {
    throw conflict('payments.intent_not_processing', `The payment is already ${intent.status}.`, {
      intentId,
    });
  }
  // Already handed to the provider: a retry has nothing left to do.
  if (intent.providerRef) return { status: 'processing' };
  const result = await provider.createCharge({
    intentId,
    amount: intent.amount,
    paymentMethod: intent.paymentMethod,
    idempotencyKey: intentId,
  });
  if (result.status === 'declined') return result;
  await ctx.db.execute(sql`UPDATE payment_intents SET provider = ${provider.name}, provider_ref = ${result.providerRef},
      updated_at = ${ctx.clock.now().toISOString()}::timestamptz
    WHERE id = ${intentId} AND provider_ref IS NULL`);
  return { status: 'processing' };
}
