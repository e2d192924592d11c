import { emitEvent, recordAudit } from '../../../db/audit.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { isSellerStaff, type Principal } from '../../../kernel/access.ts';
import { conflict, forbidden } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { lockedListing } from './locked-notice-listing.ts';
import { noticeFor } from './read-notice.ts';

/**
 * The seller of a taken-down listing counter-notifies. The rights owner then has the policy's
 * business days (17 U.S.C. § 512(g)(2)(C)) to answer that it has gone to court; if it does not,
 * the notice timer reinstates the listing. The seller sees only its own listings of the notice.
 */
export async function counterNotify(
  ctx: FlowCtx,
  principal: Principal,
  input: { noticeId: string; productId: string } & trust.CounterNoticeInput,
): Promise<trust.NoticeView> {
  const evidence = trust.prepareEvidence(input.evidence);
  await inTransaction(ctx.db, async (tx) => {
    const { notice, listing } = await lockedListing(tx, input.noticeId, input.productId);
    if (!isSellerStaff(principal, listing.sellerId)) {
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
  return noticeFor(principal, await trust.getNotice(ctx.db, input.noticeId));
}
