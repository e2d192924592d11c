import { emitEvent } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as orders from '../../../modules/orders/index.ts';
import * as trust from '../../../modules/trust/index.ts';

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
