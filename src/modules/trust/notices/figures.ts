import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { shareString } from './ratio.ts';

/** What the platform publishes about its takedowns over a period (the impact report shows it). */
export interface TrustFigures {
  from: string;
  to: string;
  /** Listings removed in the period, each counted once (its first removal in the period). */
  removals: {
    total: number;
    /** Removed by Heartland's own checks or agents, before any rights owner complained. */
    proactive: number;
    onNotice: number;
    /** proactive / total, a decimal string; null with no removals. */
    proactiveShare: string | null;
  };
  /** Median minutes from a notice being filed to its listing being taken down, over takedowns in the period. */
  medianMinutesToTakedown: string | null;
  takedownsMeasured: number;
  /** Of the listings named by notices filed in the period and decided, how many were upheld. */
  noticesUpheld: { upheld: number; decided: number; share: string | null };
}

/**
 * The published trust figures for [from, to).
 * @example await trustFigures(db, { from: new Date('2026-01-01Z'), to: new Date('2027-01-01Z') })
 */
export async function trustFigures(db: Db, period: { from: Date; to: Date }): Promise<TrustFigures> {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const { rows: removal } = await db.execute<{ total: string; proactive: string }>(sql`
    SELECT count(*)::text AS total, count(*) FILTER (WHERE rule NOT LIKE 'notice.%')::text AS proactive
      FROM (SELECT DISTINCT ON (subject_id) subject_id, rule FROM trust_decisions
             WHERE subject_kind = 'listing' AND decision IN ('taken_down', 'removed')
               AND decided_at >= ${from} AND decided_at < ${to}
             ORDER BY subject_id, id) AS first_removals`);
  const total = Number(removal[0]?.total ?? 0);
  const proactive = Number(removal[0]?.proactive ?? 0);

  const { rows: waits } = await db.execute<{ ms: string }>(sql`
    SELECT round(extract(epoch FROM (l.taken_down_at - n.filed_at)) * 1000)::bigint::text AS ms
      FROM trust_notice_listings l JOIN trust_notices n ON n.id = l.notice_id
     WHERE l.taken_down_at >= ${from} AND l.taken_down_at < ${to}
     ORDER BY 1`);
  const ms = waits.map((w) => Number(w.ms)).sort((a, b) => a - b);
  let median: string | null = null;
  if (ms.length > 0) {
    const mid = Math.floor(ms.length / 2);
    // The mean of the two middle values of an even count: (a + b) / 2 ms, in minutes.
    median =
      ms.length % 2 === 1
        ? shareString(ms[mid]!, 60_000, 1)
        : shareString(ms[mid - 1]! + ms[mid]!, 120_000, 1);
  }

  const { rows: upheld } = await db.execute<{ upheld: string; decided: string }>(sql`
    SELECT count(*) FILTER (WHERE l.status = 'removed'
                               OR (l.status IN ('taken_down', 'counter_noticed') AND l.takedown_rule = 'notice.agent_upheld'))::text AS upheld,
           count(*) FILTER (WHERE l.status IN ('removed', 'rejected', 'reinstated')
                               OR (l.status IN ('taken_down', 'counter_noticed') AND l.takedown_rule = 'notice.agent_upheld'))::text AS decided
      FROM trust_notice_listings l JOIN trust_notices n ON n.id = l.notice_id
     WHERE n.filed_at >= ${from} AND n.filed_at < ${to}`);
  const up = Number(upheld[0]?.upheld ?? 0);
  const decided = Number(upheld[0]?.decided ?? 0);
  return {
    from,
    to,
    removals: {
      total,
      proactive,
      onNotice: total - proactive,
      proactiveShare: shareString(proactive, total),
    },
    medianMinutesToTakedown: median,
    takedownsMeasured: ms.length,
    noticesUpheld: { upheld: up, decided, share: shareString(up, decided) },
  };
}
