import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole, type Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { LOCALES } from '../../kernel/locales.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { getSeller } from '../sellers/index.ts';
import { listCategories } from './categories.ts';
import { createProduct } from './create-product.ts';
import {
  MAX_STOCK,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  ProductInputSchema,
  ProductPatchSchema,
} from './product-input.ts';
import { TRUST_HOLDS, type TrustHold } from './product-view.ts';
import { getProduct, listSellerProducts, MAX_PAGE } from './read-products.ts';
import { setStock } from './stock.ts';
import type { ListingCheck } from './trust-hold.ts';
import { updateProduct } from './update-product.ts';

const SellerIdParam = z.string().regex(/^sel_[0-9a-f]{32}$/, 'A seller id: sel_ and 32 hex digits.');
const ProductIdParam = z.string().regex(/^prd_[0-9a-f]{32}$/, 'A product id: prd_ and 32 hex digits.');
const VariantIdParam = z.string().regex(/^var_[0-9a-f]{32}$/, 'A variant id: var_ and 32 hex digits.');

const Names = z.object({
  en: z.string(),
  'zh-Hans': z.string(),
  'zh-Hant': z.string(),
  ja: z.string(),
  ko: z.string(),
});
export const CategoryViewSchema = z.object({
  slug: z.string(),
  parent: z.string().nullable(),
  names: Names,
  hsCode: z.string().nullable(),
  path: z.array(z.string()),
});
const Translation = z.object({
  title: z.string(),
  description: z.string(),
  variantAttributes: z
    .record(z.string(), z.record(z.string(), z.string()))
    .optional()
    .describe('Attribute values in this language by SKU and key; left out when there are none'),
});
const MoneySchema = z.object({ amount: z.number().int(), currency: z.string() });
export const ProductViewSchema = z.object({
  id: z.string(),
  sellerId: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  categorySlug: z.string(),
  brand: z.string().nullable(),
  originState: z.enum(US_STATE_CODES as [UsState, ...UsState[]]),
  hsCode: z.string().nullable(),
  eccn: z.string(),
  scheduleB: z.string().nullable(),
  countryOfOrigin: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  visible: z.boolean(),
  trustHold: z.enum(TRUST_HOLDS as [TrustHold, ...TrustHold[]]).nullable(),
  translations: z.partialRecord(z.enum(LOCALES), Translation),
  images: z.array(z.object({ url: z.string(), alt: z.string().nullable() })),
  variants: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      priceUsd: MoneySchema,
      stock: z.number().int(),
      weightGrams: z.number().int().nullable(),
      fulfilledFrom: z.enum(['US', 'CN_BONDED']),
      attributes: z.record(z.string(), z.string()),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A seller's own staff, or a platform admin; anyone else is refused. */
function assertSellerAccess(p: Principal | null, sellerId: string): SellerId {
  const id = sellerId as SellerId;
  if (hasRole(p, 'platform_admin')) return id;
  if (p && hasRole(p, 'seller_staff') && p.sellerIds.includes(id)) return id;
  throw forbidden('catalog.forbidden', 'Only this seller’s staff may manage its listings.', { sellerId });
}

const SELLER_ACCESS = ['seller_staff', 'platform_admin'] as const;

/** `listingCheck` is the trust flow's check, run in the transaction of every listing write. */
export function catalogRoutes(
  ctx: Ctx,
  options: { listingCheck?: ListingCheck } = {},
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/categories',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalog'],
          summary: 'The category tree, with names in every locale and default HS codes',
          response: { 200: z.array(CategoryViewSchema) },
        },
      },
      async () => listCategories(ctx.db),
    );

    app.get(
      '/products/:id/raw',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalog'],
          summary: 'A visible product with its USD prices (the storefront page localises it)',
          params: z.object({ id: ProductIdParam }),
          response: { 200: ProductViewSchema },
        },
      },
      async (req) => getProduct(ctx.db, req.params.id),
    );

    app.get(
      '/sellers/:sellerId/products',
      {
        config: { access: SELLER_ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'A seller’s products, hidden ones included, newest first',
          params: z.object({ sellerId: SellerIdParam }),
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
              afterId: ProductIdParam.optional(),
            })
            .strict(),
          response: { 200: z.array(ProductViewSchema) },
        },
      },
      async (req) => {
        const sellerId = assertSellerAccess(req.principal, req.params.sellerId);
        return listSellerProducts(ctx.db, sellerId, { limit: req.query.limit, afterId: req.query.afterId });
      },
    );

    app.post(
      '/sellers/:sellerId/products',
      {
        config: { access: SELLER_ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'List a product (shown to buyers once active and the seller is verified)',
          params: z.object({ sellerId: SellerIdParam }),
          body: ProductInputSchema,
          response: { 201: ProductViewSchema },
        },
      },
      async (req, reply) => {
        const sellerId = assertSellerAccess(req.principal, req.params.sellerId);
        const seller = await getSeller(ctx.db, sellerId);
        const product = await createProduct(
          ctx,
          sellerId,
          seller.state === 'verified',
          req.body,
          options.listingCheck,
        );
        return reply.code(201).send(product);
      },
    );

    app.patch(
      '/sellers/:sellerId/products/:productId',
      {
        config: { access: SELLER_ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'Change a product; variants are matched by SKU, and SKUs left out are retired',
          params: z.object({ sellerId: SellerIdParam, productId: ProductIdParam }),
          body: ProductPatchSchema,
          response: { 200: ProductViewSchema },
        },
      },
      async (req) => {
        const sellerId = assertSellerAccess(req.principal, req.params.sellerId);
        return updateProduct(ctx, sellerId, req.params.productId, req.body, options.listingCheck);
      },
    );

    app.put(
      '/sellers/:sellerId/variants/:variantId/stock',
      {
        config: { access: SELLER_ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'Set a variant’s stock count',
          params: z.object({ sellerId: SellerIdParam, variantId: VariantIdParam }),
          body: z.object({ stock: z.number().int().min(0).max(MAX_STOCK) }).strict(),
          response: { 204: z.null().describe('Stock set') },
        },
      },
      async (req, reply) => {
        const sellerId = assertSellerAccess(req.principal, req.params.sellerId);
        await setStock(ctx, sellerId, req.params.variantId, req.body.stock);
        return reply.code(204).send(null);
      },
    );
  };
}
