import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict } from '../../kernel/errors.ts';
import { postPendingEntry } from '../ledger/index.ts';
import { lockIntentWithOrders } from './queries.ts';
import { iso } from './sql.ts';

/**
 * charge.succeeded: the intent succeeds, the authorization hold is posted ('capture:<intentId>')
 * and every escrow of the intent is held. The intent row is locked first, so a duplicate event
 * processed concurrently waits and then answers changed=false.
 */
export async function captureIntent(
  tx: Db,
  clock: Clock,
  intentId: string,
): Promise<{ changed: boolean; orderIds: string[] }> {
  const intent = await lockIntentWithOrders(tx, intentId);
  const orderIds = intent.order_ids;
  if (intent.status === 'succeeded') return { changed: false, orderIds };
  if (intent.status === 'failed') {
    throw conflict('payments.intent_failed', 'A failed payment cannot be captured.', { intentId });
  }
  await postPendingEntry(tx, { id: `capture:${intentId}`, pendingId: `authorize:${intentId}` }, clock);
  const now = iso(clock.now());
  await tx.execute(sql`WITH succeeded AS (
      UPDATE payment_intents SET status = 'succeeded', updated_at = ${now}::timestamptz WHERE id = ${intentId}
    )
    UPDATE escrows SET status = 'held', updated_at = ${now}::timestamptz
    WHERE intent_id = ${intentId} AND status = 'authorized'`);
  await emitEvent(tx, 'payments.intent_succeeded', intentId, { intentId, orderIds });
  return { changed: true, orderIds };
}
