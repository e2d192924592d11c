import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uploadConsumes, uploadRules } from '../../http/uploads.ts';
import type { Ctx } from '../../kernel/context.ts';
import { zId } from '../../kernel/ids.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import { listingCheck } from './check-listing.ts';
import { createListing } from './create-listing.ts';
import { listSellerDocuments } from './list-seller-documents.ts';
import { listSellerListings } from './list-seller-listings.ts';
import { readSellerDocumentFile } from './read-seller-document-file.ts';
import { recordSellerDocument } from './record-seller-document.ts';
import { revokeSellerDocument } from './revoke-seller-document.ts';
import { DocumentView, EligibilityView, ListingView, RequirementsView } from './schemas.ts';
import { showListingEligibility } from './show-listing-eligibility.ts';
import { updateListing } from './update-listing.ts';

const Day = z
  .string()
  .refine(compliance.isCalendarDate, 'A date is YYYY-MM-DD.')
  .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'The date is out of range.');

const ACCESS = ['seller_staff', 'platform_admin'] as const;

/**
 * A seller's listings (`/sellers/:sellerId/products…`: writing one runs the listing checks of the
 * trust module) and the documents that decide where they may be sold (`/sellers/:sellerId/documents…`).
 */
export function listingRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  // One check for the app's life: it keeps its fingerprint index warm between writes.
  const listings = { ...ctx, listingCheck: listingCheck(ctx) };
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
        config: { access: ACCESS, idempotent: true, upload: 'seller_document' },
        schema: {
          tags: ['compliance'],
          summary:
            'Record a registration or certificate (number, issuer, dates, optional PDF/PNG/JPEG of up to 5 MB)',
          description: `${uploadRules('seller_document')} The scan is the file field \`file\`.`,
          consumes: uploadConsumes('seller_document'),
          params: z.object({ sellerId: zId('sel') }),
          body: compliance.RecordDocumentSchema,
          response: { 201: DocumentView },
        },
      },
      async (req, reply) => {
        const doc = await recordSellerDocument(ctx, req.principal!, {
          ...req.body,
          sellerId: req.params.sellerId,
        });
        return reply.code(201).send(doc);
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
          params: z.object({ sellerId: zId('sel') }),
          response: { 200: z.object({ documents: z.array(DocumentView) }) },
        },
      },
      async (req) => ({ documents: await listSellerDocuments(ctx, req.principal, req.params.sellerId) }),
    );

    app.get(
      '/sellers/:sellerId/documents/:documentId/file',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['compliance'],
          summary: 'The file of a document, as uploaded (Repr-Digest carries its SHA-256)',
          params: z.object({ sellerId: zId('sel'), documentId: zId('doc') }),
        },
      },
      async (req, reply) => {
        const file = await readSellerDocumentFile(ctx, req.principal, req.params);
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
          params: z.object({ sellerId: zId('sel'), documentId: zId('doc') }),
          body: z.object({ reason: z.string().trim().min(1).max(1000) }).strict(),
          response: { 200: DocumentView },
        },
      },
      async (req) => revokeSellerDocument(ctx, req.principal!, { ...req.params, reason: req.body.reason }),
    );

    app.get(
      '/sellers/:sellerId/products',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'A seller’s products, hidden ones included, newest first',
          params: z.object({ sellerId: zId('sel') }),
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(catalog.MAX_PAGE).optional(),
              afterId: zId('prd').optional(),
            })
            .strict(),
          response: { 200: z.array(ListingView) },
        },
      },
      async (req) => listSellerListings(ctx, req.principal, { ...req.params, ...req.query }),
    );

    app.post(
      '/sellers/:sellerId/products',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'List a product (shown to buyers once active and the seller is verified)',
          params: z.object({ sellerId: zId('sel') }),
          body: catalog.ProductInputSchema,
          response: { 201: ListingView },
        },
      },
      async (req, reply) => {
        const product = await createListing(listings, req.principal, req.params.sellerId, req.body);
        return reply.code(201).send(product);
      },
    );

    app.patch(
      '/sellers/:sellerId/products/:productId',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'Change a product; variants are matched by SKU, and SKUs left out are retired',
          params: z.object({ sellerId: zId('sel'), productId: zId('prd') }),
          body: catalog.ProductPatchSchema,
          response: { 200: ListingView },
        },
      },
      async (req) => updateListing(listings, req.principal, { ...req.params, patch: req.body }),
    );

    app.get(
      '/sellers/:sellerId/products/:productId/eligibility',
      {
        config: { access: ACCESS },
        schema: {
          tags: ['compliance'],
          summary:
            'Where a listing may be sold: per market eligible, restricted (with what to obtain) or prohibited, why, and until when',
          params: z.object({ sellerId: zId('sel'), productId: zId('prd') }),
          querystring: z
            .object({
              on: Day.optional().describe('The day to answer for (each market’s today by default).'),
            })
            .strict(),
          response: { 200: EligibilityView },
        },
      },
      async (req) => showListingEligibility(ctx, req.principal, { ...req.params, on: req.query.on }),
    );
  };
}
