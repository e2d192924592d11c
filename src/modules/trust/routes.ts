import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inTransaction } from '../../db/transaction.ts';
import { ROLES } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { invalid } from '../../kernel/errors.ts';
import { listAuthenticityAlerts, resolveAuthenticityAlert } from './authenticity/verify-scan.ts';
import { brandDetail } from './brands/brand-detail.ts';
import { getBrand, listBrands, reviewBrand } from './brands/brands.ts';
import { ReviewBrandSchema } from './brands/schemas.ts';
import { listSellerBrandAuthorizations } from './brands/seller-brand-authorizations.ts';
import { trustFigures } from './notices/figures.ts';
import { listNotices } from './notices/notices.ts';
import { noticeReasons } from './notices/reasons.ts';
import { setReporterTier } from './notices/reporters.ts';
import { sellerStrikes } from './notices/strikes.ts';
import { claimQueueItem, listQueue, queueSummary } from './queues/queue-items.ts';
import { judgeReview } from './reviews/judge-review.ts';
import {
  getReview,
  listProductReviews,
  productRatingSummary,
  sellerRatingSummary,
} from './reviews/read-reviews.ts';
import { replyToReview } from './reviews/reply-to-review.ts';
import { reportReview } from './reviews/write-reviews.ts';
import {
  AlertsQuery,
  AlertsView,
  AlertView,
  BrandParams,
  BrandView,
  FiguresJson,
  NoticeReasonsJson,
  NoticesJson,
  OwnerBrandsView,
  PeriodQuery,
  ProductParams,
  ProductReviewsQuery,
  ProductReviewsView,
  publicBrandView,
  QueueItemJson,
  QueueItemParams,
  QueueItemsJson,
  QueueParams,
  QueueQuery,
  QueuesSummaryJson,
  ReplyBody,
  ReportBody,
  ReporterJson,
  ReporterTierBody,
  ReviewDecisionBody,
  ReviewParams,
  ReviewReportView,
  ReviewView,
  SellerAlertParams,
  SellerAuthorizationsView,
  SellerNoticesQuery,
  SellerParams,
  SellerReviewsView,
  StrikesJson,
  UserParams,
} from './schemas.ts';
import { assertSeesSeller } from './seller-access.ts';

/**
 * The trust routes whose use cases need only this module: brand reviews by agents, a seller's
 * brand authorizations, notices, strikes and authenticity alerts, the reporter tier, the published
 * figures and reasons, the agents' queues, and reviews (but writing one, which needs the order).
 * Routes that also touch other modules live in src/flows/trust/<area>/routes.ts.
 */

const AGENTS = ['trust_agent', 'platform_admin'] as const;

