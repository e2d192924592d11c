import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction.ts';
import { hasRole, type Principal } from '../../../kernel/access.ts';
import { forbidden, notFound } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import {
  assertBrandManager,
  grantBrandAuthorization,
  revokeBrandAuthorization,
} from './brand-authorization.ts';
import {
  AuthorizationParams,
  AuthorizationView,
  authorizationView,
  BrandParams,
  BrandView,
  DocumentView,
  documentView,
  OwnerBrandsView,
  PublicBrandView,
  productView,
  publicView,
  ReferenceProductView,
  SellerParams,
} from './schemas.ts';

/**
 * The brand registry through the API: a brand owner registers a trademark with its documents, a
 * trust agent verifies it, and the owner adds reference products and images and authorizes (or
 * revokes) the sellers who may sell the brand.
 */

/** Owner, trust agents and admins see everything about a brand; the rest only a verified brand's basics. */
const seesAll = (p: Principal | null, b: trust.Brand) =>
  hasRole(p, 'trust_agent') || hasRole(p, 'platform_admin') || (!!p && p.userId === b.ownerUserId);

const MANAGE = ['brand_owner', 'platform_admin'] as const;
/** A file of `bytes` as base64 (4 characters per 3 bytes) and the rest of the JSON body. */
const base64BodyLimit = (bytes: number) => Math.ceil(bytes / 3) * 4 + 64 * 1024;

