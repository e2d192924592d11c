import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction.ts';
import { DOWNLOAD_TYPES, DownloadBody, sendDownload } from '../../../http/send-download.ts';
import { hasRole, type Principal } from '../../../kernel/access.ts';
import { forbidden, invalid } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { answerCounterNotice, counterNotify } from './file-counter-notice.ts';
import { processNoticeTimers } from './notice-timers.ts';
import { noticeReview } from './review-notice.ts';
import {
  FiguresJson,
  NoticeJson,
  NoticeReviewJson,
  ReporterJson,
  StrikesJson,
  TimerRunJson,
} from './schemas.ts';
import { decideNotice, fileNotice } from './take-down.ts';

/**
 * Notice and takedown through the API: rights owners file notices and answer counter-notices,
 * sellers see the notices against their own listings and counter-notify, trust agents decide,
 * and anyone reads the published figures.
 */

const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `an id (${prefix}_…)`);
const Text = (max: number) => z.string().trim().min(1).max(max);
const NoticeParams = z.object({ noticeId: idOf('ntc') });
const ListingParams = NoticeParams.extend({ productId: idOf('prd') });
const SellerParams = z.object({ sellerId: idOf('sel') });
const Instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const AGENTS = ['trust_agent', 'platform_admin'] as const;
/** Up to five 2 MB attachments as base64, and the rest of the notice. */
const NOTICE_BODY_LIMIT = trust.MAX_ATTACHMENTS * trust.MAX_ATTACHMENT_BASE64 + 512 * 1024;

const isAgent = (p: Principal) => hasRole(p, 'trust_agent') || hasRole(p, 'platform_admin');
const isStaffOf = (p: Principal, sellerId: string) =>
  hasRole(p, 'seller_staff') && (p.sellerIds as readonly string[]).includes(sellerId);

/**
 * The notice as this caller may see it: whole for its filer and agents; a seller named by it sees
 * only its own listings; anyone else is refused.
 */
export function noticeFor(p: Principal, notice: trust.NoticeView): trust.NoticeView {
  if (isAgent(p) || notice.filedBy === p.userId) return notice;
  const own = notice.listings.filter((l) => isStaffOf(p, l.sellerId));
  if (own.length === 0) throw forbidden('trust.not_your_notice', 'This notice names none of your listings.');
  return { ...notice, listings: own };
}

function assertSellerReader(p: Principal, sellerId: string): void {
  if (isAgent(p) || isStaffOf(p, sellerId)) return;
  throw forbidden('trust.not_your_seller', 'Only this seller’s staff and trust agents may see this.', {
    sellerId,
  });
}

