import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';

export interface TrustDecision {
  id: string;
  subjectKind: string;
  subjectId: string;
  sellerId: string | null;
  /** What was decided, e.g. 'held', 'published', 'taken_down', 'reinstated', 'strike', 'suspended'. */
  decision: string;
  /** The rule that made it, e.g. 'listing.brand_unauthorized', 'notice.counter_window_lapsed'. */
  rule: string;
  /** A user id, or 'system' for automatic checks and timers. */
  actor: string;
  detail: Record<string, unknown>;
  decidedAt: string;
}

/** Records a decision with the rule that made it, and audits it, in the caller's transaction. */
export async function recordDecision(
  tx: Db,
  clock: Clock,
  d: Omit<TrustDecision, 'id' | 'decidedAt' | 'detail' | 'sellerId'> & {
    sellerId?: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO trust_decisions (subject_kind, subject_id, seller_id, decision, rule, actor, detail, decided_at)
    VALUES (${d.subjectKind}, ${d.subjectId}, ${d.sellerId ?? null}, ${d.decision}, ${d.rule}, ${d.actor},
            ${JSON.stringify(d.detail ?? {})}::jsonb, ${clock.now().toISOString()})`);
  await recordAudit(tx, {
    actor: d.actor,
    action: `trust.${d.decision}`,
    subject: d.subjectId,
    detail: { rule: d.rule, subjectKind: d.subjectKind, ...(d.detail ?? {}) },
  });
}

/** The decisions on one subject, oldest first. */
export async function listDecisions(db: Db, subjectId: string): Promise<TrustDecision[]> {
  const { rows } = await db.execute<{
    id: string;
    subject_kind: string;
    subject_id: string;
    seller_id: string | null;
    decision: string;
    rule: string;
    actor: string;
    detail: Record<string, unknown>;
    decided_at: Date | string;
  }>(sql`SELECT id::text, subject_kind, subject_id, seller_id, decision, rule, actor, detail, decided_at
           FROM trust_decisions WHERE subject_id = ${subjectId} ORDER BY id`);
  return rows.map((r) => ({
    id: r.id,
    subjectKind: r.subject_kind,
    subjectId: r.subject_id,
    sellerId: r.seller_id,
    decision: r.decision,
    rule: r.rule,
    actor: r.actor,
    detail: r.detail,
    decidedAt: new Date(r.decided_at).toISOString(),
  }));
}
