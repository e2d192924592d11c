import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import { conflict, invalid } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { reinstateListing } from './notice-outcomes.ts';
import { takeDownListings } from './take-down.ts';

/**
 * A trust agent upholds (takes down) or rejects a notice, for some of its listings or all.
 * Rejecting a listing already down (a trusted reporter's takedown, or a removal a court
 * overturned) reinstates it. The reporter's tier is recomputed after every decision.
 */
export async function decideNotice(
  ctx: FlowCtx,
  principal: Principal,
  input: { noticeId: string; decision: 'uphold' | 'reject'; productIds?: string[]; reason: string },
): Promise<trust.NoticeView> {
  await inTransaction(ctx.db, async (tx) => {
    const listings = await trust.lockNoticeListings(tx, input.noticeId);
    const notice = await trust.getNotice(tx, input.noticeId);
    const byId = new Map(listings.map((l) => [l.productId, l]));
    const named = input.productIds ? [...new Set(input.productIds)] : null;
    const strange = named?.filter((id) => !byId.has(id)) ?? [];
    if (strange.length > 0) {
      throw invalid('trust.listing_not_in_notice', 'The notice does not name these listings.', {
        productIds: strange,
      });
    }
    const from: readonly trust.NoticeListingStatus[] =
      input.decision === 'uphold' ? ['pending_review'] : ['pending_review', ...trust.DOWN_STATES];
    const targets = (named ?? listings.map((l) => l.productId)).map((id) => byId.get(id)!);
    const wrong = named ? targets.filter((l) => !from.includes(l.status)) : [];
    const eligible = targets.filter((l) => from.includes(l.status));
    if (wrong.length > 0 || eligible.length === 0) {
      throw conflict('trust.notice_already_decided', `No listing here can be ${input.decision}d now.`, {
        listings: (wrong.length > 0 ? wrong : targets).map((l) => ({
          productId: l.productId,
          status: l.status,
        })),
      });
    }
    if (input.decision === 'uphold') {
      await takeDownListings(tx, ctx.clock, {
        notice,
        productIds: eligible.map((l) => l.productId),
        rule: 'notice.agent_upheld',
        actor: principal.userId,
        reason: input.reason,
      });
    } else {
      for (const l of eligible) {
        if (l.status === 'pending_review') {
          await trust.closeNoticeListing(tx, {
            noticeId: notice.id,
            productId: l.productId,
            from: ['pending_review'],
            to: 'rejected',
            at: ctx.clock.now(),
            by: principal.userId,
            rule: 'notice.agent_rejected',
            reason: input.reason,
          });
          await trust.recordDecision(tx, ctx.clock, {
            subjectKind: 'listing',
            subjectId: l.productId,
            sellerId: l.sellerId,
            decision: 'notice_rejected',
            rule: 'notice.agent_rejected',
            actor: principal.userId,
            detail: { noticeId: notice.id, reason: input.reason },
          });
        } else {
          await reinstateListing(tx, ctx.clock, {
            notice,
            listing: l,
            from: trust.DOWN_STATES,
            rule: 'notice.agent_rejected',
            actor: principal.userId,
            reason: input.reason,
          });
        }
      }
    }
    const after = await trust.getNotice(tx, notice.id);
    if (!after.listings.some((l) => l.status === 'pending_review')) {
      const upheld = after.listings.filter((l) => l.takedownRule === 'notice.agent_upheld').length;
      await trust.closeQueueItem(tx, ctx.clock, {
        queue: 'notices',
        subjectKind: 'notice',
        subjectId: notice.id,
        actor: principal.userId,
        outcome: upheld === 0 ? 'rejected' : upheld === after.listings.length ? 'upheld' : 'partly_upheld',
      });
    }
    await trust.recomputeReporterTier(tx, ctx.clock, notice.filedBy);
  });
  return trust.getNotice(ctx.db, input.noticeId);
}
