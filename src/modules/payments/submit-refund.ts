import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { moneyOf, query } from './sql.ts';
import type { PaymentProvider } from './types.ts';

interface RefundRow extends Record<string, unknown> {
  id: string;
  amount: string;
  currency: string;
  provider_ref: string | null;
  charge_ref: string | null;
}

/**
 * Hands a requested refund to the provider, outside any transaction. The refund id is the
 * idempotency key, so calling this again (after a crash or a timeout) refunds once.
 */
export async function submitRefund(ctx: Ctx, provider: PaymentProvider, refundId: string): Promise<void> {
  const [r] = await query<RefundRow>(
    ctx.db,
    sql`SELECT r.id, r.amount, r.currency, r.provider_ref, i.provider_ref AS charge_ref FROM refunds r JOIN payment_intents i ON i.id = r.intent_id
        WHERE r.id = ${refundId}`,
  );
  if (!r) throw notFound('payments.refund_not_found', 'No such refund.', { refundId });
  if (r.provider_ref) return;
  if (!r.charge_ref)
    throw conflict('payments.intent_not_submitted', 'The payment never reached the provider.', { refundId });
  const result = await provider.refund({
    refundId,
    providerRef: r.charge_ref,
    amount: moneyOf(r.amount, r.currency),
    idempotencyKey: refundId,
  });
  await ctx.db.execute(sql`UPDATE refunds SET provider_ref = ${result.providerRef}
    WHERE id = ${refundId} AND provider_ref IS NULL`);
}
