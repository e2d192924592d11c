import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { conflict, notFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { type TrustQueue, trustPolicy } from '../policy.ts';

export interface QueueItem {
  id: string;
  queue: TrustQueue;
  subjectKind: string;
  subjectId: string;
  sellerId: string | null;
  summary: string;
  openedAt: string;
  dueAt: string;
  claimedBy: string | null;
  claimedAt: string | null;
  closedAt: string | null;
  closedBy: string | null;
  outcome: string | null;
  /** Open past its service level. */
  overdue: boolean;
}

interface Row extends Record<string, unknown> {
  id: string;
  queue: TrustQueue;
  subject_kind: string;
  subject_id: string;
  seller_id: string | null;
  summary: string;
  opened_at: Date | string;
  due_at: Date | string;
  claimed_by: string | null;
  claimed_at: Date | string | null;
  closed_at: Date | string | null;
  closed_by: string | null;
  outcome: string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function toItem(r: Row, now: Date): QueueItem {
  const dueAt = new Date(r.due_at);
  return {
    id: r.id,
    queue: r.queue,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    sellerId: r.seller_id,
    summary: r.summary,
    openedAt: iso(r.opened_at)!,
    dueAt: dueAt.toISOString(),
    claimedBy: r.claimed_by,
    claimedAt: iso(r.claimed_at),
    closedAt: iso(r.closed_at),
    closedBy: r.closed_by,
    outcome: r.outcome,
    overdue: r.closed_at === null ? dueAt.getTime() < now.getTime() : new Date(r.closed_at) > dueAt,
  };
}

/**
 * Puts a subject in a queue, due after the queue's service level. Idempotent: while an item for
 * the subject is open in that queue, the open one is returned.
 */
export async function openQueueItem(
  tx: Db,
  clock: Clock,
  input: {
    queue: TrustQueue;
    subjectKind: string;
    subjectId: string;
    sellerId?: string | null;
    summary: string;
  },
): Promise<QueueItem> {
  const now = clock.now();
  const due = new Date(now.getTime() + trustPolicy().queueServiceLevelMinutes[input.queue] * 60_000);
  await tx.execute(sql`
    INSERT INTO trust_queue_items (id, queue, subject_kind, subject_id, seller_id, summary, opened_at, due_at)
    VALUES (${newId('tq')}, ${input.queue}, ${input.subjectKind}, ${input.subjectId}, ${input.sellerId ?? null},
            ${input.summary.slice(0, 500)}, ${now.toISOString()}, ${due.toISOString()})
    ON CONFLICT (queue, subject_kind, subject_id) WHERE closed_at IS NULL DO NOTHING`);
  const { rows } = await tx.execute<Row>(sql`
    SELECT * FROM trust_queue_items
     WHERE queue = ${input.queue} AND subject_kind = ${input.subjectKind} AND subject_id = ${input.subjectId}
       AND closed_at IS NULL`);
  return toItem(rows[0]!, now);
}

/**
 * Closes the open item for a subject in a queue with its outcome and audits it. Returns null when
 * none is open (closing twice is harmless).
 */
export async function closeQueueItem(
  tx: Db,
  clock: Clock,
  input: { queue: TrustQueue; subjectKind: string; subjectId: string; actor: string; outcome: string },
): Promise<QueueItem | null> {
  const now = clock.now();
  const { rows } = await tx.execute<Row>(sql`
    UPDATE trust_queue_items SET closed_at = ${now.toISOString()}, closed_by = ${input.actor}, outcome = ${input.outcome}
     WHERE queue = ${input.queue} AND subject_kind = ${input.subjectKind} AND subject_id = ${input.subjectId}
       AND closed_at IS NULL
     RETURNING *`);
  const row = rows[0];
  if (!row) return null;
  await recordAudit(tx, {
    actor: input.actor,
    action: 'trust.queue_item_closed',
    subject: row.id,
    detail: {
      queue: input.queue,
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
      outcome: input.outcome,
    },
  });
  return toItem(row, now);
}

/** An agent takes an open item so two agents do not work the same one; audited. */
export async function claimQueueItem(
  tx: Db,
  clock: Clock,
  input: { id: string; agentId: string },
): Promise<QueueItem> {
  const now = clock.now();
  const { rows } = await tx.execute<Row>(
    sql`SELECT * FROM trust_queue_items WHERE id = ${input.id} FOR UPDATE`,
  );
  const row = rows[0];
  if (!row) throw notFound('trust.queue_item_not_found', 'No such queue item.', { id: input.id });
  if (row.closed_at !== null)
    throw conflict('trust.queue_item_closed', 'This item is already closed.', { id: input.id });
  if (row.claimed_by !== null && row.claimed_by !== input.agentId) {
    throw conflict('trust.queue_item_claimed', 'Another agent has this item.', {
      id: input.id,
      claimedBy: row.claimed_by,
    });
  }
  const { rows: updated } = await tx.execute<Row>(sql`
    UPDATE trust_queue_items SET claimed_by = ${input.agentId}, claimed_at = COALESCE(claimed_at, ${now.toISOString()})
     WHERE id = ${input.id} RETURNING *`);
  await recordAudit(tx, { actor: input.agentId, action: 'trust.queue_item_claimed', subject: input.id });
  return toItem(updated[0]!, now);
}

/** Items of a queue, open ones first by due time (the most urgent on top). */
export async function listQueue(
  db: Db,
  clock: Clock,
  input: { queue: TrustQueue; state?: 'open' | 'closed' | 'all'; sellerId?: string; limit?: number },
): Promise<QueueItem[]> {
  const state = input.state ?? 'open';
  const where = [sql`queue = ${input.queue}`];
  if (state === 'open') where.push(sql`closed_at IS NULL`);
  if (state === 'closed') where.push(sql`closed_at IS NOT NULL`);
  if (input.sellerId) where.push(sql`seller_id = ${input.sellerId}`);
  const { rows } = await db.execute<Row>(sql`
    SELECT * FROM trust_queue_items WHERE ${sql.join(where, sql` AND `)}
     ORDER BY (closed_at IS NULL) DESC, due_at, id LIMIT ${Math.min(input.limit ?? 100, 500)}`);
  const now = clock.now();
  return rows.map((r) => toItem(r, now));
}

export async function getQueueItem(db: Db, clock: Clock, id: string): Promise<QueueItem> {
  const { rows } = await db.execute<Row>(sql`SELECT * FROM trust_queue_items WHERE id = ${id}`);
  if (!rows[0]) throw notFound('trust.queue_item_not_found', 'No such queue item.', { id });
  return toItem(rows[0], clock.now());
}

/** Open items, overdue items and the oldest open item per queue: what a team lead watches. */
export async function queueSummary(
  db: Db,
  clock: Clock,
): Promise<
  {
    queue: TrustQueue;
    open: number;
    overdue: number;
    oldestOpenedAt: string | null;
    serviceLevelMinutes: number;
  }[]
> {
  const now = clock.now().toISOString();
  const { rows } = await db.execute<{
    queue: TrustQueue;
    open: string;
    overdue: string;
    oldest: Date | string | null;
  }>(sql`
    SELECT queue, count(*)::text AS open, count(*) FILTER (WHERE due_at < ${now})::text AS overdue, min(opened_at) AS oldest
      FROM trust_queue_items WHERE closed_at IS NULL GROUP BY queue`);
  const byQueue = new Map(rows.map((r) => [r.queue, r]));
  const sla = trustPolicy().queueServiceLevelMinutes;
  return (Object.keys(sla) as TrustQueue[]).map((queue) => {
    const r = byQueue.get(queue);
    return {
      queue,
      open: Number(r?.open ?? 0),
      overdue: Number(r?.overdue ?? 0),
      oldestOpenedAt: iso(r?.oldest ?? null),
      serviceLevelMinutes: sla[queue],
    };
  });
}
