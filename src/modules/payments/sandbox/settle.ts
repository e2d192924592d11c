import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { iso, moneyOf, query } from '../sql.ts';
import { enqueueEvents, type SandboxEvent } from './deliveries.ts';
import { SANDBOX_FAILING_DESTINATION } from './methods.ts';

const BATCH = 500;

interface Settled extends Record<string, unknown> {
  id: string;
  object_id: string;
  amount: string;
  currency: string;
  status: string;
  payment_method?: string;
}

/**
 * Settles every charge, refund and payout whose time has come and queues their webhooks, in one
 * transaction. `WHERE status = 'pending'` with SKIP LOCKED settles each object once
 * even when several processes run this together.
 */
export async function settleDue(db: Db, now: Date): Promise<void> {
  const at = iso(now);
  await inTransaction(db, async (tx) => {
    const events: { event: SandboxEvent; copies?: number }[] = [];
    const charges = await query<Settled>(
      tx,
      sql`UPDATE sandbox_charges c
            SET status = CASE WHEN c.payment_method = 'pm_card_fails_async' THEN 'failed' ELSE 'succeeded' END
          WHERE c.id IN (SELECT id FROM sandbox_charges WHERE status = 'pending' AND settle_at <= ${at}::timestamptz
                         ORDER BY settle_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING c.id, c.intent_id AS object_id, c.amount, c.currency, c.status, c.payment_method`,
    );
    for (const c of charges) {
      const failed = c.status === 'failed';
      events.push({
        event: {
          type: failed ? 'charge.failed' : 'charge.succeeded',
          objectId: c.object_id,
          providerRef: c.id,
          amount: moneyOf(c.amount, c.currency),
          failureCode: failed ? 'processing_error' : null,
        },
        copies: c.payment_method === 'pm_card_duplicate_webhook' ? 2 : 1,
      });
    }
    const refunds = await query<Settled>(
      tx,
      sql`UPDATE sandbox_refunds r SET status = 'succeeded'
          WHERE r.id IN (SELECT id FROM sandbox_refunds WHERE status = 'pending' AND settle_at <= ${at}::timestamptz
                         ORDER BY settle_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING r.id, r.refund_id AS object_id, r.amount, r.currency, r.status`,
    );
    for (const r of refunds) {
      events.push({
        event: {
          type: 'refund.succeeded',
          objectId: r.object_id,
          providerRef: r.id,
          amount: moneyOf(r.amount, r.currency),
        },
      });
    }
    const payouts = await query<Settled>(
      tx,
      sql`UPDATE sandbox_payouts p
            SET status = CASE WHEN p.destination = ${SANDBOX_FAILING_DESTINATION} THEN 'failed' ELSE 'paid' END
          WHERE p.id IN (SELECT id FROM sandbox_payouts WHERE status = 'pending' AND settle_at <= ${at}::timestamptz
                         ORDER BY settle_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          RETURNING p.id, p.payout_id AS object_id, p.amount, p.currency, p.status`,
    );
    for (const p of payouts) {
      const failed = p.status === 'failed';
      events.push({
        event: {
          type: failed ? 'payout.failed' : 'payout.paid',
          objectId: p.object_id,
          providerRef: p.id,
          amount: moneyOf(p.amount, p.currency),
          failureCode: failed ? 'account_closed' : null,
        },
      });
    }
    await enqueueEvents(tx, now, events);
  });
}
