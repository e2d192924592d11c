import { emitEvent } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import type { SellerId } from '../../../kernel/ids.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as orders from '../../../modules/orders/index.ts';
import * as sellers from '../../../modules/sellers/index.ts';
import * as trust from '../../../modules/trust/index.ts';

/**
 * The two ends of a takedown, each inside the caller's transaction: the listing comes back
 * (reinstated) or the removal stands (removed, a strike, maybe a suspension).
 *
 * Money of orders already paid for a taken-down listing: the freeze keeps it from the seller
 * while the notice is open. Reinstated or rejected → the freeze is lifted and the orders release
 * as usual. Removal stands → the orders stay frozen and a trust item is opened for an agent to
 * refund the buyers (or release, if the goods were genuine after all) through the dispute and
 * refund flows; nothing is refunded automatically, since a removal on, say, a copied photo does
 * not mean the goods delivered were fake.
 */

type Listing = Pick<trust.NoticeListingView, 'productId' | 'sellerId'>;
type Notice = Pick<trust.NoticeView, 'id' | 'filedBy' | 'reasonCode'>;

/** Lifts the notice's hold (unless another notice keeps the product down), its freeze and its strike. */
export async function reinstateListing(
  tx: Db,
  clock: Clock,
  input: {
    notice: Notice;
    listing: Listing;
    from: readonly trust.NoticeListingStatus[];
    to?: 'reinstated' | 'rejected';
    rule: string;
    actor: string;
    reason: string | null;
  },
): Promise<boolean> {
  const { notice, listing } = input;
  const closed = await trust.closeNoticeListing(tx, {
    noticeId: notice.id,
    productId: listing.productId,
    from: input.from,
    to: input.to ?? 'reinstated',
    at: clock.now(),
    by: input.actor,
    rule: input.rule,
    reason: input.reason,
  });
  if (!closed) return false;
  if (!(await trust.productDownUnderOtherNotice(tx, listing.productId, notice.id))) {
    await catalog.setTrustHold(tx, [listing.productId], null, ['taken_down']);
  }
  const lifted = await orders.liftEscrowFreeze(
    tx,
    clock,
    trust.freezeReference(notice.id, listing.productId),
  );
  await trust.withdrawStrike(tx, clock, {
    noticeId: notice.id,
    productId: listing.productId,
    rule: input.rule,
    actor: input.actor,
  });
  await trust.recordDecision(tx, clock, {
    subjectKind: 'listing',
    subjectId: listing.productId,
    sellerId: listing.sellerId,
    decision: 'reinstated',
    rule: input.rule,
    actor: input.actor,
    detail: {
      noticeId: notice.id,
      unfrozenOrderIds: lifted,
      ...(input.reason ? { reason: input.reason } : {}),
    },
  });
  await trust.closeQueueItem(tx, clock, {
    queue: 'counter_notices',
    subjectKind: 'notice_listing',
    subjectId: trust.noticeListingSubject(notice.id, listing.productId),
    actor: input.actor,
    outcome: 'reinstated',
  });
  // A removal an agent later reverses: its frozen orders need no refund decision any more.
  await trust.closeQueueItem(tx, clock, {
    queue: 'notices',
    subjectKind: 'frozen_orders',
    subjectId: trust.noticeListingSubject(notice.id, listing.productId),
    actor: input.actor,
    outcome: 'freeze_lifted',
  });
  await emitEvent(tx, 'trust.listing_reinstated', listing.productId, {
    noticeId: notice.id,
    productId: listing.productId,
    sellerId: listing.sellerId,
    rule: input.rule,
  });
  return true;
}

/** The removal stands: a strike (serious per the reason), suspension at the policy's count, orders left frozen. */
export async function removalStands(
  tx: Db,
  clock: Clock,
  input: { notice: Notice; listing: Listing; rule: string; actor: string; reason: string | null },
): Promise<boolean> {
  const { notice, listing } = input;
  const closed = await trust.closeNoticeListing(tx, {
    noticeId: notice.id,
    productId: listing.productId,
    from: ['taken_down', 'counter_noticed'],
    to: 'removed',
    at: clock.now(),
    by: input.actor,
    rule: input.rule,
    reason: input.reason,
  });
  if (!closed) return false;
  const serious = trust.noticeReasons().reasons.get(notice.reasonCode)?.serious ?? false;
  await trust.recordDecision(tx, clock, {
    subjectKind: 'listing',
    subjectId: listing.productId,
    sellerId: listing.sellerId,
    decision: 'removed',
    rule: input.rule,
    actor: input.actor,
    detail: { noticeId: notice.id, reasonCode: notice.reasonCode, seriousStrike: serious },
  });
  await trust.addStrike(tx, clock, {
    sellerId: listing.sellerId,
    noticeId: notice.id,
    productId: listing.productId,
    reasonCode: notice.reasonCode,
    serious,
  });
  await trust.closeQueueItem(tx, clock, {
    queue: 'counter_notices',
    subjectKind: 'notice_listing',
    subjectId: trust.noticeListingSubject(notice.id, listing.productId),
    actor: input.actor,
    outcome: 'removed',
  });
  const frozen = await orders.openOrdersWithProducts(tx, [listing.productId]);
  if (frozen.length > 0) {
    await trust.openQueueItem(tx, clock, {
      queue: 'notices',
      subjectKind: 'frozen_orders',
      subjectId: trust.noticeListingSubject(notice.id, listing.productId),
      sellerId: listing.sellerId,
      summary: `Removal stands (${notice.reasonCode}): escrow of ${frozen.length} open order(s) stays frozen; refund the buyers or release.`,
    });
  }
  await emitEvent(tx, 'trust.listing_removed', listing.productId, {
    noticeId: notice.id,
    productId: listing.productId,
    sellerId: listing.sellerId,
    rule: input.rule,
    seriousStrike: serious,
  });
  await suspendOnStrikes(tx, clock, listing.sellerId, notice.id);
  return true;
}

/** At the policy's count of serious strikes in the window, a verified seller is suspended (listings hidden). */
async function suspendOnStrikes(tx: Db, clock: Clock, sellerId: string, noticeId: string): Promise<void> {
  const s = await trust.sellerStrikes(tx, clock, sellerId);
  if (s.activeSerious < s.seriousToSuspend) return;
  const seller = await sellers.getSeller(tx, sellerId);
  if (seller.state !== 'verified') return;
  const reason = `${s.activeSerious} serious strikes within ${s.windowDays} days (latest: notice ${noticeId})`;
  // changeSellerStanding opens its own transaction; the same two steps here keep it in this one.
  await sellers.transitionSeller(tx, clock, {
    sellerId: sellerId as SellerId,
    from: 'verified',
    to: 'suspended',
    actorId: 'system',
    reason,
  });
  await catalog.setSellerVisibility(tx, sellerId as SellerId, false);
  await trust.recordDecision(tx, clock, {
    subjectKind: 'seller',
    subjectId: sellerId,
    sellerId,
    decision: 'suspended',
    rule: 'strikes.three_serious',
    actor: 'system',
    detail: { activeSerious: s.activeSerious, windowDays: s.windowDays, noticeId },
  });
}