export function noticeRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/notices',
      {
        config: { access: ['brand_owner'], idempotent: true },
        bodyLimit: NOTICE_BODY_LIMIT,
        schema: {
          tags: ['trust'],
          summary: 'A rights owner files a notice against 1 to 500 listings',
          description:
            'A trusted reporter’s listings are taken down at once; other notices wait for a trust agent (30-minute service level). Unknown product ids are refused (400 trust.unknown_listings, naming them).',
          body: trust.FileNoticeSchema,
          response: { 201: NoticeJson },
        },
      },
      async (req, reply) => reply.code(201).send(await fileNotice(ctx, req.principal!, req.body)),
    );

    app.get(
      '/notices',
      {
        config: { access: ['brand_owner', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'Notices: a rights owner’s own; trust agents see all (filter by listing status)',
          querystring: z
            .object({
              status: z.enum(trust.NOTICE_LISTING_STATES).optional(),
              limit: z.coerce.number().int().min(1).max(500).optional(),
            })
            .strict(),
          response: { 200: z.object({ notices: z.array(NoticeJson) }) },
        },
      },
      async (req) => {
        const p = req.principal!;
        return {
          notices: await trust.listNotices(ctx.db, {
            ...(isAgent(p) ? {} : { filedBy: p.userId }),
            ...(req.query.status ? { status: req.query.status } : {}),
            ...(req.query.limit ? { limit: req.query.limit } : {}),
          }),
        };
      },
    );

    app.get(
      '/notices/:noticeId',
      {
        config: { access: ['brand_owner', 'seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'A notice (its seller sees only its own listings of it)',
          params: NoticeParams,
          response: { 200: NoticeJson },
        },
      },
      async (req) => noticeFor(req.principal!, await trust.getNotice(ctx.db, req.params.noticeId)),
    );

    app.get(
      '/notices/:noticeId/attachments/:attachmentId',
      {
        config: { access: ['brand_owner', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'An attachment of a notice’s evidence, for its filer and trust agents (a download)',
          description:
            'Served as PDF, PNG or JPEG when its bytes are one, else application/octet-stream, whatever type the filer claimed. Always an attachment, sandboxed.',
          params: NoticeParams.extend({ attachmentId: idOf('att') }),
          produces: DOWNLOAD_TYPES,
          response: { 200: DownloadBody },
        },
      },
      async (req, reply) => {
        const notice = await trust.getNotice(ctx.db, req.params.noticeId);
        if (!isAgent(req.principal!) && notice.filedBy !== req.principal!.userId) {
          throw forbidden(
            'trust.not_your_notice',
            'Only the notice’s filer and trust agents see its evidence.',
          );
        }
        const a = await trust.getNoticeAttachment(ctx.db, notice.id, req.params.attachmentId);
        return sendDownload(reply, { name: a.fileName, contentType: a.contentType, bytes: a.bytes });
      },
    );

    app.get(
      '/trust/notices/:noticeId/review',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary:
            'A notice as an agent decides it: reporter and its record, brand, listings with sellers, the decisions so far, the windows',
          params: NoticeParams,
          response: { 200: NoticeReviewJson },
        },
      },
      async (req) => noticeReview(ctx, req.params.noticeId),
    );

    app.get(
      '/sellers/:sellerId/notices',
      {
        config: { access: ['seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'Notices naming this seller’s listings (only its own listings of each)',
          params: SellerParams,
          querystring: z.object({ status: z.enum(trust.NOTICE_LISTING_STATES).optional() }).strict(),
          response: { 200: z.object({ notices: z.array(NoticeJson) }) },
        },
      },
      async (req) => {
        assertSellerReader(req.principal!, req.params.sellerId);
        return {
          notices: await trust.listNotices(ctx.db, {
            sellerId: req.params.sellerId,
            ...(req.query.status ? { status: req.query.status } : {}),
          }),
        };
      },
    );

    app.post(
      '/trust/notices/:noticeId/decision',
      {
        config: { access: AGENTS, idempotent: true },
        schema: {
          tags: ['trust'],
          summary: 'A trust agent upholds (takes down) or rejects a notice, for some listings or all',
          params: NoticeParams,
          body: z
            .object({
              decision: z.enum(['uphold', 'reject']),
              productIds: z.array(idOf('prd')).min(1).max(trust.MAX_NOTICE_LISTINGS).optional(),
              reason: Text(1000),
            })
            .strict(),
          response: { 200: NoticeJson },
        },
      },
      async (req) =>
        decideNotice(ctx, req.principal!, {
          noticeId: req.params.noticeId,
          decision: req.body.decision,
          reason: req.body.reason,
          ...(req.body.productIds ? { productIds: req.body.productIds } : {}),
        }),
    );

    app.post(
      '/notices/:noticeId/listings/:productId/counter-notice',
      {
        config: { access: ['seller_staff'], idempotent: true },
        schema: {
          tags: ['trust'],
          summary: 'The listing’s seller counter-notifies (the rights owner then has 10 business days)',
          params: ListingParams,
          body: trust.CounterNoticeSchema,
          response: { 201: NoticeJson },
        },
      },
      async (req, reply) => {
        const notice = await counterNotify(ctx, req.principal!, { ...req.params, ...req.body });
        return reply.code(201).send(noticeFor(req.principal!, notice));
      },
    );

    app.post(
      '/notices/:noticeId/listings/:productId/answer',
      {
        config: { access: ['brand_owner'], idempotent: true },
        schema: {
          tags: ['trust'],
          summary: 'The filer answers a counter-notice with the court action it filed: the removal stands',
          params: ListingParams,
          body: z.object({ outcome: z.literal('action_filed'), courtCaseReference: Text(200) }).strict(),
          response: { 200: NoticeJson },
        },
      },
      async (req) => answerCounterNotice(ctx, req.principal!, { ...req.params, ...req.body }),
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
        assertSellerReader(req.principal!, req.params.sellerId);
        const s = await trust.sellerStrikes(ctx.db, ctx.clock, req.params.sellerId);
        return { sellerId: req.params.sellerId, ...s };
      },
    );

    app.post(
      '/trust/reporters/:userId/tier',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Grant or revoke a rights owner’s trusted-reporter tier',
          params: z.object({ userId: idOf('usr') }),
          body: z.object({ trusted: z.boolean(), reason: Text(1000) }).strict(),
          response: { 200: ReporterJson },
        },
      },
      async (req) =>
        inTransaction(ctx.db, (tx) =>
          trust.setReporterTier(tx, ctx.clock, {
            userId: req.params.userId,
            trusted: req.body.trusted,
            actor: req.principal!.userId,
            reason: req.body.reason,
          }),
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
          querystring: z.object({ from: Instant.optional(), to: Instant.optional() }).strict(),
          response: { 200: FiguresJson },
        },
      },
      async (req) => {
        const to = req.query.to ? new Date(req.query.to) : ctx.clock.now();
        const from = req.query.from ? new Date(req.query.from) : new Date(to.getTime() - 365 * 86_400_000);
        if (!(from < to)) throw invalid('trust.invalid_period', 'from must be before to.');
        return trust.trustFigures(ctx.db, { from, to });
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
          response: {
            200: z.object({
              reasons: z.array(
                z.object({
                  code: z.string(),
                  labels: z.record(z.string(), z.string()),
                  rightsKinds: z.array(z.string()),
                  serious: z.boolean(),
                  source: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        reasons: [...trust.noticeReasons().reasons.values()].map((r) => ({
          ...r,
          rightsKinds: [...r.rightsKinds],
        })),
      }),
    );

    app.post(
      '/admin/jobs/notice-timers',
      {
        config: { access: ['platform_admin'] },
        schema: {
          tags: ['trust'],
          summary:
            'Run the notice timers now (reinstate unanswered counter-notices, close uncontested takedowns)',
          response: { 200: TimerRunJson },
        },
      },
      async () => processNoticeTimers(ctx),
    );
  };
}
