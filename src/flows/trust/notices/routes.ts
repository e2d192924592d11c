import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DOWNLOAD_TYPES, DownloadBody, sendDownload } from '../../../http/send-download.ts';
import { uploadConsumes, uploadRules } from '../../../http/uploads.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { answerCounterNotice } from './answer-counter-notice.ts';
import { counterNotify } from './counter-notify.ts';
import { decideNotice } from './decide-notice.ts';
import { fileNotice } from './file-notice.ts';
import { listNotices } from './list-notices.ts';
import { processNoticeTimers } from './notice-timers.ts';
import { readNotice } from './read-notice.ts';
import { readNoticeAttachment } from './read-notice-attachment.ts';
import { noticeReview } from './review-notice.ts';
import {
  AnswerBody,
  AttachmentParams,
  DecisionBody,
  ListingParams,
  NoticeParams,
  NoticeReviewJson,
  NoticesQuery,
  TimerRunJson,
} from './schemas.ts';

/**
 * Notice and takedown through the API: rights owners file notices (`/notices/…`) and answer
 * counter-notices, sellers see the notices against their own listings and counter-notify, trust
 * agents decide (`/trust/notices/…`), and the timers run. Filing and deciding change listings and
 * escrow, so these resources are flows; a seller's notices and strikes, the reporter tier and the
 * published figures need only the trust module and are served there.
 */

const AGENTS = ['trust_agent', 'platform_admin'] as const;

export function noticeRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/notices',
      {
        config: { access: ['brand_owner'], idempotent: true, upload: 'notice_evidence' },
        schema: {
          tags: ['trust'],
          summary: 'A rights owner files a notice against 1 to 500 listings',
          description: `A trusted reporter’s listings are taken down at once; other notices wait for a trust agent (30-minute service level). Unknown product ids are refused (400 trust.unknown_listings, naming them). ${uploadRules('notice_evidence')} An attachment is the file field \`evidence.<n>.attachment\` of its piece of evidence.`,
          consumes: uploadConsumes('notice_evidence'),
          body: trust.FileNoticeSchema,
          response: { 201: trust.NoticeJson },
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
          querystring: NoticesQuery,
          response: { 200: trust.NoticesJson },
        },
      },
      async (req) => ({ notices: await listNotices(ctx, req.principal!, req.query) }),
    );

    app.get(
      '/notices/:noticeId',
      {
        config: { access: ['brand_owner', 'seller_staff', ...AGENTS] },
        schema: {
          tags: ['trust'],
          summary: 'A notice (its seller sees only its own listings of it)',
          params: NoticeParams,
          response: { 200: trust.NoticeJson },
        },
      },
      async (req) => readNotice(ctx, req.principal!, req.params.noticeId),
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
          params: AttachmentParams,
          produces: DOWNLOAD_TYPES,
          response: { 200: DownloadBody },
        },
      },
      async (req, reply) => {
        const a = await readNoticeAttachment(ctx, req.principal!, req.params);
        return sendDownload(reply, { name: a.fileName, contentType: a.contentType, bytes: a.bytes });
      },
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
          response: { 201: trust.NoticeJson },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await counterNotify(ctx, req.principal!, { ...req.params, ...req.body })),
    );

    app.post(
      '/notices/:noticeId/listings/:productId/answer',
      {
        config: { access: ['brand_owner'], idempotent: true },
        schema: {
          tags: ['trust'],
          summary: 'The filer answers a counter-notice with the court action it filed: the removal stands',
          params: ListingParams,
          body: AnswerBody,
          response: { 200: trust.NoticeJson },
        },
      },
      async (req) => answerCounterNotice(ctx, req.principal!, { ...req.params, ...req.body }),
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

    app.post(
      '/trust/notices/:noticeId/decision',
      {
        config: { access: AGENTS, idempotent: true },
        schema: {
          tags: ['trust'],
          summary: 'A trust agent upholds (takes down) or rejects a notice, for some listings or all',
          params: NoticeParams,
          body: DecisionBody,
          response: { 200: trust.NoticeJson },
        },
      },
      async (req) => decideNotice(ctx, req.principal!, { ...req.params, ...req.body }),
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
