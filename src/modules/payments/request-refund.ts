import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Money } from '../../money/index.ts';
import { ensureAccounts, postEntry } from '../ledger/index.ts';
import { accounts } from './accounts.ts';
import { lockEscrow } from './queries.ts';
import { currencyOf, iso, moneyOf, query } from './sql.ts';

export interface RefundRequested {
  refundId: string;
  amount: Money;
  providerRef: string | null;
  created: boolean;
}

/**
 * Before release, refunds an order's whole escrow: held → refund_pending, and the ledger entry
 * 'refund:<refundId>' moves it to the refund clearing account until the provider confirms
 * (Dr escrow:<order>:CUR / Cr refund_clearing:CUR). Asking again returns the same refund.
 * An escrow not yet captured is voided by failing its intent, not refunded.
 */
export async function requestRefund(
  tx: Db,
  clock: Clock,
  input: { orderId: string; reason: string },
): Promise<RefundRequested> {
  const reason = input.reason.trim();
  if (!reason || reason.length > 500)
    throw invalid('payments.invalid_reason', 'A refund needs a reason (500 characters at most).');
  const escrow = await lockEscrow(tx, input.orderId);
  if (escrow.status === 'refund_pending' || escrow.status === 'refunded') {
    const [r] = await query<{ id: string; amount: string; currency: string; provider_ref: string | null }>(
      tx,
      sql`SELECT id, amount, currency, provider_ref FROM refunds WHERE order_id = ${input.orderId}`,
    );
    if (!r) throw new Error(`escrow ${input.orderId} is ${escrow.status} without a refund row`);
    return {
      refundId: r.id,
      amount: moneyOf(r.amount, r.currency),
      providerRef: r.provider_ref,
      created: false,
    };
  }
  if (escrow.status !== 'held') {
    throw conflict('payments.escrow_not_held', `The escrow is ${escrow.status}, not held.`, {
      orderId: input.orderId,
      status: escrow.status,
    });
  }
  const cur = currencyOf(escrow.currency);
  const amount = moneyOf(escrow.amount, cur);
  const refundId = newId('re');
  const now = iso(clock.now());
  await tx.execute(sql`INSERT INTO refunds (id, order_id, intent_id, amount, currency, reason, status, created_at)
    VALUES (${refundId}, ${input.orderId}, ${escrow.intent_id}, ${amount.amount.toString()}::bigint, ${cur}, ${reason},
      'pending', ${now}::timestamptz)`);
  const escrowAccount = accounts.escrow(input.orderId, escrow.seller_id, cur);
  await ensureAccounts(tx, [escrowAccount, accounts.refundClearing(cur)]);
  await postEntry(
    tx,
    {
      id: `refund:${refundId}`,
      kind: 'escrow.refund',
      reference: input.orderId,
      postings: [
        { account: escrowAccount.key, direction: 'debit', amount },
        { account: accounts.refundClearing(cur).key, direction: 'credit', amount },
      ],
      metadata: { orderId: input.orderId, refundId, intentId: escrow.intent_id },
    },
    clock,
  );
  await tx.execute(sql`UPDATE escrows SET status = 'refund_pending', updated_at = ${now}::timestamptz
    WHERE order_id = ${input.orderId}`);
  await emitEvent(tx, 'payments.refund_requested', refundId, { refundId, orderId: input.orderId });
  return { refundId, amount, providerRef: null, created: true };
}
