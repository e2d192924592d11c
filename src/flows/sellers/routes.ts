import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DOWNLOAD_TYPES, DownloadBody, sendDownload } from '../../http/send-download.ts';
import { uploadConsumes, uploadRules } from '../../http/uploads.ts';
import type { Ctx } from '../../kernel/context.ts';
import { zId } from '../../kernel/ids.ts';
import * as sellers from '../../modules/sellers/index.ts';
import type { FlowCtx } from '../context.ts';
import { changeSellerStanding, type SellerVerificationAction } from './change-seller-standing.ts';
import { decideVerificationEvidence } from './decide-verification-evidence.ts';
import { readVerificationDocument } from './read-verification-document.ts';
import { ItemView, VerificationView } from './schemas.ts';
import { showSellerVerification } from './show-seller-verification.ts';
import { submitVerificationEvidence } from './submit-verification-evidence.ts';

const SellerParams = z.object({ sellerId: zId('sel') });
const ItemParams = z.object({ itemId: zId('svi', 'verification item') });
const Reason = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();

const SUMMARIES: Record<SellerVerificationAction, string> = {
  verify: 'Verify a pending seller: its active listings become visible',
  suspend: 'Suspend a verified seller: all its listings are hidden at once',
  reinstate: 'Reinstate a suspended seller: its active listings are visible again',
};

/**
 * Sellers under review (`/admin/sellers…`: a change of standing shows or hides the seller's
 * listings in the catalog) and their verification evidence (`/sellers/:sellerId/verification…`,
 * decided from the trust agents' queue).
 */
export function sellerVerificationRoutes(ctx: Ctx & Pick<FlowCtx, 'config'>): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/sellers',
      {
        config: { access: ['platform_admin', 'trust_agent'] },
        schema: {
          tags: ['sellers'],
          summary: 'Sellers for review, optionally in one state (e.g. pending)',
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(sellers.MAX_LIST_LIMIT).optional(),
              state: z.enum(sellers.SELLER_STATES).optional(),
            })
            .strict(),
          response: { 200: z.array(sellers.SellerViewSchema) },
        },
      },
      async (req) => sellers.listSellers(ctx.db, req.query),
    );

    for (const action of ['verify', 'suspend', 'reinstate'] as const) {
      app.post(
        `/admin/sellers/:id/${action}`,
        {
          config: { access: ['platform_admin', 'trust_agent'] },
          schema: {
            tags: ['sellers'],
            summary: SUMMARIES[action],
            params: z.object({ id: zId('sel') }),
            body: Reason,
            response: { 200: sellers.SellerViewSchema },
          },
        },
        async (req) =>
          changeSellerStanding(ctx, action, {
            sellerId: req.params.id,
            actorId: req.principal!.userId,
            reason: req.body.reason,
          }),
      );
    }

    app.post(
      '/sellers/:sellerId/verification/items',
      {
        config: { access: ['seller_staff'], upload: 'verification_document' },
        schema: {
          tags: ['sellers'],
          summary:
            'Submit verification evidence (business registration, address, payout bank account, farm document) for review',
          description: `${uploadRules('verification_document')} The scan is the file field \`document.content\`, with \`document.name\` (defaults to the file's name) and optionally \`document.sha256\` to check it arrived whole; a document kept elsewhere is named by \`document.name\` and \`document.sha256\` alone.`,
          consumes: uploadConsumes('verification_document'),
          params: SellerParams,
          body: sellers.VerificationItemInput,
          response: { 201: ItemView },
        },
      },
      async (req, reply) => {
        const item = await submitVerificationEvidence(ctx, req.principal, {
          sellerId: req.params.sellerId,
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
      async (req) => showSellerVerification(ctx, req.principal, req.params.sellerId),
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
        const doc = await readVerificationDocument(ctx, req.principal, req.params);
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
  };
}
