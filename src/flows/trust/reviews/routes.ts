import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction.ts';
import { hasRole, ROLES } from '../../../kernel/access.ts';
import { conflict, forbidden, notFound } from '../../../kernel/errors.ts';
import type { UserId } from '../../../kernel/ids.ts';
import { LOCALES } from '../../../kernel/locales.ts';
import * as identity from '../../../modules/identity/index.ts';
import * as orders from '../../../modules/orders/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/**
 * Reviews from verified purchases. The flow checks what only orders and identity know (the order's
 * buyer, that it was delivered, the order line, the buyer's name to mask); the trust module writes,
 * moderates and queues.
 */

/** Reviews open once the goods have arrived: delivered, or completed (receipt confirmed or timed out). */
const REVIEWABLE: readonly orders.OrderStatus[] = ['delivered', 'completed'];

const id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `an id (${prefix}_…)`);
const Locale = z.enum(LOCALES);
const Status = z.enum(['held', 'published', 'removed']);
const ReviewParams = z.object({ reviewId: id('rev') });

/** A review as its buyer, the trust agents and admins see it (exported for the trust console's types). */
export const ReviewView = z.object({
  id: z.string(),
  orderId: z.string(),
  lineNo: z.number().int(),
  productId: z.string(),
  sellerId: z.string(),
  buyerId: z.string(),
  buyer: z.string(),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
  locale: Locale,
  status: Status,
  heldRules: z.array(z.string()),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  reply: z
    .object({
      body: z.string(),
      locale: Locale,
      status: Status,
      heldRules: z.array(z.string()),
      repliedBy: z.string(),
      repliedAt: z.string(),
    })
    .nullable(),
});
const PublicReviewView = z.object({
  id: z.string(),
  productId: z.string(),
  buyer: z.string().describe('The buyer’s name, masked (e.g. k***m).'),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
  locale: Locale,
  publishedAt: z.string(),
  reply: z.object({ body: z.string(), locale: Locale, repliedAt: z.string() }).nullable(),
});
const Summary = z.object({
  count: z.number().int(),
  average: z.string().nullable().describe('One decimal, e.g. "4.3"; null without reviews.'),
  histogram: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
});

export const ProductReviewsView = z.object({
  productId: z.string(),
  summary: Summary,
  reviews: z.array(PublicReviewView),
  nextCursor: z.string().nullable(),
});

const Text = (max: number) => z.string().trim().min(1).max(max);

/** What an agent may do with a review or its reply (exported: the console offers exactly these). */
export const ReviewDecisionBody = z
  .object({
    decision: z.enum(['publish', 'remove']),
    part: z.enum(['review', 'reply']).default('review'),
    reason: Text(1000),
  })
  .strict();

