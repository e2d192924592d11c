import { emitEvent, recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { conflict, invalid } from '../../../kernel/errors.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as orders from '../../../modules/orders/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { reinstateListing } from './notice-outcomes.ts';

const DAY_MS = 86_400_000;

/**
 * Takes listings of a notice down, in the caller's transaction: the catalog hold (replacing any
 * other hold), a recorded decision per listing, a freeze on the escrow of their open orders, and
 * an event that tells the seller. Only listings pending review move; returns those.
 */
export async function takeDownListings(
  tx: Db,
  clock: Clock,
  input: {
    notice: trust.NoticeView;
    productIds: readonly string[];
    rule: trust.TakedownRule;
    actor: string;
    /** The agent's reason, kept with each decision (a trusted reporter's takedown has none). */
    reason?: string;
  },
): Promise<trust.NoticeListingView[]> {
  const { notice } = input;
  const now = clock.now();
  const counterDueAt = new Date(now.getTime() + trust.noticeReasons().counterNoticeFilingWindowDays * DAY_MS);
  const moved = await trust.markTakenDown(tx, {
    noticeId: notice.id,
    productIds: input.productIds,
    rule: input.rule,
    at: now,
    counterDueAt,
  });
  if (moved.length === 0) return [];
  await catalog.setTrustHold(
    tx,
    moved.map((l) => l.productId),
    'taken_down',
  );
  for (const l of moved) {
    await trust.recordDecision(tx, clock, {
      subjectKind: 'listing',
      subjectId: l.productId,
      sellerId: l.sellerId,
      decision: 'taken_down',
      rule: input.rule,
      actor: input.actor,
      detail: {
        noticeId: notice.id,
        reasonCode: notice.reasonCode,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
    const orderIds = await orders.openOrdersWithProducts(tx, [l.productId]);
    const frozen = await orders.freezeEscrowRelease(tx, clock, {
      orderIds,
      reference: trust.freezeReference(notice.id, l.productId),
      reason: `Rights owner's notice ${notice.id} (${notice.reasonCode})`,
    });
    await emitEvent(tx, 'trust.listing_taken_down', l.productId, {
      noticeId: notice.id,
      productId: l.productId,
      sellerId: l.sellerId,
      reasonCode: notice.reasonCode,
      counterDueAt: counterDueAt.toISOString(),
      frozenOrderIds: frozen,
    });
  }
  return moved;
}

/**
 * A rights owner files a notice. A trusted reporter's listings go down at once; any other notice
 * waits in the agents' 'notices' queue. Unknown product ids are refused, naming them.
 */
export async function fileNotice(
  ctx: FlowCtx,
  principal: Principal,
  input: trust.FileNoticeInput,
): Promise<trust.NoticeView> {
  const ids = [...new Set(input.productIds)];
  const found = await catalog.productsForIndex(ctx.db, ids);
  const sellerOf = new Map(found.map((p) => [p.productId as string, p.sellerId as string]));
  const unknown = ids.filter((id) => !sellerOf.has(id));
  if (unknown.length > 0) {
    throw invalid('trust.unknown_listings', 'Some product ids name no listing.', { productIds: unknown });
  }
  const evidence = trust.prepareEvidence(input.evidence);
  const noticeId = await inTransaction(ctx.db, async (tx) => {
    const trusted = await trust.isTrustedReporter(tx, principal.userId);
    const id = await trust.insertNotice(tx, {
      filedBy: principal.userId,
      rights: input.rights,
      brandId: input.brandId ?? null,
      reasonCode: input.reasonCode,
      statement: input.statement,
      evidence,
      listings: ids.map((productId) => ({ productId, sellerId: sellerOf.get(productId)! })),
      trustedReporter: trusted,
      at: ctx.clock.now(),
    });
    await recordAudit(tx, {
      actor: principal.userId,
      action: 'trust.notice_filed',
      subject: id,
      detail: { reasonCode: input.reasonCode, listings: ids.length, trustedReporter: trusted },
    });
    const notice = await trust.getNotice(tx, id);
    if (trusted) {
      await takeDownListings(tx, ctx.clock, {
        notice,
        productIds: ids,
        rule: 'notice.trusted_reporter',
        actor: principal.userId,
      });
    } else {
      await trust.openQueueItem(tx, ctx.clock, {
        queue: 'notices',
        subjectKind: 'notice',
        subjectId: id,
        summary: `${input.reasonCode} notice by ${input.rights.ownerName} naming ${ids.length} listing(s)`,
      });
    }
    return id;
  });
  return trust.getNotice(ctx.db, noticeId);
}

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
