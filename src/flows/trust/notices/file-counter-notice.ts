import { emitEvent, recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import { conflict, forbidden, notFound } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { removalStands } from './notice-outcomes.ts';

async function lockedListing(
  tx: Db,
  noticeId: string,
  productId: string,
): Promise<{ notice: trust.NoticeView; listing: trust.NoticeListingView }> {
  const listings = await trust.lockNoticeListings(tx, noticeId);
  const listing = listings.find((l) => l.productId === productId);
  if (!listing) {
    throw notFound('trust.notice_listing_not_found', 'The notice does not name this listing.', {
      noticeId,
      productId,
    });
  }
  return { notice: await trust.getNotice(tx, noticeId), listing };
}

/**
 * The seller of a taken-down listing counter-notifies. The rights owner then has the policy's
 * business days (17 U.S.C. § 512(g)(2)(C)) to answer that it has gone to court; if it does not,
 * the notice timer reinstates the listing.
 */
export async function counterNotify(
  ctx: FlowCtx,
  principal: Principal,
  input: { noticeId: string; productId: string } & trust.CounterNoticeInput,
): Promise<trust.NoticeView> {
  const evidence = trust.prepareEvidence(input.evidence);
  await inTransaction(ctx.db, async (tx) => {
    const { notice, listing } = await lockedListing(tx, input.noticeId, input.productId);
    if (!(principal.sellerIds as readonly string[]).includes(listing.sellerId)) {
      throw forbidden('trust.not_your_listing', 'Only the listing’s seller may counter-notify.');
    }
    const now = ctx.clock.now();
    if (listing.status !== 'taken_down') {
      throw conflict('trust.counter_notice_not_open', `The listing is ${listing.status}.`, {
        status: listing.status,
      });
    }
    if (listing.counterDueAt && new Date(listing.counterDueAt) <= now) {
      throw conflict('trust.counter_window_closed', 'The time to counter-notify has passed.', {
        counterDueAt: listing.counterDueAt,
      });
    }
    const policy = trust.trustPolicy();
    const answerDueAt = trust.addBusinessDays(
      now,
      policy.counterNotice.answerWindowBusinessDays,
      policy.businessDays,
    );
    await trust.markCounterNoticed(tx, {
      noticeId: notice.id,
      productId: listing.productId,
      by: principal.userId,
      statement: input.statement,
      evidence: evidence.items,
      at: now,
      answerDueAt,
    });
    await trust.openQueueItem(tx, ctx.clock, {
      queue: 'counter_notices',
      subjectKind: 'notice_listing',
      subjectId: trust.noticeListingSubject(notice.id, listing.productId),
      sellerId: listing.sellerId,
      summary: `Counter-notice to ${notice.reasonCode} notice ${notice.id}; the rights owner must answer by ${answerDueAt.toISOString()}`,
    });
    await recordAudit(tx, {
      actor: principal.userId,
      action: 'trust.counter_notice_filed',
      subject: notice.id,
      detail: { productId: listing.productId, answerDueAt: answerDueAt.toISOString() },
    });
    await emitEvent(tx, 'trust.counter_notice_filed', notice.id, {
      noticeId: notice.id,
      productId: listing.productId,
      filedBy: notice.filedBy,
      answerDueAt: answerDueAt.toISOString(),
    });
  });
  return trust.getNotice(ctx.db, input.noticeId);
}

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
