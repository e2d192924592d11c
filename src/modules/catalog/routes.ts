import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actsForSeller, type Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import { zId } from '../../kernel/ids.ts';
import { LOCALES } from '../../kernel/locales.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { listCategories } from './categories.ts';
import { MAX_STOCK, PRODUCT_KINDS, PRODUCT_STATUSES } from './product-input.ts';
import { TRUST_HOLDS, type TrustHold } from './product-view.ts';
import { getProduct } from './read-products.ts';
import { setStock } from './stock.ts';

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
function assertSellerAccess(p: Principal | null, sellerId: string): void {
  if (actsForSeller(p, sellerId)) return;
  throw forbidden('catalog.forbidden', 'Only this seller’s staff may manage its listings.', { sellerId });
}

const SELLER_ACCESS = ['seller_staff', 'platform_admin'] as const;

/**
 * What needs the catalog alone: categories, a product's raw view, stock counts. A seller's
 * listings (`/sellers/:sellerId/products…`) are written with the trust module's listing checks:
 * they are served by the listings flow (src/flows/listings/routes.ts).
 */
export function catalogRoutes(ctx: Ctx): FastifyPluginAsyncZod {
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
          params: z.object({ id: zId('prd') }),
          response: { 200: ProductViewSchema },
        },
      },
      async (req) => getProduct(ctx.db, req.params.id),
    );

    app.put(
      '/sellers/:sellerId/variants/:variantId/stock',
      {
        config: { access: SELLER_ACCESS },
        schema: {
          tags: ['catalog'],
          summary: 'Set a variant’s stock count',
          params: z.object({ sellerId: zId('sel'), variantId: zId('var') }),
          body: z.object({ stock: z.number().int().min(0).max(MAX_STOCK) }).strict(),
          response: { 204: z.null().describe('Stock set') },
        },
      },
      async (req, reply) => {
        assertSellerAccess(req.principal, req.params.sellerId);
        await setStock(ctx, req.params.sellerId, req.params.variantId, req.body.stock);
        return reply.code(204).send(null);
      },
    );
  };
}
