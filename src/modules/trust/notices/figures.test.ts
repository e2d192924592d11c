import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.ts';
import type { Database } from '../../../db/database.ts';
import { trustFigures } from './figures.ts';

/**
 * A worked example, checked by hand. Period: November 2026.
 *
 * Removals (first removal of each listing in the period):
 *   A removed by a listing check (proactive), D removed by an agent (proactive),
 *   B taken down on notice then removed (counted once, on notice), C taken down on a trusted
 *   notice, E taken down in October and removed in November (its first removal in the period).
 *   F reinstated and G held are not removals. → 5 removals, 2 proactive → 0.4000.
 * Minutes from notice to takedown (takedowns in November): C 0.5, B 12, X 45, Y 60 → median
 *   (12 + 45) / 2 = 28.5.
 * Notices filed in November: B removed (upheld), X counter-noticed after an agent upheld it
 *   (upheld), Y reinstated (not upheld), C a trusted takedown and Z pending (undecided); V's
 *   notice was filed in October. → 2 of 3 → 0.6667.
 */
describe('published trust figures, a worked example', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
    const decision = (subject: string, decision: string, rule: string, at: string) =>
      db.db.execute(sql`INSERT INTO trust_decisions (subject_kind, subject_id, decision, rule, actor, decided_at)
                        VALUES ('listing', ${subject}, ${decision}, ${rule}, 'system', ${at})`);
    await decision('A', 'removed', 'listing.brand_unauthorized', '2026-11-02T00:00:00Z');
    await decision('B', 'taken_down', 'notice.agent_upheld', '2026-11-03T10:12:00Z');
    await decision('B', 'removed', 'notice.counter_answered', '2026-11-20T00:00:00Z');
    await decision('C', 'taken_down', 'notice.trusted_reporter', '2026-11-05T08:00:30Z');
    await decision('D', 'removed', 'agent.manual', '2026-11-06T00:00:00Z');
    await decision('E', 'taken_down', 'notice.agent_upheld', '2026-10-30T00:00:00Z');
    await decision('E', 'removed', 'notice.uncontested', '2026-11-15T00:00:00Z');
    await decision('F', 'reinstated', 'notice.counter_window_lapsed', '2026-11-10T00:00:00Z');
    await decision('G', 'held', 'listing.same_image', '2026-11-11T00:00:00Z');

    const notice = (id: string, filedAt: string) =>
      db.db.execute(sql`INSERT INTO trust_notices (id, filed_by, rights_kind, rights_office, registration_number,
                          rights_owner_name, reason_code, statement, good_faith, trusted_reporter, filed_at)
                        VALUES (${id}, 'usr_x', 'trademark', 'USPTO', '1', 'Owner', 'counterfeit', 's', true, false, ${filedAt})`);
    await notice('n0', '2026-10-20T00:00:00Z');
    await notice('n1', '2026-11-03T10:00:00Z');
    await notice('n2', '2026-11-05T08:00:00Z');
    await notice('n3', '2026-11-06T09:00:00Z');
    const listing = (n: string, p: string, status: string, rule: string | null, downAt: string | null) =>
      db.db.execute(sql`INSERT INTO trust_notice_listings (notice_id, product_id, seller_id, status, takedown_rule,
                          taken_down_at, counter_due_at, counter_filed_at, answer_due_at)
                        VALUES (${n}, ${p}, 'sel_x', ${status}, ${rule}, ${downAt}, ${downAt}, ${downAt}, ${downAt})`);
    await listing('n0', 'V', 'removed', 'notice.agent_upheld', '2026-10-20T01:00:00Z');
    await listing('n1', 'B', 'removed', 'notice.agent_upheld', '2026-11-03T10:12:00Z');
    await listing('n2', 'C', 'taken_down', 'notice.trusted_reporter', '2026-11-05T08:00:30Z');
    await listing('n3', 'X', 'counter_noticed', 'notice.agent_upheld', '2026-11-06T09:45:00Z');
    await listing('n3', 'Y', 'reinstated', 'notice.agent_upheld', '2026-11-06T10:00:00Z');
    await listing('n3', 'Z', 'pending_review', null, null);
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts proactive removals, the median time to takedown and notices upheld', async () => {
    const f = await trustFigures(db.db, {
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
    expect(f.removals).toEqual({ total: 5, proactive: 2, onNotice: 3, proactiveShare: '0.4000' });
    expect(f.medianMinutesToTakedown).toBe('28.5');
    expect(f.takedownsMeasured).toBe(4);
    expect(f.noticesUpheld).toEqual({ upheld: 2, decided: 3, share: '0.6667' });
  });

  it('gives nulls for an empty period', async () => {
    const f = await trustFigures(db.db, {
      from: new Date('2025-01-01T00:00:00Z'),
      to: new Date('2025-02-01T00:00:00Z'),
    });
    expect(f.removals.proactiveShare).toBeNull();
    expect(f.medianMinutesToTakedown).toBeNull();
    expect(f.noticesUpheld).toEqual({ upheld: 0, decided: 0, share: null });
  });
});