export function trustRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    // Brands, as the agents review them, and the authorizations a seller holds.

    app.post(
      '/trust/brands/:brandId/review',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Verify or reject a pending brand on its documents',
          params: BrandParams,
          body: ReviewBrandSchema,
          response: { 200: BrandView },
        },
      },
      async (req) => {
        const brand = await inTransaction(ctx.db, (tx) =>
          reviewBrand(tx, ctx.clock, {
            ...req.body,
            brandId: req.params.brandId,
            agentId: req.principal!.userId,
          }),
        );
        return brandDetail(ctx.db, brand);
      },
    );

    app.get(
      '/trust/brands/:brandId/owner-brands',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'The other brands registered by this brand’s owner, whatever their status',
          params: BrandParams,
          response: { 200: OwnerBrandsView },
        },
      },
      async (req) => {
        const brand = await getBrand(ctx.db, req.params.brandId);
        const owned = await listBrands(ctx.db, { ownerUserId: brand.ownerUserId });
        return {
          ownerUserId: brand.ownerUserId,
          brands: owned.filter((b) => b.id !== brand.id).map(publicBrandView),
        };
      },
    );

    app.get(
      '/sellers/:sellerId/brand-authorizations',
      {
        config: { access: ['seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'The brand authorizations a seller holds',
          params: SellerParams,
          response: { 200: SellerAuthorizationsView },
        },
      },
      async (req) => listSellerBrandAuthorizations(ctx, req.principal, req.params.sellerId),
    );

    // Notices against a seller, its strikes, the reporter tier, the published figures and reasons.

    app.get(
      '/sellers/:sellerId/notices',
      {
        config: { access: ['seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'Notices naming this seller’s listings (only its own listings of each)',
          params: SellerParams,
          querystring: SellerNoticesQuery,
          response: { 200: NoticesJson },
        },
      },
      async (req) => {
        const { sellerId } = req.params;
        assertSeesSeller(req.principal, sellerId, 'Only this seller’s staff and trust agents may see this.');
        const status = req.query.status;
        return { notices: await listNotices(ctx.db, { sellerId, ...(status ? { status } : {}) }) };
      },
    );

    app.get(
      '/sellers/:sellerId/strikes',
      {
        config: { access: ['seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'A seller’s strikes and how many count now',
          params: SellerParams,
          response: { 200: StrikesJson },
        },
      },
      async (req) => {
        const { sellerId } = req.params;
        assertSeesSeller(req.principal, sellerId, 'Only this seller’s staff and trust agents may see this.');
        return { sellerId, ...(await sellerStrikes(ctx.db, ctx.clock, sellerId)) };
      },
    );

    app.post(
      '/trust/reporters/:userId/tier',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Grant or revoke a rights owner’s trusted-reporter tier',
          params: UserParams,
          body: ReporterTierBody,
          response: { 200: ReporterJson },
        },
      },
      async (req) =>
        inTransaction(ctx.db, (tx) =>
          setReporterTier(tx, ctx.clock, { ...req.params, ...req.body, actor: req.principal!.userId }),
        ),
    );

    app.get(
      '/trust/figures',
      {
        config: { access: 'public' },
        schema: {
          tags: ['trust'],
          summary:
            'Published figures: share of removals that were proactive, median time to takedown, notices upheld',
          description: 'Over [from, to); by default the 365 days to now.',
          querystring: PeriodQuery,
          response: { 200: FiguresJson },
        },
      },
      async (req) => {
        const to = req.query.to ? new Date(req.query.to) : ctx.clock.now();
        const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 365 * 86_400_000);
        if (!(from < to)) throw invalid('trust.invalid_period', 'from must be before to.');
        return trustFigures(ctx.db, { from, to });
      },
    );

    app.get(
      '/trust/notice-reasons',
      {
        config: { access: 'public' },
        schema: {
          tags: ['trust'],
          summary:
            'The reason codes a notice may give, with labels and whether a removal is a serious strike',
          response: { 200: NoticeReasonsJson },
        },
      },
      async () => ({
        reasons: [...noticeReasons().reasons.values()].map((r) => ({
          ...r,
          rightsKinds: [...r.rightsKinds],
        })),
      }),
    );

    // The agents' queues.

    app.get(
      '/trust/queues',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Every trust queue: open items, overdue items, the oldest, and its service level',
          response: { 200: QueuesSummaryJson },
        },
      },
      async () => ({ queues: await queueSummary(ctx.db, ctx.clock) }),
    );

    app.get(
      '/trust/queues/:queue',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'The items of one queue, open ones first by due time',
          params: QueueParams,
          querystring: QueueQuery,
          response: { 200: QueueItemsJson },
        },
      },
      async (req) => ({ items: await listQueue(ctx.db, ctx.clock, { ...req.params, ...req.query }) }),
    );

    app.post(
      '/trust/queue-items/:itemId/claim',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Take an open item so no other agent works it',
          params: QueueItemParams,
          response: { 200: QueueItemJson },
        },
      },
      async (req) =>
        inTransaction(ctx.db, (tx) =>
          claimQueueItem(tx, ctx.clock, { id: req.params.itemId, agentId: req.principal!.userId }),
        ),
    );

    // Reviews: the seller's answer, reports, the agents' decisions and the public ratings.

    app.post(
      '/reviews/:reviewId/reply',
      {
        config: { access: ['seller_staff'] },
        schema: {
          tags: ['reviews'],
          summary: 'The seller answers a published review, once (moderated like reviews)',
          params: ReviewParams,
          body: ReplyBody,
          response: { 201: ReviewView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await replyToReview(ctx, req.principal!, { ...req.params, ...req.body })),
    );

    app.post(
      '/reviews/:reviewId/reports',
      {
        config: { access: ROLES },
        schema: {
          tags: ['reviews'],
          summary: 'Report a published review to the trust team',
          params: ReviewParams,
          body: ReportBody,
          response: { 202: ReviewReportView },
        },
      },
      async (req, reply) => {
        const report = await inTransaction(ctx.db, (tx) =>
          reportReview(tx, ctx.clock, { ...req.params, ...req.body, reporterId: req.principal!.userId }),
        );
        return reply.code(202).send(report);
      },
    );

    app.get(
      '/trust/reviews/:reviewId',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'A review whatever its status, with the rules that held it',
          params: ReviewParams,
          response: { 200: ReviewView },
        },
      },
      async (req) => getReview(ctx.db, req.params.reviewId),
    );

    app.post(
      '/trust/reviews/:reviewId/decision',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Publish or remove a review or the seller’s reply (closes its queue item)',
          params: ReviewParams,
          body: ReviewDecisionBody,
          response: { 200: ReviewView },
        },
      },
      async (req) => judgeReview(ctx, req.principal!, { ...req.params, ...req.body }),
    );

    app.get(
      '/products/:productId/reviews',
      {
        config: { access: 'public' },
        schema: {
          tags: ['reviews'],
          summary: 'Published reviews of a product with its rating summary and the seller’s replies',
          params: ProductParams,
          querystring: ProductReviewsQuery,
          response: { 200: ProductReviewsView },
        },
      },
      async (req) => {
        const { productId } = req.params;
        const [summary, page] = await Promise.all([
          productRatingSummary(ctx.db, productId),
          listProductReviews(ctx.db, { productId, ...req.query }),
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
          params: SellerParams,
          response: { 200: SellerReviewsView },
        },
      },
      async (req) => ({
        sellerId: req.params.sellerId,
        ...(await sellerRatingSummary(ctx.db, req.params.sellerId)),
      }),
    );

    // A seller's authenticity alerts (an agent's read of one alert needs the catalog: a flow).

    app.get(
      '/sellers/:sellerId/authenticity-alerts',
      {
        config: { access: ['seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary:
            'A seller’s alerts: its codes scanned again in another market, or where the lot was not sold',
          params: SellerParams,
          querystring: AlertsQuery,
          response: { 200: AlertsView },
        },
      },
      async (req) => {
        const { sellerId } = req.params;
        assertSeesSeller(req.principal, sellerId, 'Only this seller’s staff may manage its lots and codes.');
        return { alerts: await listAuthenticityAlerts(ctx.db, sellerId, req.query) };
      },
    );

    app.post(
      '/sellers/:sellerId/authenticity-alerts/:alertId/resolve',
      {
        config: { access: ['seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'Mark an alert looked into; closes its item in the trust agents’ queue',
          params: SellerAlertParams,
          response: { 200: AlertView },
        },
      },
      async (req) => {
        const { sellerId, alertId } = req.params;
        assertSeesSeller(req.principal, sellerId, 'Only this seller’s staff may manage its lots and codes.');
        return inTransaction(ctx.db, (tx) =>
          resolveAuthenticityAlert(tx, {
            alertId,
            sellerId,
            at: ctx.clock.now(),
            actor: req.principal!.userId,
          }),
        );
      },
    );
  };
}
