import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import { conflict, forbidden } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { lockedListing } from './locked-notice-listing.ts';
import { removalStands } from './notice-outcomes.ts';

/** The rights owner answers a counter-notice with the court action it filed: the removal stands. */
export async function answerCounterNotice(
  ctx: FlowCtx,
  principal: Principal,
  input: { noticeId: string; productId: string; outcome: 'action_filed'; courtCaseReference: string },
): Promise<trust.NoticeView> {
  await inTransaction(ctx.db, async (tx) => {
    const { notice, listing } = await lockedListing(tx, input.noticeId, input.productId);
    if (notice.filedBy !== principal.userId) {
      throw forbidden('trust.not_your_notice', 'Only the rights owner who filed the notice may answer.');
    }
    if (listing.status !== 'counter_noticed' || listing.answer) {
      throw conflict('trust.no_counter_notice_to_answer', `The listing is ${listing.status}.`, {
        status: listing.status,
      });
    }
    if (new Date(listing.answerDueAt!) <= ctx.clock.now()) {
      throw conflict('trust.answer_window_closed', 'The time to answer has passed.', {
        answerDueAt: listing.answerDueAt,
      });
    }
    await trust.markAnswered(tx, {
      noticeId: notice.id,
      productId: listing.productId,
      courtCaseReference: input.courtCaseReference,
      at: ctx.clock.now(),
    });
    await removalStands(tx, ctx.clock, {
      notice,
      listing,
      rule: 'notice.counter_answered',
      actor: principal.userId,
      reason: `Court action filed: ${input.courtCaseReference}`,
    });
    await trust.recomputeReporterTier(tx, ctx.clock, notice.filedBy);
  });
  return trust.getNotice(ctx.db, input.noticeId);
}
