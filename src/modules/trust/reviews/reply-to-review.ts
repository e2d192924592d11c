import { inTransaction } from '../../../db/transaction.ts';
import { isSellerStaff, type Principal } from '../../../kernel/access.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { forbidden } from '../../../kernel/errors.ts';
import type { Locale } from '../../../kernel/locales.ts';
import { getReview, reviewNotFound } from './read-reviews.ts';
import type { Review } from './review-view.ts';
import { answerReview } from './write-reviews.ts';

/** The reviewed seller's staff answer a published review, once. */
export async function replyToReview(
  ctx: Ctx,
  principal: Principal,
  input: { reviewId: string; body: string; locale: Locale },
): Promise<Review> {
  const review = await getReview(ctx.db, input.reviewId);
  // The seller cannot see a held or removed review, so to it there is nothing to answer.
  if (review.status !== 'published') throw reviewNotFound(review.id);
  if (!isSellerStaff(principal, review.sellerId)) {
    throw forbidden('trust.not_your_review', 'Only the reviewed seller’s staff may answer.', {
      reviewId: review.id,
    });
  }
  return inTransaction(ctx.db, (tx) => answerReview(tx, ctx.clock, { ...input, actor: principal.userId }));
}
