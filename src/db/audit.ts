import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';

/** Writes an audit row in the caller's transaction, so the change and its record commit together. */
export async function recordAudit(
  tx: Db,
  entry: { actor: string | null; action: string; subject: string; detail?: Record<string, unknown> },
): Promise<void> {
  await tx.execute(sql`INSERT INTO audit_log (actor, action, subject, detail)
    VALUES (${entry.actor}, ${entry.action}, ${entry.subject}, ${JSON.stringify(entry.detail ?? {})}::jsonb)`);
}

/** Queues an event in the caller's transaction (transactional outbox). */
export async function emitEvent(
  tx: Db,
  topic: string,
  key: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO outbox (topic, key, payload) VALUES (${topic}, ${key}, ${JSON.stringify(payload)}::jsonb)`,
  );
}
