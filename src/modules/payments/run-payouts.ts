import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import { DomainError, isDomainError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import type { Money } from '../../money/index.ts';
import { accountBalance, accountBalances, ensureAccounts, postEntry } from '../ledger/index.ts';
import { accounts } from './accounts.ts';
import { iso, moneyOf, query } from './sql.ts';
import type { PaymentProvider } from './types.ts';

export interface PayoutCreated {
  payoutId: string;
  sellerId: string;
  amount: Money;
}

const sellerOf = (key: string): string | null => /^seller_payable:(.+):USD$/.exec(key)?.[1] ?? null;

/**
 * Pays every seller what Heartland owes it. Per seller, one transaction: the payout row and the
 * entry 'payout:<payoutId>' (Dr seller_payable / Cr payout_clearing:USD). The payable's limit
 * (never below zero) makes a concurrent run's second payout fail in the database, and that
 * seller is skipped. Then every payout not yet handed to the provider is submitted, with the
 * payout id as idempotency key, so a run that crashed half-way is finished by the next one.
 */
export async function runPayouts(ctx: Ctx, provider: PaymentProvider): Promise<PayoutCreated[]> {
  const payables = await accountBalances(ctx.db, { type: 'seller_payable' });
  const created: PayoutCreated[] = [];
  for (const p of payables) {
    const sellerId = p.ownerId ?? sellerOf(p.key);
    if (!sellerId || p.balance.currency !== 'USD' || p.balance.amount <= 0n) continue;
    try {
      const made = await inTransaction(ctx.db, async (tx) => {
        const now = await accountBalance(tx, p.key);
        if (!now || now.balance.amount <= 0n) return null;
        const amount = now.balance;
        const payoutId = newId('po');
        await tx.execute(sql`INSERT INTO payouts (id, seller_id, amount, currency, status, destination, created_at)
          VALUES (${payoutId}, ${sellerId}, ${amount.amount.toString()}::bigint, ${amount.currency}, 'pending',
            ${`seller:${sellerId}`}, ${iso(ctx.clock.now())}::timestamptz)`);
        await ensureAccounts(tx, [accounts.sellerPayable(sellerId), accounts.payoutClearing()]);
        await postEntry(
          tx,
          {
            id: `payout:${payoutId}`,
            kind: 'payout.create',
            reference: payoutId,
            postings: [
              { account: accounts.sellerPayable(sellerId).key, direction: 'debit', amount },
              { account: accounts.payoutClearing().key, direction: 'credit', amount },
            ],
            metadata: { sellerId, payoutId },
          },
          ctx.clock,
        );
        await emitEvent(tx, 'payments.payout_created', payoutId, { payoutId, sellerId });
        return { payoutId, sellerId, amount };
      });
      if (made) created.push(made);
    } catch (e) {
      if (isDomainError(e) && e.code === 'ledger.exceeds_credits') continue; // another run took it
      throw e;
    }
  }
  await submitPendingPayouts(ctx, provider);
  return created;
}

async function submitPendingPayouts(ctx: Ctx, provider: PaymentProvider): Promise<void> {
  const pending = await query<{ id: string; amount: string; currency: string; destination: string }>(
    ctx.db,
    sql`SELECT id, amount, currency, destination FROM payouts
        WHERE status = 'pending' AND provider_ref IS NULL ORDER BY created_at, id`,
  );
  const failed: string[] = [];
  for (const p of pending) {
    try {
      const result = await provider.payout({
        payoutId: p.id,
        amount: moneyOf(p.amount, p.currency),
        destination: p.destination,
        idempotencyKey: p.id,
      });
      await ctx.db.execute(sql`UPDATE payouts SET provider_ref = ${result.providerRef}
        WHERE id = ${p.id} AND provider_ref IS NULL`);
    } catch {
      // The payout stays pending without a provider reference; the next run submits it again.
      failed.push(p.id);
    }
  }
  if (failed.length > 0) {
    throw new DomainError(
      'unavailable',
      'payments.provider_unavailable',
      'Some payouts could not be sent to the provider.',
      {
        payoutIds: failed,
      },
    );
  }
}
