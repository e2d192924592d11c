import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict } from '../../kernel/errors.ts';
import { voidPendingEntry } from '../ledger/index.ts';
import { escrowOrderIds, lockIntent } from './queries.ts';
import { iso } from './sql.ts';

/**
 * A decline or charge.failed: the intent fails, the authorization hold is voided
 * ('void:<intentId>') and its escrows are voided. Idempotent; refused once captured.
 */
export async function failIntent(
  tx: Db,
  clock: Clock,
  intentId: string,
  failureCode: string,
): Promise<{ changed: boolean; orderIds: string[] }> {
  const intent = await lockIntent(tx, intentId);
  const orderIds = await escrowOrderIds(tx, intentId);
  if (intent.status === 'failed') return { changed: false, orderIds };
  if (intent.status === 'succeeded') {
    throw conflict('payments.intent_captured', 'A captured payment cannot fail; refund it instead.', {
      intentId,
    });
  }
  await voidPendingEntry(tx, { id: `void:${intentId}`, pendingId: `authorize:${intentId}` }, clock);
  const now = iso(clock.now());
  await tx.execute(sql`UPDATE payment_intents SET status = 'failed', failure_code = ${failureCode.slice(0, 100)},
      updated_at = ${now}::timestamptz WHERE id = ${intentId}`);
  await tx.execute(sql`UPDATE escrows SET status = 'voided', updated_at = ${now}::timestamptz
    WHERE intent_id = ${intentId} AND status = 'authorized'`);
  await emitEvent(tx, 'payments.intent_failed', intentId, { intentId, orderIds, failureCode });
  return { changed: true, orderIds };
}
