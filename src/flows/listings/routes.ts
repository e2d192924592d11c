import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole, type Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as compliance from '../../modules/compliance/index.ts';
import { recordDocument, revokeDocument } from './seller-documents.ts';
import { productEligibility } from './sync-listing-eligibility.ts';

const SellerIdParam = z.string().regex(/^sel_[0-9a-f]{32}$/, 'A seller id: sel_ and 32 hex digits.');
const ProductIdParam = z.string().regex(/^prd_[0-9a-f]{32}$/, 'A product id: prd_ and 32 hex digits.');
const DocumentIdParam = z.string().regex(/^doc_[0-9a-f]{32}$/, 'A document id: doc_ and 32 hex digits.');
const Day = z
  .string()
  .refine(compliance.isCalendarDate, 'A date is YYYY-MM-DD.')
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'The date is out of range.');

const DocumentView = z.object({
  id: z.string(),
  sellerId: z.string(),
  type: z.string(),
  typeName: z.string(),
  market: z.string().nullable(),
  number: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  status: z.enum(['valid', 'expired', 'not_yet_valid', 'revoked']).describe('On today’s date.'),
  file: z
    .object({
      contentType: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
      name: z.string().nullable(),
    })
    .nullable(),
  recordedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});

const Reason = z.object({ ruleId: z.string(), description: z.string(), source: z.string() });
const MarketView = z.object({
  market: z.string(),
  on: z.string(),
  status: z.enum(['eligible', 'restricted', 'prohibited']),
  eligibleUntil: z.string().nullable(),
  provisional: z.boolean(),
  reasons: z.array(Reason),
  documents: z.array(
    z.object({
      documentId: z.string(),
      type: z.string(),
      number: z.string(),
      expiresOn: z.string().nullable(),
    }),
  ),
  missing: z.array(
    z.object({
      requirementId: z.string(),
      documentType: z.string(),
      document: z.string(),
      goods: z.string(),
      obtain: z.string(),
      issuer: z.string(),
      url: z.string(),
      why: z.string(),
      source: z.string(),
      verification: z.string(),
      provisional: z.boolean(),
      onFile: z
        .object({
          documentId: z.string(),
          number: z.string(),
          issuedOn: z.string(),
          expiresOn: z.string().nullable(),
          status: z.string(),
        })
        .nullable(),
    }),
  ),
});
export const EligibilityView = z.object({
  productId: z.string(),
  sellerId: z.string(),
  kind: z.string(),
  hsCode: z.string().nullable(),
  markets: z.array(MarketView),
});

/** A seller's own staff, or a platform admin; another seller's staff are refused. */
function assertSellerAccess(p: Principal | null, sellerId: string): void {
  if (hasRole(p, 'platform_admin')) return;
  if (p && hasRole(p, 'seller_staff') && (p.sellerIds as readonly string[]).includes(sellerId)) return;
  throw forbidden('compliance.forbidden', 'Only this seller’s staff may see or change its documents.', {
    sellerId,
  });
}

function documentView(doc: compliance.SellerDocument, at: Date): z.infer<typeof DocumentView> {
  const type = compliance.documentTypes().find((t) => t.type === doc.type);
  return {
    id: doc.id,
    sellerId: doc.sellerId,
    type: doc.type,
    typeName: type?.name ?? doc.type,
    market: doc.market,
    number: doc.number,
    issuer: doc.issuer,
    issuedOn: doc.issuedOn,
    expiresOn: doc.expiresOn,
    status: compliance.documentStatus(doc, compliance.documentToday(doc, at)),
    file: doc.file,
    recordedAt: doc.recordedAt,
    revokedAt: doc.revokedAt,
    revokeReason: doc.revokeReason,
  };
}

const ACCESS = ['seller_staff', 'platform_admin'] as const;
/** A 5 MB file as base64, and the rest of the record. */
const DOCUMENT_BODY_LIMIT = compliance.MAX_FILE_BASE64 + 64 * 1024;

const RequirementsView = z.object({
  documentTypes: z.array(
    z.object({
      type: z.string(),
      name: z.string(),
      market: z.string().nullable(),
      perMarket: z.boolean(),
      expires: z.boolean(),
      validity: z.string(),
      source: z.string(),
      verification: z.string(),
    }),
  ),
  requirements: z.array(
    z.object({
      id: z.string(),
      market: z.string(),
      description: z.string(),
      goods: z.object({
        description: z.string(),
        hsPrefixes: z.array(z.string()),
        categories: z.array(z.string()),
        excludeHsPrefixes: z.array(z.string()),
      }),
      documentType: z.string(),
      obtain: z.string(),
      issuer: z.string(),
      url: z.string(),
      source: z.string(),
      effectiveFrom: z.string(),
      effectiveTo: z.string().optional(),
      verification: z.string(),
      verificationNote: z.string().optional(),
      provisional: z.string().optional(),
      note: z.string(),
    }),
  ),
});

