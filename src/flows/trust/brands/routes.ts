import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { uploadConsumes, uploadRules } from '../../../http/uploads.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { addBrandDocument } from './add-brand-document.ts';
import { addReferenceImage } from './add-reference-image.ts';
import { addReferenceProduct } from './add-reference-product.ts';
import { authorizeSeller } from './authorize-seller.ts';
import { listBrandAuthorizations } from './list-brand-authorizations.ts';
import { readBrand } from './read-brand.ts';
import { registerBrand } from './register-brand.ts';
import { revokeSellerAuthorization } from './revoke-seller-authorization.ts';
import {
  AuthorizationParams,
  AuthorizationsView,
  BrandParams,
  BrandsView,
  GrantedAuthorizationView,
  ReferenceImageView,
  RevokeBody,
  RevokedAuthorizationView,
} from './schemas.ts';

/**
 * The brand registry through the API (`/brands/…`): a brand owner registers a trademark with its
 * documents, adds reference products and images and authorizes (or revokes) the sellers who may
 * sell the brand. Granting and revoking change the sellers' listings, so the whole resource is a
 * flow; an agent's review of a brand (`/trust/brands/…`) is the trust module's.
 */

const MANAGE = ['brand_owner', 'platform_admin'] as const;

export function brandRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/brands',
      {
        config: { access: ['brand_owner'] },
        schema: {
          tags: ['trust'],
          summary: 'Register a brand with its trademark (office, registration number, Nice classes, owner)',
          body: trust.RegisterBrandSchema,
          response: { 201: trust.BrandView },
        },
      },
      async (req, reply) => reply.code(201).send(await registerBrand(ctx, req.principal!, req.body)),
    );

    app.get(
      '/brands',
      {
        config: { access: 'public' },
        schema: {
          tags: ['trust'],
          summary: 'The verified brands: names, terms and trademarks',
          response: { 200: BrandsView },
        },
      },
      async () => ({ brands: (await trust.listBrands(ctx.db)).map(trust.publicBrandView) }),
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
          response: { 200: trust.BrandView },
        },
      },
      async (req) => readBrand(ctx, req.principal, req.params.brandId),
    );

    app.post(
      '/brands/:brandId/documents',
      {
        config: { access: MANAGE, upload: 'brand_document' },
        schema: {
          tags: ['trust'],
          summary: 'Add a document proving the trademark (PDF, PNG or JPEG up to 5 MB)',
          description: `${uploadRules('brand_document')} The document is the file field \`file\`, with \`kind\` and optionally \`fileName\` (defaults to the file's name).`,
          consumes: uploadConsumes('brand_document'),
          params: BrandParams,
          body: trust.BrandDocumentSchema,
          response: { 201: trust.BrandDocumentView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addBrandDocument(ctx, req.principal!, { ...req.body, ...req.params })),
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
          response: { 201: trust.ReferenceProductView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await addReferenceProduct(ctx, req.principal!, { ...req.body, ...req.params })),
    );

    app.post(
      '/brands/:brandId/reference-images',
      {
        config: { access: MANAGE, upload: 'brand_reference_image' },
        schema: {
          tags: ['trust'],
          summary: 'Add a reference image (up to 10 MB): its fingerprint finds copies in listings',
          description: `${uploadRules('brand_reference_image')} The picture is the file field \`file\`, optionally with \`productRefId\`.`,
          consumes: uploadConsumes('brand_reference_image'),
          params: BrandParams,
          body: trust.ReferenceImageSchema,
          response: { 201: ReferenceImageView },
        },
      },
      async (req, reply) => {
        const image = await addReferenceImage(ctx, req.principal!, {
          brandId: req.params.brandId,
          bytes: req.body.file.bytes,
          productRefId: req.body.productRefId ?? null,
        });
        return reply.code(201).send(image);
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
          response: { 201: GrantedAuthorizationView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await authorizeSeller(ctx, req.principal!, { ...req.body, ...req.params })),
    );

    app.get(
      '/brands/:brandId/authorizations',
      {
        config: { access: ['brand_owner', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'The brand’s authorizations, revoked and expired ones included',
          params: BrandParams,
          response: { 200: AuthorizationsView },
        },
      },
      async (req) => listBrandAuthorizations(ctx, req.principal, req.params.brandId),
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
          body: RevokeBody,
          response: { 200: RevokedAuthorizationView },
        },
      },
      async (req) => revokeSellerAuthorization(ctx, req.principal!, { ...req.params, ...req.body }),
    );
  };
}
