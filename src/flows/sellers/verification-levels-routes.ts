import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOWNLOAD_TYPES, DownloadBody, sendDownload } from '../../http/send-download.ts';
import { notFound } from '../../kernel/errors.ts';
import { LOCALES } from '../../kernel/locales.ts';
import * as sellers from '../../modules/sellers/index.ts';
import type { FlowCtx } from '../context.ts';
import {
  assertMaySeeVerification,
  assertSellerStaff,
  decideVerificationEvidence,
  publicSellerBadges,
  submitVerificationEvidence,
} from './verification-levels.ts';

const SellerParams = z.object({ sellerId: sellers.SellerIdParam });
const ItemParams = z.object({
  itemId: z.string().regex(/^svi_[0-9a-f]{32}$/, 'a verification item id (svi_…)'),
});

export const ItemView = z.object({
  id: z.string(),
  sellerId: z.string(),
  kind: z.enum(sellers.VERIFICATION_KINDS),
  status: z.enum(['pending', 'approved', 'rejected']),
  details: z.record(z.string(), z.unknown()),
  document: z
    .object({ name: z.string(), sha256: z.string(), uploadedBytes: z.number().int().nullable() })
    .nullable(),
  expiresOn: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
const Requirement = z.enum(sellers.REQUIREMENTS);
export const VerificationView = z.object({
  sellerId: z.string(),
  sellerState: z.string(),
  isFarm: z.boolean(),
  level: z.number().int(),
  levelCode: z.string().nullable(),
  badges: z.array(z.string()),
  progress: z.array(
    z.object({
      code: z.string(),
      level: z.number().int().nullable(),
      reached: z.boolean(),
      missing: z.array(Requirement),
    }),
  ),
  missing: z.array(Requirement).describe('What the next level still lacks (empty at the top level).'),
  items: z.array(ItemView),
});
export const BadgesView = z.object({
  sellerId: z.string(),
  level: z.number().int(),
  badges: z.array(z.object({ code: z.string(), label: z.string() })),
});

export function sellerVerificationLevelsRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/sellers/:sellerId/verification/items',
      {
        config: { access: ['seller_staff'] },
        // A registration scan of up to 5 MB arrives base64-encoded, a third larger.
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags: ['sellers'],
          summary:
            'Submit verification evidence (business registration, address, payout bank account, farm document) for review',
          params: SellerParams,
          body: sellers.VerificationItemInput,
          response: { 201: ItemView },
        },
      },
      async (req, reply) => {
        assertSellerStaff(req.principal, req.params.sellerId);
        const item = await submitVerificationEvidence(ctx, {
          sellerId: req.params.sellerId,
          actorId: req.principal!.userId,
          evidence: req.body,
        });
        return reply.code(201).send(item);
      },
    );

    app.get(
      '/sellers/:sellerId/verification',
      {
        config: { access: ['seller_staff', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['sellers'],
          summary: 'The seller’s verification level, badges, evidence and what each level still lacks',
          params: SellerParams,
          response: { 200: VerificationView },
        },
      },
      async (req) => {
        assertMaySeeVerification(req.principal, req.params.sellerId);
        return sellers.sellerVerification(ctx.db, ctx.clock, req.params.sellerId);
      },
    );

    app.get(
      '/sellers/:sellerId/verification/items/:itemId/document',
      {
        config: { access: ['seller_staff', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['sellers'],
          summary:
            'The document uploaded with a verification item (a download; its type read from the bytes)',
          description:
            'PDF, PNG and JPEG keep their type; anything else is application/octet-stream. Always an attachment, sandboxed. 404 sellers.document_not_stored when the seller gave only the sha256.',
          params: SellerParams.extend(ItemParams.shape),
          produces: DOWNLOAD_TYPES,
          response: { 200: DownloadBody },
        },
      },
      async (req, reply) => {
        assertMaySeeVerification(req.principal, req.params.sellerId);
        const item = await sellers.getVerificationItem(ctx.db, req.params.itemId);
        if (item.sellerId !== req.params.sellerId) {
          throw notFound('sellers.verification_item_not_found', 'No such verification item.', {
            id: req.params.itemId,
          });
        }
        const doc = await sellers.getVerificationDocument(ctx.db, item.id);
        if (!doc) {
          throw notFound('sellers.document_not_stored', 'No document was uploaded with this item.', {
            id: item.id,
          });
        }
        return sendDownload(reply, { name: doc.name, contentType: doc.contentType, bytes: doc.content });
      },
    );

    app.post(
      '/trust/seller-verification/:itemId/decision',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Approve or reject a piece of seller verification evidence (closes its queue item)',
          params: ItemParams,
          body: z
            .object({ decision: z.enum(['approve', 'reject']), reason: z.string().trim().min(1).max(1000) })
            .strict(),
          response: { 200: ItemView },
        },
      },
      async (req) =>
        decideVerificationEvidence(ctx, req.principal!, { itemId: req.params.itemId, ...req.body }),
    );

    app.get(
      '/sellers/:sellerId/badges',
      {
        config: { access: 'public' },
        schema: {
          tags: ['sellers'],
          summary: 'A verified seller’s verification level and badges, labelled for the storefront',
          params: SellerParams,
          querystring: z.object({ locale: z.enum(LOCALES).default('en') }).strict(),
          response: { 200: BadgesView },
        },
      },
      async (req) => publicSellerBadges(ctx, req.params.sellerId, req.query.locale),
    );
  };
}