export function brandRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  const fullView = async (b: trust.Brand) => ({
    ...publicView(b),
    ownerUserId: b.ownerUserId,
    statusReason: b.statusReason,
    reviewedAt: b.reviewedAt,
    documents: (await trust.listBrandDocuments(ctx.db, b.id)).map(documentView),
    referenceProducts: (await trust.brandReferenceProducts(ctx.db, b.id)).map(productView),
  });
  /** The brand, which the caller must manage (owner or admin). */
  const managedBrand = async (p: Principal | null, brandId: string) => {
    const brand = await trust.getBrand(ctx.db, brandId);
    assertBrandManager(p, brand);
    return brand;
  };

  return async (app) => {
    app.post(
      '/brands',
      {
        config: { access: ['brand_owner'] },
        schema: {
          tags: ['trust'],
          summary: 'Register a brand with its trademark (office, registration number, Nice classes, owner)',
          body: trust.RegisterBrandSchema,
          response: { 201: BrandView },
        },
      },
      async (req, reply) => {
        const brand = await inTransaction(ctx.db, (tx) =>
          trust.registerBrand(tx, ctx.clock, req.principal!.userId, req.body),
        );
        return reply.code(201).send(await fullView(brand));
      },
    );

    app.get(
      '/brands',
      {
        config: { access: 'public' },
        schema: {
          tags: ['trust'],
          summary: 'The verified brands: names, terms and trademarks',
          response: { 200: z.object({ brands: z.array(PublicBrandView) }) },
        },
      },
      async () => ({ brands: (await trust.listBrands(ctx.db)).map(publicView) }),
    );

    app.get(
      '/brands/:brandId',
      {
        config: { access: 'public' },
        schema: {
          tags: ['trust'],
          summary:
            'A brand: its basics when verified; documents and reference products for its owner and agents',
          params: BrandParams,
          response: { 200: BrandView },
        },
      },
      async (req) => {
        const brand = await trust.getBrand(ctx.db, req.params.brandId);
        if (seesAll(req.principal, brand)) return fullView(brand);
        if (brand.status !== 'verified') {
          throw notFound('trust.brand_not_found', 'No such brand.', { brandId: brand.id });
        }
        return publicView(brand);
      },
    );

    app.post(
      '/brands/:brandId/documents',
      {
        config: { access: MANAGE },
        bodyLimit: base64BodyLimit(trust.MAX_BRAND_DOCUMENT_BYTES),
        schema: {
          tags: ['trust'],
          summary: 'Add a document proving the trademark (PDF, PNG or JPEG up to 5 MB, as base64)',
          params: BrandParams,
          body: trust.BrandDocumentSchema,
          response: { 201: DocumentView },
        },
      },
      async (req, reply) => {
        const brand = await managedBrand(req.principal, req.params.brandId);
        const doc = await inTransaction(ctx.db, (tx) =>
          trust.addBrandDocument(tx, ctx.clock, {
            ...req.body,
            brandId: brand.id,
            actor: req.principal!.userId,
          }),
        );
        return reply.code(201).send(documentView(doc));
      },
    );

    app.post(
      '/brands/:brandId/reference-products',
      {
        config: { access: MANAGE },
        schema: {
          tags: ['trust'],
          summary:
            'Add a reference product with its usual USD price (cents): far cheaper listings are flagged',
          params: BrandParams,
          body: trust.ReferenceProductSchema,
          response: { 201: ReferenceProductView },
        },
      },
      async (req, reply) => {
        const brand = await managedBrand(req.principal, req.params.brandId);
        const product = await inTransaction(ctx.db, (tx) =>
          trust.addReferenceProduct(tx, ctx.clock, {
            ...req.body,
            brandId: brand.id,
            actor: req.principal!.userId,
          }),
        );
        return reply.code(201).send(productView(product));
      },
    );

    app.post(
      '/brands/:brandId/reference-images',
      {
        config: { access: MANAGE },
        bodyLimit: base64BodyLimit(trust.MAX_REFERENCE_IMAGE_BYTES),
        schema: {
          tags: ['trust'],
          summary: 'Add a reference image (base64, up to 10 MB): its fingerprint finds copies in listings',
          params: BrandParams,
          body: trust.ReferenceImageSchema,
          response: {
            201: z.object({
              imageRef: z.string(),
              productRefId: z.string().nullable(),
              sha256: z.string(),
              byteSize: z.number().int(),
              createdAt: z.string(),
            }),
          },
        },
      },
      async (req, reply) => {
        const brand = await managedBrand(req.principal, req.params.brandId);
        const image = await inTransaction(ctx.db, (tx) =>
          trust.addReferenceImage(tx, ctx.clock, {
            brandId: brand.id,
            actor: req.principal!.userId,
            bytes: Buffer.from(req.body.imageBase64, 'base64'),
            productRefId: req.body.productRefId ?? null,
          }),
        );
        const { brandId: _b, ...view } = image;
        return reply.code(201).send(view);
      },
    );

    app.post(
      '/trust/brands/:brandId/review',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Verify or reject a pending brand on its documents',
          params: BrandParams,
          body: trust.ReviewBrandSchema,
          response: { 200: BrandView },
        },
      },
      async (req) => {
        const brand = await inTransaction(ctx.db, (tx) =>
          trust.reviewBrand(tx, ctx.clock, {
            ...req.body,
            brandId: req.params.brandId,
            agentId: req.principal!.userId,
          }),
        );
        return fullView(brand);
      },
    );

    app.get(
      '/trust/brands/:brandId/owner-brands',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'The other brands registered by this brand’s owner, whatever their status',
          params: BrandParams,
          response: { 200: OwnerBrandsView },
        },
      },
      async (req) => {
        const brand = await trust.getBrand(ctx.db, req.params.brandId);
        const owned = await trust.listBrands(ctx.db, { ownerUserId: brand.ownerUserId });
        return {
          ownerUserId: brand.ownerUserId,
          brands: owned.filter((b) => b.id !== brand.id).map(publicView),
        };
      },
    );

    app.post(
      '/brands/:brandId/authorizations',
      {
        config: { access: MANAGE },
        schema: {
          tags: ['trust'],
          summary:
            'Authorize a seller to sell the brand (all or some products, all or some markets, until when)',
          params: BrandParams,
          body: trust.AuthorizeSellerSchema,
          response: { 201: AuthorizationView.extend({ published: z.array(z.string()) }) },
        },
      },
      async (req, reply) => {
        const brand = await managedBrand(req.principal, req.params.brandId);
        const { authorization, published } = await grantBrandAuthorization(ctx, {
          ...req.body,
          brandId: brand.id,
          actor: req.principal!.userId,
        });
        return reply.code(201).send({ ...authorizationView(authorization, ctx.clock.now()), published });
      },
    );

    app.get(
      '/brands/:brandId/authorizations',
      {
        config: { access: ['brand_owner', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'The brand’s authorizations, revoked and expired ones included',
          params: BrandParams,
          response: { 200: z.object({ authorizations: z.array(AuthorizationView) }) },
        },
      },
      async (req) => {
        const brand = await trust.getBrand(ctx.db, req.params.brandId);
        if (!hasRole(req.principal, 'trust_agent')) assertBrandManager(req.principal, brand);
        const now = ctx.clock.now();
        const list = await trust.listAuthorizations(ctx.db, brand.id);
        return { authorizations: list.map((a) => authorizationView(a, now)) };
      },
    );

    app.post(
      '/brands/:brandId/authorizations/:authorizationId/revoke',
      {
        config: { access: MANAGE },
        schema: {
          tags: ['trust'],
          summary:
            'Revoke an authorization: the seller’s listings of the brand it covered are hidden at once',
          params: AuthorizationParams,
          body: z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
          response: { 200: AuthorizationView.extend({ hidden: z.array(z.string()) }) },
        },
      },
      async (req) => {
        const brand = await managedBrand(req.principal, req.params.brandId);
        const { authorization, hidden } = await revokeBrandAuthorization(ctx, {
          brandId: brand.id,
          authorizationId: req.params.authorizationId,
          actor: req.principal!.userId,
          reason: req.body.reason,
        });
        return { ...authorizationView(authorization, ctx.clock.now()), hidden };
      },
    );

    app.get(
      '/sellers/:sellerId/brand-authorizations',
      {
        config: { access: ['seller_staff', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'The brand authorizations a seller holds',
          params: SellerParams,
          response: {
            200: z.object({ authorizations: z.array(AuthorizationView.extend({ brandName: z.string() })) }),
          },
        },
      },
      async (req) => {
        const { sellerId } = req.params;
        const p = req.principal;
        const staff = hasRole(p, 'seller_staff') && (p!.sellerIds as readonly string[]).includes(sellerId);
        if (!staff && !hasRole(p, 'trust_agent') && !hasRole(p, 'platform_admin')) {
          throw forbidden('trust.not_your_seller', 'Only this seller’s staff may see its authorizations.', {
            sellerId,
          });
        }
        const now = ctx.clock.now();
        const list = await trust.sellerAuthorizations(ctx.db, sellerId);
        const names = new Map<string, string>();
        for (const a of list) {
          if (!names.has(a.brandId)) names.set(a.brandId, (await trust.getBrand(ctx.db, a.brandId)).name);
        }
        return {
          authorizations: list.map((a) => ({
            ...authorizationView(a, now),
            brandName: names.get(a.brandId)!,
          })),
        };
      },
    );
  };
}
