/** Reviews from verified purchases: moderation rules as data, the seller's one answer, reports, agent decisions. */
export { moderate, moderationRules } from './moderation.ts';
export {
  getReview,
  listProductReviews,
  MAX_REVIEWS_PAGE,
  productRatingSummary,
  reviewNotFound,
  reviewsOfOrder,
  sellerRatingSummary,
} from './read-reviews.ts';
export {
  maskDisplayName,
  type PublicReview,
  type RatingSummary,
  type Review,
  type ReviewStatus,
  ratingSummary,
  toPublicReview,
} from './review-view.ts';
export { answerReview, createReview, decideReview, type NewReview, reportReview } from './write-reviews.ts';
