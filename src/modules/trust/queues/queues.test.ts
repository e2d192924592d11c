import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.ts';
import { ManualClock } from '../../../kernel/clock.ts';
import { isDomainError } from '../../../kernel/errors.ts';
import { trustPolicy } from '../policy.ts';
import { listDecisions, recordDecision } from './decisions.ts';
import { claimQueueItem, closeQueueItem, listQueue, openQueueItem, queueSummary } from './queue-items.ts';

describe('trust queues and decisions', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const clock = new ManualClock('2026-11-24T08:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const subject = {
    queue: 'notices' as const,
    subjectKind: 'notice',
    subjectId: 'ntc_1',
    summary: 'Counterfeit',
  };

  it('opens one item per subject, due after the queue’s service level, overdue once that passes', async () => {
    const a = await openQueueItem(db.db, clock, subject);
    const b = await openQueueItem(db.db, clock, { ...subject, summary: 'again' });
    expect(b.id).toBe(a.id);
    const sla = trustPolicy().queueServiceLevelMinutes.notices;
    expect(new Date(a.dueAt).getTime() - new Date(a.openedAt).getTime()).toBe(sla * 60_000);
    expect(a.overdue).toBe(false);
    clock.advance(sla * 60_000 + 1);
    const [item] = await listQueue(db.db, clock, { queue: 'notices' });
    expect(item).toMatchObject({ id: a.id, overdue: true });
    const summary = (await queueSummary(db.db, clock)).find((q) => q.queue === 'notices');
    expect(summary).toMatchObject({ open: 1, overdue: 1, serviceLevelMinutes: sla });
  });

  it('lets one agent claim an item; another agent is refused; closing is audited and happens once', async () => {
    const [item] = await listQueue(db.db, clock, { queue: 'notices' });
    await claimQueueItem(db.db, clock, { id: item!.id, agentId: 'usr_a' });
    await expect(claimQueueItem(db.db, clock, { id: item!.id, agentId: 'usr_b' })).rejects.toSatisfy(
      (e) => isDomainError(e) && e.code === 'trust.queue_item_claimed',
    );
    const closed = await closeQueueItem(db.db, clock, { ...subject, actor: 'usr_a', outcome: 'upheld' });
    expect(closed).toMatchObject({ outcome: 'upheld', closedBy: 'usr_a' });
    expect(await closeQueueItem(db.db, clock, { ...subject, actor: 'usr_a', outcome: 'upheld' })).toBeNull();
    const { rows } = await db.db.execute(
      sql`SELECT action FROM audit_log WHERE subject = ${item!.id} ORDER BY id`,
    );
    expect(rows.map((r) => r.action)).toEqual(['trust.queue_item_claimed', 'trust.queue_item_closed']);
    // A new item for the same subject may open once the old one is closed.
    expect((await openQueueItem(db.db, clock, subject)).id).not.toBe(item!.id);
  });

  it('records decisions with their rule, append-only', async () => {
    await recordDecision(db.db, clock, {
      subjectKind: 'listing',
      subjectId: 'prd_x',
      decision: 'held',
      rule: 'listing.brand_unauthorized',
      actor: 'system',
      detail: { brandId: 'brd_1' },
    });
    const [d] = await listDecisions(db.db, 'prd_x');
    expect(d).toMatchObject({ decision: 'held', rule: 'listing.brand_unauthorized', actor: 'system' });
    await expect(db.db.execute(sql`DELETE FROM trust_decisions`)).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }),
    });
  });
});
