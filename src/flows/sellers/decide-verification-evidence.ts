import { inTransaction } from '../../db/transaction.ts';
import { isSellerStaff, type Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as sellers from '../../modules/sellers/index.ts';
import * as trust from '../../modules/trust/index.ts';
import { VERIFICATION_QUEUE, VERIFICATION_SUBJECT_KIND } from './verification-access.ts';

/**
 * A trust agent approves or rejects an item: the item is decided, its queue item closed and the
 * decision recorded on the seller, in one transaction. An agent who is staff of the seller may not
 * decide its evidence.
 */
export async function decideVerificationEvidence(
  ctx: Ctx,
  principal: Principal,
  input: { itemId: string; decision: 'approve' | 'reject'; reason: string },
): Promise<sellers.VerificationItem> {
  return inTransaction(ctx.db, async (tx) => {
    const pending = await sellers.getVerificationItem(tx, input.itemId);
    if (isSellerStaff(principal, pending.sellerId)) {
      throw forbidden('sellers.own_verification', 'No one decides the evidence of a seller they work for.', {
        itemId: pending.id,
      });
    }
    const item = await sellers.decideVerificationItem(tx, ctx.clock, { ...input, actor: principal.userId });
    const outcome = item.status === 'approved' ? 'approved' : 'rejected';
    await trust.closeQueueItem(tx, ctx.clock, {
      queue: VERIFICATION_QUEUE,
      subjectKind: VERIFICATION_SUBJECT_KIND,
      subjectId: item.id,
      actor: principal.userId,
      outcome,
    });
    await trust.recordDecision(tx, ctx.clock, {
      subjectKind: 'seller',
      subjectId: item.sellerId,
      sellerId: item.sellerId,
      decision: `verification_${outcome}`,
      rule: `seller_verification.${item.kind}`,
      actor: principal.userId,
      detail: { itemId: item.id, kind: item.kind, reason: input.reason },
    });
    return item;
  });
}