export function listingEligibilityRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/compliance/document-requirements',
      {
        config: { access: 'public' },
        schema: {
          tags: ['compliance'],
          summary:
            'The documents each market asks of sellers, for which goods, with sources, dates and verification',
          response: { 200: RequirementsView },
        },
      },
      async () => ({
        documentTypes: [...compliance.documentTypes()],
        requirements: [...compliance.documentRequirements()],
      }),
    );

    app.post(
      '/sellers/:sellerId/documents',
      {
        config: { access: ACCESS, idempotent: true },
        bodyLimit: DOCUMENT_BODY_LIMIT,
        schema: {
          tags: ['compliance'],
          summary:
            'Record a registration or certificate (number, issuer, dates, optional PDF/PNG/JPEG up to 5 MB as base64)',
          params: z.object({ sellerId: SellerIdParam }),
          body: compliance.RecordDocumentSchema,
          response: { 201: DocumentView },
        },
      },
      async (req, reply) => {
        assertSellerAccess(req.principal, req.params.sellerId);
        const doc = await recordDocument(ctx, {
          ...req.body,
          sellerId: req.params.sellerId,
          actorId: req.principal!.userId,
        });
        return reply.code(201).send(documentView(doc, ctx.clock.now()));
      },
    );

    app.get(
      '/sellers/:sellerId/documents',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['compliance'],
          summary:
            'A seller’s registrations and certificates, revoked ones included, with their status today',
          params: z.object({ sellerId: SellerIdParam }),
          response: { 200: z.object({ documents: z.array(DocumentView) }) },
        },
      },
      async (req) => {
        assertSellerAccess(req.principal, req.params.sellerId);
        const at = ctx.clock.now();
        const docs = await compliance.listSellerDocuments(ctx.db, req.params.sellerId);
        return { documents: docs.map((d) => documentView(d, at)) };
      },
    );

    app.get(
      '/sellers/:sellerId/documents/:documentId/file',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['compliance'],
          summary: 'The file of a document, as uploaded (Repr-Digest carries its SHA-256)',
          params: z.object({ sellerId: SellerIdParam, documentId: DocumentIdParam }),
        },
      },
      async (req, reply) => {
        assertSellerAccess(req.principal, req.params.sellerId);
        const file = await compliance.getSellerDocumentFile(
          ctx.db,
          req.params.sellerId,
          req.params.documentId,
        );
        const ext = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }[file.contentType];
        // RFC 9530: the digest of the stored bytes, so the seller can check what Heartland holds.
        reply.header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
        reply.header('content-disposition', `attachment; filename="${req.params.documentId}.${ext}"`);
        reply.header('x-content-type-options', 'nosniff');
        return reply.type(file.contentType).send(file.bytes);
      },
    );

    app.post(
      '/sellers/:sellerId/documents/:documentId/revoke',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['compliance'],
          summary: 'Revoke a document: listings relying on it stop being shown where they no longer qualify',
          params: z.object({ sellerId: SellerIdParam, documentId: DocumentIdParam }),
          body: z.object({ reason: z.string().trim().min(1).max(1000) }).strict(),
          response: { 200: DocumentView },
        },
      },
      async (req) => {
        assertSellerAccess(req.principal, req.params.sellerId);
        const doc = await revokeDocument(ctx, {
          sellerId: req.params.sellerId,
          documentId: req.params.documentId,
          actorId: req.principal!.userId,
          reason: req.body.reason,
        });
        return documentView(doc, ctx.clock.now());
      },
    );

    app.get(
      '/sellers/:sellerId/products/:productId/eligibility',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['compliance'],
          summary:
            'Where a listing may be sold: per market eligible, restricted (with what to obtain) or prohibited, why, and until when',
          params: z.object({ sellerId: SellerIdParam, productId: ProductIdParam }),
          querystring: z
            .object({
              on: Day.optional().describe('The day to answer for (each market’s today by default).'),
            })
            .strict(),
          response: { 200: EligibilityView },
        },
      },
      async (req) => {
        assertSellerAccess(req.principal, req.params.sellerId);
        return productEligibility(ctx, { ...req.params, on: req.query.on });
      },
    );
  };
}
