import { inTransaction } from '../../../db/transaction.ts';
import type { Ctx } from '../../../kernel/context.ts';
import * as trust from '../../../modules/trust/index.ts';
import { reinstateListing, removalStands } from './notice-outcomes.ts';

export interface NoticeTimerRun {
  reinstated: { noticeId: string; productId: string }[];
  removed: { noticeId: string; productId: string }[];
  failed: { noticeId: string; productId: string; error: string }[];
}

/**
 * The notice timers, on the injected clock: a counter-notice the rights owner did not answer in
 * time reinstates its listing (rule 'notice.counter_window_lapsed'); a takedown the seller never
 * contested becomes a removal that stands (rule 'notice.uncontested'). Each listing is its own
 * transaction and is locked with SKIP LOCKED and re-checked, so the job is idempotent and safe
 * from many processes at once.
 */
export async function processNoticeTimers(ctx: Ctx): Promise<NoticeTimerRun> {
  const run: NoticeTimerRun = { reinstated: [], removed: [], failed: [] };
  const now = ctx.clock.now();
  for (const timer of ['counter_answer_lapsed', 'counter_filing_lapsed'] as const) {
    for (const key of await trust.dueNoticeListings(ctx.db, timer, now)) {
      try {
        const done = await inTransaction(ctx.db, async (tx) => {
          const listing = await trust.lockDueNoticeListing(tx, timer, key, now);
          if (!listing) return false;
          const notice = await trust.getNotice(tx, key.noticeId);
          const moved =
            timer === 'counter_answer_lapsed'
              ? await reinstateListing(tx, ctx.clock, {
                  notice,
                  listing,
                  from: ['counter_noticed'],
                  rule: 'notice.counter_window_lapsed',
                  actor: 'system',
                  reason: 'The rights owner did not answer the counter-notice in time.',
                })
              : await removalStands(tx, ctx.clock, {
                  notice,
                  listing,
                  rule: 'notice.uncontested',
                  actor: 'system',
                  reason: 'The seller did not counter-notify in time.',
                });
          if (moved) await trust.recomputeReporterTier(tx, ctx.clock, notice.filedBy);
          return moved;
        });
        if (done) (timer === 'counter_answer_lapsed' ? run.reinstated : run.removed).push(key);
      } catch (e) {
        run.failed.push({ ...key, error: (e as Error).message });
      }
    }
  }
  return run;
}
