import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { conflict, notFound } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { assertTransition } from '../../kernel/state-machine.ts';
import { assertEscrowNotFrozen } from './escrow-freezes.ts';
import { ORDER_TRANSITIONS, type OrderStatus } from './order-states.ts';

/** The timestamp column each status stamps when entered. */
const STAMP: Partial<Record<OrderStatus, string>> = {
  paid: 'paid_at',
  shipped: 'shipped_at',
  delivered: 'delivered_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
  refunded: 'refunded_at',
};

export interface TransitionInput {
  orderId: string;
  to: OrderStatus;
  actor: string | null;
  note?: string;
  /** Extra column values to set with the transition (e.g. confirmation_due_at). */
  confirmationDueAt?: Date;
  closeReason?: string;
}

/**
 * Moves one order along the state table under a row lock, and records the event in the same
 * transaction. Entering the state it is already in is a no-op (changed: false), so webhook
 * retries and double clicks are harmless.
 */
export async function transitionOrder(
  tx: Db,
  clock: Clock,
  input: TransitionInput,
): Promise<{ changed: boolean; from: OrderStatus }> {
  const res = await tx.execute(sql`SELECT status FROM orders WHERE id = ${input.orderId} FOR UPDATE`);
  const row = res.rows[0];
  if (!row) throw notFound('orders.not_found', 'No such order.');
  const from = row.status as OrderStatus;
  if (from === input.to) return { changed: false, from };
  assertTransition(ORDER_TRANSITIONS, 'order', from, input.to);
  if (input.to === 'completed') await assertEscrowNotFrozen(tx, input.orderId);
  const now = clock.now().toISOString();
  const stamp = STAMP[input.to];
  await tx.execute(sql`UPDATE orders SET status = ${input.to}
      ${stamp ? sql`, ${sql.identifier(stamp)} = ${now}` : sql``}
      ${input.confirmationDueAt ? sql`, confirmation_due_at = ${input.confirmationDueAt.toISOString()}` : sql``}
      ${input.closeReason ? sql`, close_reason = ${input.closeReason}` : sql``}
    WHERE id = ${input.orderId}`);
  await tx.execute(sql`INSERT INTO order_events (order_id, at, from_status, to_status, actor, note)
    VALUES (${input.orderId}, ${now}, ${from}, ${input.to}, ${input.actor}, ${input.note ?? null})`);
  return { changed: true, from };
}

/**
 * Moves several orders to one status in two statements (lock and check, then update and record),
 * however many orders a checkout split into. Orders already there are left alone.
 */
export async function transitionMany(
  tx: Db,
  clock: Clock,
  orderIds: readonly string[],
  to: OrderStatus,
  actor: string | null,
  note?: string,
): Promise<void> {
  if (orderIds.length === 0) return;
  const ids = [...orderIds].sort(); // one lock order for everyone: no deadlocks
  const res = await tx.execute(sql`SELECT id, status FROM orders
    WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )}) ORDER BY id FOR UPDATE`);
  if (res.rows.length !== ids.length) throw notFound('orders.not_found', 'No such order.');
  const moving = res.rows.filter((r) => r.status !== to);
  for (const r of moving) assertTransition(ORDER_TRANSITIONS, 'order', r.status as OrderStatus, to);
  if (moving.length === 0) return;
  const now = clock.now().toISOString();
  const stamp = STAMP[to];
  const movingIds = sql.join(
    moving.map((r) => sql`${r.id as string}`),
    sql`, `,
  );
  await tx.execute(sql`WITH moved AS (
      UPDATE orders o SET status = ${to}
        ${stamp ? sql`, ${sql.identifier(stamp)} = ${now}` : sql``}
        ${note ? sql`, close_reason = ${note}` : sql``}
      FROM (SELECT id, status AS from_status FROM orders WHERE id IN (${movingIds})) prev
      WHERE o.id = prev.id
      RETURNING o.id, prev.from_status)
    INSERT INTO order_events (order_id, at, from_status, to_status, actor, note)
    SELECT id, ${now}, from_status, ${to}, ${actor}, ${note ?? null} FROM moved`);
}

export interface DisputeView {
  id: string;
  orderId: string;
  buyerId: string;
  reason: string;
  status: 'open' | 'refunded' | 'released';
  openedAt: Date;
  resolvedAt: Date | null;
}

const rowToDispute = (r: Record<string, unknown>): DisputeView => ({
  id: r.id as string,
  orderId: r.order_id as string,
  buyerId: r.buyer_id as string,
  reason: r.reason as string,
  status: r.status as DisputeView['status'],
  openedAt: new Date(r.opened_at as string),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at as string) : null,
});

/** A dispute pauses the confirmation window: disputed orders are never released by the timer. */
export async function openDispute(
  tx: Db,
  clock: Clock,
  input: { orderId: string; buyerId: string; reason: string },
): Promise<DisputeView> {
  await transitionOrder(tx, clock, {
    orderId: input.orderId,
    to: 'disputed',
    actor: input.buyerId,
    note: 'dispute opened',
  });
  const res = await tx.execute(sql`INSERT INTO disputes (id, order_id, buyer_id, reason, status, opened_at)
    VALUES (${newId('dsp')}, ${input.orderId}, ${input.buyerId}, ${input.reason}, 'open', ${clock.now().toISOString()})
    RETURNING *`);
  return rowToDispute(res.rows[0]!);
}

export async function getDispute(db: Db, id: string): Promise<DisputeView> {
  const res = await db.execute(sql`SELECT * FROM disputes WHERE id = ${id}`);
  if (!res.rows[0]) throw notFound('orders.dispute_not_found', 'No such dispute.');
  return rowToDispute(res.rows[0]);
}

export async function closeDispute(
  tx: Db,
  clock: Clock,
  input: { disputeId: string; outcome: 'refunded' | 'released'; resolution: string },
): Promise<DisputeView> {
  const res =
    await tx.execute(sql`UPDATE disputes SET status = ${input.outcome}, resolved_at = ${clock.now().toISOString()},
      resolution = ${input.resolution}
    WHERE id = ${input.disputeId} AND status = 'open' RETURNING *`);
  if (!res.rows[0]) throw conflict('orders.dispute_not_open', 'This dispute is not open.');
  return rowToDispute(res.rows[0]);
}
