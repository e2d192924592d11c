/** Reviews from verified purchases: moderation rules as data, the seller's one answer, reports, agent decisions. */
export { moderate, moderationRules } from './moderation.js';
export {
  getReview,
  listProductReviews,
  MAX_REVIEWS_PAGE,
  productRatingSummary,
  reviewNotFound,
  reviewsOfOrder,
  sellerRatingSummary,
} from './read-reviews.js';
export {
  maskDisplayName,
  type PublicReview,
  type RatingSummary,
  type Review,
  type ReviewStatus,
  ratingSummary,
  toPublicReview,
} from './review-view.js';
export { answerReview, createReview, decideReview, type NewReview, reportReview } from './write-reviews.js';