export function reviewRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/orders/:orderId/reviews',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['reviews'],
          summary:
            'The buyer reviews one line of a delivered order (held for an agent if a moderation rule matches)',
          params: z.object({ orderId: id('ord') }),
          body: z
            .object({
              lineNo: z.number().int().min(1),
              rating: z.number().int().min(1).max(5),
              title: Text(120),
              body: Text(4000),
              locale: Locale,
            })
            .strict(),
          response: { 201: ReviewView },
        },
      },
      async (req, reply) => {
        const p = req.principal!;
        const order = await orders.getOrder(ctx.db, req.params.orderId);
        if (order.buyerId !== p.userId)
          throw forbidden('trust.not_your_order', 'Only the buyer of this order may review it.', {
            orderId: order.id,
          });
        if (!REVIEWABLE.includes(order.status)) {
          throw conflict(
            'trust.review_before_delivery',
            'An order can be reviewed once it has been delivered.',
            {
              orderId: order.id,
              status: order.status,
            },
          );
        }
        const line = order.lines.find((l) => l.lineNo === req.body.lineNo);
        if (!line)
          throw notFound('trust.order_line_not_found', 'No such line in this order.', {
            lineNo: req.body.lineNo,
          });
        const user = await identity.getUser(ctx.db, p.userId as UserId);
        const review = await inTransaction(ctx.db, (tx) =>
          trust.createReview(tx, ctx.clock, {
            ...req.body,
            orderId: order.id,
            productId: line.productId,
            sellerId: order.sellerId,
            buyerId: order.buyerId,
            buyerName: user?.displayName ?? '',
          }),
        );
        return reply.code(201).send(review);
      },
    );

    app.post(
      '/reviews/:reviewId/reply',
      {
        config: { access: ['seller_staff'] },
        schema: {
          tags: ['reviews'],
          summary: 'The seller answers a published review, once (moderated like reviews)',
          params: ReviewParams,
          body: z.object({ body: Text(4000), locale: Locale }).strict(),
          response: { 201: ReviewView },
        },
      },
      async (req, reply) => {
        const p = req.principal!;
        const review = await trust.getReview(ctx.db, req.params.reviewId);
        if (review.status !== 'published') throw trust.reviewNotFound(review.id);
        if (!(p.sellerIds as readonly string[]).includes(review.sellerId)) {
          throw forbidden('trust.not_your_review', 'Only the reviewed seller’s staff may answer.', {
            reviewId: review.id,
          });
        }
        const answered = await inTransaction(ctx.db, (tx) =>
          trust.answerReview(tx, ctx.clock, { reviewId: review.id, ...req.body, actor: p.userId }),
        );
        return reply.code(201).send(answered);
      },
    );

    app.post(
      '/reviews/:reviewId/reports',
      {
        config: { access: ROLES },
        schema: {
          tags: ['reviews'],
          summary: 'Report a published review to the trust team',
          params: ReviewParams,
          body: z.object({ reason: Text(1000) }).strict(),
          response: { 202: z.object({ reviewId: z.string(), queued: z.boolean() }) },
        },
      },
      async (req, reply) => {
        const res = await inTransaction(ctx.db, (tx) =>
          trust.reportReview(tx, ctx.clock, {
            reviewId: req.params.reviewId,
            reporterId: req.principal!.userId,
            reason: req.body.reason,
          }),
        );
        return reply.code(202).send(res);
      },
    );

    app.get(
      '/trust/reviews/:reviewId',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'A review whatever its status, with the rules that held it',
          params: ReviewParams,
          response: { 200: ReviewView },
        },
      },
      async (req) => trust.getReview(ctx.db, req.params.reviewId),
    );

    app.post(
      '/trust/reviews/:reviewId/decision',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Publish or remove a review or the seller’s reply (closes its queue item)',
          params: ReviewParams,
          body: ReviewDecisionBody,
          response: { 200: ReviewView },
        },
      },
      async (req) => {
        const p = req.principal!;
        const review = await trust.getReview(ctx.db, req.params.reviewId);
        if (hasRole(p, 'seller_staff') && (p.sellerIds as readonly string[]).includes(review.sellerId)) {
          throw forbidden('trust.own_review', 'No one decides reviews of a seller they work for.', {
            reviewId: review.id,
          });
        }
        return inTransaction(ctx.db, (tx) =>
          trust.decideReview(tx, ctx.clock, { reviewId: review.id, ...req.body, actor: p.userId }),
        );
      },
    );

    app.get(
      '/products/:productId/reviews',
      {
        config: { access: 'public' },
        schema: {
          tags: ['reviews'],
          summary: 'Published reviews of a product with its rating summary and the seller’s replies',
          params: z.object({ productId: id('prd') }),
          querystring: z
            .object({
              locale: Locale.optional().describe('Only reviews written in this language.'),
              limit: z.coerce.number().int().min(1).max(trust.MAX_REVIEWS_PAGE).optional(),
              cursor: id('rev').optional(),
            })
            .strict(),
          response: { 200: ProductReviewsView },
        },
      },
      async (req) => {
        const { productId } = req.params;
        const [summary, page] = await Promise.all([
          trust.productRatingSummary(ctx.db, productId),
          trust.listProductReviews(ctx.db, { productId, ...req.query }),
        ]);
        return { productId, summary, ...page };
      },
    );

    app.get(
      '/sellers/:sellerId/reviews',
      {
        config: { access: 'public' },
        schema: {
          tags: ['reviews'],
          summary: 'A seller’s rating across its products, and per product',
          params: z.object({ sellerId: id('sel') }),
          response: {
            200: z.object({
              sellerId: z.string(),
              summary: Summary,
              products: z.array(z.object({ productId: z.string(), summary: Summary })),
            }),
          },
        },
      },
      async (req) => ({
        sellerId: req.params.sellerId,
        ...(await trust.sellerRatingSummary(ctx.db, req.params.sellerId)),
      }),
    );
  };
}
