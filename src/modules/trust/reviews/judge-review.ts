import { inTransaction } from '../../../db/transaction.ts';
import { isSellerStaff, type Principal } from '../../../kernel/access.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { forbidden } from '../../../kernel/errors.ts';
import { getReview } from './read-reviews.ts';
import type { Review } from './review-view.ts';
import { decideReview } from './write-reviews.ts';

/** An agent publishes or removes a review or its reply; no one decides reviews of a seller they work for. */
export async function judgeReview(
  ctx: Ctx,
  principal: Principal,
  input: { reviewId: string; part: 'review' | 'reply'; decision: 'publish' | 'remove'; reason: string },
): Promise<Review> {
  const review = await getReview(ctx.db, input.reviewId);
  if (isSellerStaff(principal, review.sellerId)) {
    throw forbidden('trust.own_review', 'No one decides reviews of a seller they work for.', {
      reviewId: review.id,
    });
  }
  return inTransaction(ctx.db, (tx) => decideReview(tx, ctx.clock, { ...input, actor: principal.userId }));
}
