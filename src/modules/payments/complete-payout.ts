import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { ensureAccounts, postEntry } from '../ledger/index.ts';
import { accounts } from './accounts.ts';
import { iso, moneyOf, query } from './sql.ts';
import type { PayoutStatus } from './types.ts';

interface PayoutRow extends Record<string, unknown> {
  id: string;
  seller_id: string;
  amount: string;
  currency: string;
  status: PayoutStatus;
}

async function lockPayout(tx: Db, payoutId: string): Promise<PayoutRow> {
  const [p] = await query<PayoutRow>(
    tx,
    sql`SELECT id, seller_id, amount, currency, status FROM payouts WHERE id = ${payoutId} FOR UPDATE`,
  );
  if (!p) throw notFound('payments.payout_not_found', 'No such payout.', { payoutId });
  return p;
}

/** payout.paid: the money left Heartland's bank ('payout_paid:<id>': Dr payout_clearing / Cr treasury). Idempotent. */
export async function completePayout(tx: Db, clock: Clock, payoutId: string): Promise<{ changed: boolean }> {
  const p = await lockPayout(tx, payoutId);
  if (p.status === 'paid') return { changed: false };
  if (p.status === 'failed') throw conflict('payments.payout_failed', 'This payout failed.', { payoutId });
  const amount = moneyOf(p.amount, p.currency);
  await ensureAccounts(tx, [accounts.payoutClearing(), accounts.treasury()]);
  await postEntry(
    tx,
    {
      id: `payout_paid:${payoutId}`,
      kind: 'payout.paid',
      reference: payoutId,
      postings: [
        { account: accounts.payoutClearing().key, direction: 'debit', amount },
        { account: accounts.treasury().key, direction: 'credit', amount },
      ],
      metadata: { sellerId: p.seller_id, payoutId },
    },
    clock,
  );
  await tx.execute(
    sql`UPDATE payouts SET status = 'paid', completed_at = ${iso(clock.now())}::timestamptz WHERE id = ${payoutId}`,
  );
  await emitEvent(tx, 'payments.payout_paid', payoutId, { payoutId, sellerId: p.seller_id });
  return { changed: true };
}

/**
 * payout.failed: the bank refused it, so Heartland owes the seller again
 * ('payout_failed:<id>': Dr payout_clearing / Cr seller_payable). Idempotent.
 */
export async function failPayout(
  tx: Db,
  clock: Clock,
  payoutId: string,
  failureCode: string,
): Promise<{ changed: boolean }> {
  const p = await lockPayout(tx, payoutId);
  if (p.status === 'failed') return { changed: false };
  if (p.status === 'paid') {
    throw conflict('payments.payout_already_paid', 'This payout was already paid.', { payoutId });
  }
  const amount = moneyOf(p.amount, p.currency);
  await ensureAccounts(tx, [accounts.payoutClearing(), accounts.sellerPayable(p.seller_id)]);
  await postEntry(
    tx,
    {
      id: `payout_failed:${payoutId}`,
      kind: 'payout.failed',
      reference: payoutId,
      postings: [
        { account: accounts.payoutClearing().key, direction: 'debit', amount },
        { account: accounts.sellerPayable(p.seller_id).key, direction: 'credit', amount },
      ],
      metadata: { sellerId: p.seller_id, payoutId, failureCode },
    },
    clock,
  );
  await tx.execute(sql`UPDATE payouts SET status = 'failed', failure_code = ${failureCode.slice(0, 100)},
      completed_at = ${iso(clock.now())}::timestamptz WHERE id = ${payoutId}`);
  await emitEvent(tx, 'payments.payout_failed', payoutId, { payoutId, sellerId: p.seller_id, failureCode });
  return { changed: true };
}
