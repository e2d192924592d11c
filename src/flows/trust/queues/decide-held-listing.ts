import { inTransaction } from '../../../db/transaction.ts';
import { conflict } from '../../../kernel/errors.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/**
 * An agent's decision on a held listing: publish it (the finding was wrong, or the seller showed
 * its right) or remove it (a proactive removal, counted in the published figures). The decision
 * and the closed queue item are audited in the same transaction.
 */
export async function decideHeldListing(
  ctx: FlowCtx,
  input: { productId: string; agentId: string; decision: 'publish' | 'remove'; reason: string },
): Promise<{ productId: string; visible: boolean; trustHold: string | null }> {
  return inTransaction(ctx.db, async (tx) => {
    const product = await catalog.getProduct(tx, input.productId, { includeHidden: true });
    const publish = input.decision === 'publish';
    const changed = await catalog.setTrustHold(tx, [product.id], publish ? null : 'taken_down', [
      'held_for_review',
    ]);
    if (changed.length === 0) {
      throw conflict('trust.listing_not_held', 'This listing is not held for review.', {
        productId: product.id,
        trustHold: product.trustHold,
      });
    }
    await trust.recordDecision(tx, ctx.clock, {
      subjectKind: 'listing',
      subjectId: product.id,
      sellerId: product.sellerId,
      decision: publish ? 'published' : 'removed',
      rule: publish ? 'agent.review_cleared' : 'agent.review_removed',
      actor: input.agentId,
      detail: { reason: input.reason },
    });
    await trust.closeQueueItem(tx, ctx.clock, {
      queue: 'held_listings',
      subjectKind: 'listing',
      subjectId: product.id,
      actor: input.agentId,
      outcome: publish ? 'published' : 'removed',
    });
    const after = await catalog.getProduct(tx, product.id, { includeHidden: true });
    return { productId: after.id, visible: after.visible, trustHold: after.trustHold };
  });
}
