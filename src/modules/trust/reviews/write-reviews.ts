import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { conflict, notFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import type { Locale } from '../../../kernel/locales.ts';
import { recordDecision } from '../queues/decisions.ts';
import { closeQueueItem, openQueueItem } from '../queues/queue-items.ts';
import { moderate } from './moderation.ts';
import { getReview, reviewNotFound } from './read-reviews.ts';
import { maskDisplayName, type Review, type ReviewRow, toReview } from './review-view.ts';

/**
 * Writing reviews: the buyer's review, the seller's one answer, reports, and the agent's decision.
 * The caller (a flow) has checked that the buyer received the order line and that the answerer
 * is the seller's staff; here the texts are moderated and the 'reviews' queue is fed.
 */

const QUEUE = 'reviews';

export interface NewReview {
  orderId: string;
  lineNo: number;
  productId: string;
  sellerId: string;
  buyerId: string;
  /** The buyer's display name; only its masked form is stored. */
  buyerName: string;
  rating: number;
  title: string;
  body: string;
  locale: Locale;
}

/** Writes a review, published at once unless a moderation rule holds it for an agent. */
export async function createReview(tx: Db, clock: Clock, input: NewReview): Promise<Review> {
  const rules = moderate([input.title, input.body]);
  const status = rules.length > 0 ? 'held' : 'published';
  const now = clock.now().toISOString();
  const id = newId('rev');
  const { rows } = await tx.execute<ReviewRow>(sql`
    INSERT INTO trust_reviews (id, order_id, line_no, product_id, seller_id, buyer_id, buyer_display, rating,
                               title, body, locale, status, held_rules, created_at, published_at)
    VALUES (${id}, ${input.orderId}, ${input.lineNo}, ${input.productId}, ${input.sellerId}, ${input.buyerId},
            ${maskDisplayName(input.buyerName)}, ${input.rating}, ${input.title}, ${input.body}, ${input.locale},
            ${status}, ${sql.param(rules)}::text[], ${now}, ${status === 'published' ? now : null})
    ON CONFLICT (order_id, line_no) DO NOTHING
    RETURNING *`);
  if (!rows[0]) {
    throw conflict('trust.review_exists', 'This order line already has a review.', {
      orderId: input.orderId,
      lineNo: input.lineNo,
    });
  }
  if (status === 'held') await hold(tx, clock, { id, sellerId: input.sellerId, rules, part: 'review' });
  return toReview(rows[0]);
}

async function hold(
  tx: Db,
  clock: Clock,
  h: { id: string; sellerId: string; rules: string[]; part: 'review' | 'reply' },
): Promise<void> {
  await openQueueItem(tx, clock, {
    queue: QUEUE,
    subjectKind: h.part === 'review' ? 'review' : 'review_reply',
    subjectId: h.id,
    sellerId: h.sellerId,
    summary: `Held ${h.part === 'review' ? 'review' : 'seller reply'}: ${h.rules.join(', ')}`,
  });
  await recordDecision(tx, clock, {
    subjectKind: 'review',
    subjectId: h.id,
    sellerId: h.sellerId,
    decision: h.part === 'review' ? 'held' : 'reply_held',
    rule: `review.${h.rules[0]}`,
    actor: 'system',
    detail: { rules: h.rules },
  });
}

/**
 * The seller's one answer to a published review, moderated by the same rules. A second answer is
 * refused, even if the first was removed.
 */
export async function answerReview(
  tx: Db,
  clock: Clock,
  input: { reviewId: string; body: string; locale: Locale; actor: string },
): Promise<Review> {
  const review = await getReview(tx, input.reviewId);
  // The seller cannot see a held or removed review, so to it there is nothing to answer.
  if (review.status !== 'published') throw reviewNotFound(review.id);
  const rules = moderate([input.body]);
  const status = rules.length > 0 ? 'held' : 'published';
  const { rows } = await tx.execute<ReviewRow>(sql`
    UPDATE trust_reviews
       SET reply_body = ${input.body}, reply_locale = ${input.locale}, reply_status = ${status},
           reply_rules = ${sql.param(rules)}::text[], replied_by = ${input.actor}, replied_at = ${clock.now().toISOString()}
     WHERE id = ${review.id} AND reply_body IS NULL
     RETURNING *`);
  if (!rows[0]) {
    throw conflict('trust.review_already_answered', 'The seller has already answered this review.', {
      reviewId: review.id,
    });
  }
  if (status === 'held')
    await hold(tx, clock, { id: review.id, sellerId: review.sellerId, rules, part: 'reply' });
  return toReview(rows[0]);
}

/** Anyone signed in may report a published review once; it goes to the agents' queue. */
export async function reportReview(
  tx: Db,
  clock: Clock,
  input: { reviewId: string; reporterId: string; reason: string },
): Promise<{ reviewId: string; queued: boolean }> {
  const review = await getReview(tx, input.reviewId);
  if (review.status !== 'published') throw reviewNotFound(review.id);
  await tx.execute(sql`
    INSERT INTO trust_review_reports (review_id, reporter_id, reason, reported_at)
    VALUES (${review.id}, ${input.reporterId}, ${input.reason}, ${clock.now().toISOString()})
    ON CONFLICT (review_id, reporter_id) DO NOTHING`);
  await openQueueItem(tx, clock, {
    queue: QUEUE,
    subjectKind: 'review',
    subjectId: review.id,
    sellerId: review.sellerId,
    summary: `Reported review: ${input.reason}`,
  });
  return { reviewId: review.id, queued: true };
}

/**
 * An agent publishes or removes a review (or the seller's reply): a held text is decided, a
 * reported review kept or removed, a published one removed, a removed one reinstated. The queue
 * item closes and the decision is recorded with the rule that brought it there.
 */
export async function decideReview(
  tx: Db,
  clock: Clock,
  input: {
    reviewId: string;
    part: 'review' | 'reply';
    decision: 'publish' | 'remove';
    reason: string;
    actor: string;
  },
): Promise<Review> {
  const review = await getReview(tx, input.reviewId, { forUpdate: true });
  const target = input.decision === 'publish' ? 'published' : 'removed';
  const current = input.part === 'review' ? review.status : review.reply?.status;
  if (current === undefined)
    throw notFound('trust.review_reply_not_found', 'This review has no reply.', { reviewId: review.id });
  const heldRules = input.part === 'review' ? review.heldRules : (review.reply?.heldRules ?? []);
  const closed = await closeQueueItem(tx, clock, {
    queue: QUEUE,
    subjectKind: input.part === 'review' ? 'review' : 'review_reply',
    subjectId: review.id,
    actor: input.actor,
    outcome: target,
  });
  // Re-deciding what stands, with nothing in the queue, is a mistake worth telling the agent.
  if (current === target && !closed) {
    throw conflict('trust.review_already_decided', `It is already ${target}.`, { reviewId: review.id });
  }
  const rule =
    current === 'held'
      ? `review.${heldRules[0] ?? 'held'}`
      : closed
        ? 'review.reported'
        : input.part === 'review'
          ? 'agent.review'
          : 'agent.reply';
  const now = clock.now().toISOString();
  if (input.part === 'review') {
    await tx.execute(sql`
      UPDATE trust_reviews SET status = ${target},
             published_at = CASE WHEN ${target} = 'published' THEN COALESCE(published_at, ${now}::timestamptz) ELSE published_at END
       WHERE id = ${review.id}`);
  } else {
    await tx.execute(sql`UPDATE trust_reviews SET reply_status = ${target} WHERE id = ${review.id}`);
  }
  await recordDecision(tx, clock, {
    subjectKind: 'review',
    subjectId: review.id,
    sellerId: review.sellerId,
    decision: input.part === 'review' ? target : `reply_${target}`,
    rule,
    actor: input.actor,
    detail: { reason: input.reason, part: input.part, from: current },
  });
  return getReview(tx, review.id);
}
