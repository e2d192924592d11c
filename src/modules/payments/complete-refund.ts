import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import { postEntry } from '../ledger/index.ts';
import { accounts } from './accounts.ts';
import { currencyOf, iso, moneyOf, query } from './sql.ts';

interface RefundRow extends Record<string, unknown> {
  id: string;
  order_id: string;
  amount: string;
  currency: string;
  status: 'pending' | 'succeeded';
}

/**
 * refund.succeeded: the money has gone back to the buyer. Clears the refund account against the
 * PSP receivable ('refund_settled:<refundId>': Dr refund_clearing / Cr psp_receivable) and marks
 * the escrow refunded. Idempotent.
 */
export async function completeRefund(
  tx: Db,
  clock: Clock,
  refundId: string,
): Promise<{ changed: boolean; orderId: string }> {
  const [r] = await query<RefundRow>(
    tx,
    sql`SELECT id, order_id, amount, currency, status FROM refunds WHERE id = ${refundId} FOR UPDATE`,
  );
  if (!r) throw notFound('payments.refund_not_found', 'No such refund.', { refundId });
  if (r.status === 'succeeded') return { changed: false, orderId: r.order_id };
  const cur = currencyOf(r.currency);
  const amount = moneyOf(r.amount, cur);
  await postEntry(
    tx,
    {
      id: `refund_settled:${refundId}`,
      kind: 'refund.settled',
      reference: r.order_id,
      postings: [
        { account: accounts.refundClearing(cur).key, direction: 'debit', amount },
        { account: accounts.pspReceivable(cur).key, direction: 'credit', amount },
      ],
      metadata: { orderId: r.order_id, refundId },
    },
    clock,
  );
  const now = iso(clock.now());
  await tx.execute(
    sql`UPDATE refunds SET status = 'succeeded', completed_at = ${now}::timestamptz WHERE id = ${refundId}`,
  );
  await tx.execute(sql`UPDATE escrows SET status = 'refunded', updated_at = ${now}::timestamptz
    WHERE order_id = ${r.order_id} AND status = 'refund_pending'`);
  await emitEvent(tx, 'payments.refund_succeeded', refundId, { refundId, orderId: r.order_id });
  return { changed: true, orderId: r.order_id };
}
