import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { newId } from '../../../kernel/ids.ts';
import { type Money, toJson } from '../../../money/index.ts';
import { iso, query } from '../sql.ts';
import type { PaymentEventType } from '../types.ts';
import { SANDBOX_SIGNATURE_HEADER, signSandboxWebhook } from './webhook.ts';

export type Deliver = (delivery: { body: string; headers: Record<string, string> }) => Promise<number>;

/** A delivery is tried at most this many times: 1 s, 2 s, 4 s … apart. */
export const MAX_ATTEMPTS = 8;
/** A claimed delivery is invisible to other workers for this long, so a crashed worker's claim expires. */
const CLAIM_LEASE_MS = 60_000;
const BATCH = 100;

export interface SandboxEvent {
  type: PaymentEventType;
  objectId: string;
  providerRef: string;
  amount: Money;
  failureCode?: string | null;
}

/** Queues one event for delivery, `copies` times (a real provider sometimes delivers an event twice). */
/** Queues several webhook events (each possibly delivered more than once) in one statement. */
export async function enqueueEvents(
  tx: Db,
  now: Date,
  events: readonly { event: SandboxEvent; copies?: number }[],
): Promise<void> {
  const rows = events.flatMap(({ event, copies = 1 }) => {
    const id = newId('evt');
    const data: Record<string, unknown> = {
      objectId: event.objectId,
      providerRef: event.providerRef,
      amount: toJson(event.amount),
    };
    if (event.failureCode) data.failureCode = event.failureCode;
    const body = JSON.stringify({ id, type: event.type, createdAt: iso(now), data });
    return Array.from(
      { length: copies },
      () =>
        sql`(${id}, ${event.type}, ${body}, 'pending', ${iso(now)}::timestamptz, ${iso(now)}::timestamptz)`,
    );
  });
  if (rows.length === 0) return;
  await tx.execute(sql`INSERT INTO sandbox_webhook_deliveries (event_id, type, body, status, next_attempt_at, created_at)
    VALUES ${sql.join(rows, sql`, `)}`);
}

interface Claimed extends Record<string, unknown> {
  id: string;
  body: string;
  attempts: number;
}

/**
 * Delivers every due delivery once. Deliveries are claimed with SKIP LOCKED and a lease, so
 * several Heartland processes can run this at once without delivering the same attempt twice;
 * the HTTP call itself runs outside any transaction.
 */
export async function deliverDue(db: Db, clock: Clock, secret: string, deliver: Deliver): Promise<number> {
  const now = clock.now();
  const claimed = await inTransaction(db, (tx) =>
    query<Claimed>(
      tx,
      sql`WITH due AS (
          SELECT id FROM sandbox_webhook_deliveries
           WHERE status = 'pending' AND next_attempt_at <= ${iso(now)}::timestamptz
           ORDER BY next_attempt_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        UPDATE sandbox_webhook_deliveries d
           SET attempts = d.attempts + 1,
               next_attempt_at = ${iso(new Date(now.getTime() + CLAIM_LEASE_MS))}::timestamptz
          FROM due WHERE d.id = due.id
        RETURNING d.id::text AS id, d.body, d.attempts`,
    ),
  );
  claimed.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  for (const d of claimed) {
    const at = clock.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = await deliver({
        body: d.body,
        headers: {
          'content-type': 'application/json',
          [SANDBOX_SIGNATURE_HEADER]: signSandboxWebhook(secret, d.body, at),
        },
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const ok = status !== null && status >= 200 && status < 300;
    if (ok) {
      await db.execute(sql`UPDATE sandbox_webhook_deliveries
        SET status = 'delivered', last_status = ${status}, last_error = NULL, delivered_at = ${iso(at)}::timestamptz
        WHERE id = ${d.id}::bigint`);
    } else if (d.attempts >= MAX_ATTEMPTS) {
      await db.execute(sql`UPDATE sandbox_webhook_deliveries
        SET status = 'failed', last_status = ${status}, last_error = ${error} WHERE id = ${d.id}::bigint`);
    } else {
      // Exponential backoff on the injected clock: 1 s after the first failure, then 2 s, 4 s, …
      const next = new Date(at.getTime() + 1000 * 2 ** (d.attempts - 1));
      await db.execute(sql`UPDATE sandbox_webhook_deliveries
        SET last_status = ${status}, last_error = ${error}, next_attempt_at = ${iso(next)}::timestamptz
        WHERE id = ${d.id}::bigint`);
    }
  }
  return claimed.length;
}
