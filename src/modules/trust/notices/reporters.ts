import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { trustPolicy } from '../policy.ts';
import { recordDecision } from '../queues/index.ts';
import { atLeastShare, shareString } from './ratio.ts';

export interface ReporterView {
  userId: string;
  trusted: boolean;
  /** An agent took the tier away; the accuracy rule alone does not give it back. */
  agentRevoked: boolean;
  upheld: number;
  decided: number;
  /** upheld / decided as a decimal string; null before any decision. */
  accuracy: string | null;
}

/** Upheld and decided listings over all the reporter's notices (see listingOutcome). */
async function reporterCounts(db: Db, userId: string): Promise<{ upheld: number; decided: number }> {
  const { rows } = await db.execute<{ upheld: string; decided: string }>(sql`
    SELECT count(*) FILTER (WHERE l.status = 'removed'
                               OR (l.status IN ('taken_down', 'counter_noticed') AND l.takedown_rule = 'notice.agent_upheld'))::text AS upheld,
           count(*) FILTER (WHERE l.status IN ('removed', 'rejected', 'reinstated')
                               OR (l.status IN ('taken_down', 'counter_noticed') AND l.takedown_rule = 'notice.agent_upheld'))::text AS decided
      FROM trust_notice_listings l JOIN trust_notices n ON n.id = l.notice_id
     WHERE n.filed_by = ${userId}`);
  return { upheld: Number(rows[0]?.upheld ?? 0), decided: Number(rows[0]?.decided ?? 0) };
}

export async function getReporter(db: Db, userId: string): Promise<ReporterView> {
  const { rows } = await db.execute<{ trusted: boolean; agent_revoked: boolean }>(
    sql`SELECT trusted, agent_revoked FROM trust_reporters WHERE user_id = ${userId}`,
  );
  const counts = await reporterCounts(db, userId);
  return {
    userId,
    trusted: rows[0]?.trusted ?? false,
    agentRevoked: rows[0]?.agent_revoked ?? false,
    ...counts,
    accuracy: shareString(counts.upheld, counts.decided),
  };
}

export async function isTrustedReporter(db: Db, userId: string): Promise<boolean> {
  const { rows } = await db.execute<{ trusted: boolean }>(
    sql`SELECT trusted FROM trust_reporters WHERE user_id = ${userId}`,
  );
  return rows[0]?.trusted ?? false;
}

async function store(
  tx: Db,
  clock: Clock,
  r: { userId: string; trusted: boolean; agentRevoked: boolean; upheld: number; decided: number },
): Promise<boolean> {
  const { rows } = await tx.execute<{ was: boolean | null }>(sql`
    WITH prev AS (SELECT trusted FROM trust_reporters WHERE user_id = ${r.userId} FOR UPDATE)
    INSERT INTO trust_reporters (user_id, trusted, agent_revoked, upheld, decided, updated_at)
    VALUES (${r.userId}, ${r.trusted}, ${r.agentRevoked}, ${r.upheld}, ${r.decided}, ${clock.now().toISOString()})
    ON CONFLICT (user_id) DO UPDATE SET trusted = EXCLUDED.trusted, agent_revoked = EXCLUDED.agent_revoked,
      upheld = EXCLUDED.upheld, decided = EXCLUDED.decided, updated_at = EXCLUDED.updated_at
    RETURNING (SELECT trusted FROM prev) AS was`);
  return (rows[0]?.was ?? false) !== r.trusted;
}

/**
 * Recomputes a reporter's accuracy after a decision on one of its notices. With enough decided
 * listings, accuracy at or above the policy's minimum makes it trusted and below drops it; with
 * fewer, the tier stays as it was (an agent may have granted it). A tier change is a recorded
 * decision.
 */
export async function recomputeReporterTier(tx: Db, clock: Clock, userId: string): Promise<ReporterView> {
  const cur = await getReporter(tx, userId);
  const { minimumDecidedNotices, minimumAccuracy } = trustPolicy().trustedReporter;
  let trusted = cur.trusted;
  if (cur.agentRevoked) trusted = false;
  else if (cur.decided >= minimumDecidedNotices)
    trusted = atLeastShare(cur.upheld, cur.decided, minimumAccuracy);
  const changed = await store(tx, clock, { ...cur, trusted });
  if (changed) {
    await recordDecision(tx, clock, {
      subjectKind: 'reporter',
      subjectId: userId,
      decision: trusted ? 'trusted_reporter_granted' : 'trusted_reporter_dropped',
      rule: 'reporter.accuracy',
      actor: 'system',
      detail: { upheld: cur.upheld, decided: cur.decided, accuracy: cur.accuracy, minimumAccuracy },
    });
  }
  return { ...cur, trusted };
}

/** An agent grants or revokes the tier explicitly (recorded with the reason). */
export async function setReporterTier(
  tx: Db,
  clock: Clock,
  input: { userId: string; trusted: boolean; actor: string; reason: string },
): Promise<ReporterView> {
  const cur = await getReporter(tx, input.userId);
  await store(tx, clock, { ...cur, trusted: input.trusted, agentRevoked: !input.trusted });
  await recordDecision(tx, clock, {
    subjectKind: 'reporter',
    subjectId: input.userId,
    decision: input.trusted ? 'trusted_reporter_granted' : 'trusted_reporter_dropped',
    rule: 'agent.reporter_tier',
    actor: input.actor,
    detail: { reason: input.reason, upheld: cur.upheld, decided: cur.decided },
  });
  return { ...cur, trusted: input.trusted, agentRevoked: !input.trusted };
}
