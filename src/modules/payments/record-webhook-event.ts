import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { query } from './sql.ts';
import type { PaymentEvent } from './types.ts';

/**
 * Remembers a provider event in the caller's transaction and says whether it is new. The
 * primary key (provider, event id) decides: a concurrent delivery of the same event waits for
 * the first transaction and then sees 'duplicate'; if the first rolls back, the second is 'new'.
 */
export async function recordWebhookEvent(
  tx: Db,
  provider: string,
  event: PaymentEvent,
): Promise<'new' | 'duplicate'> {
  const rows = await query<{ event_id: string }>(
    tx,
    sql`INSERT INTO payment_webhook_events (provider, event_id, type, object_id)
        VALUES (${provider}, ${event.id}, ${event.type}, ${event.objectId})
        ON CONFLICT (provider, event_id) DO NOTHING RETURNING event_id`,
  );
  return rows.length === 1 ? 'new' : 'duplicate';
}
