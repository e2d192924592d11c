import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { notFound } from '../../kernel/errors.ts';
import { isId, type ProductId, type SellerId, type VariantId } from '../../kernel/ids.ts';
import type { Locale } from '../../kernel/locales.ts';
import type { Money } from '../../money/index.ts';
import type { ProductKind } from './product-input.ts';
import { type ProductView, selectProducts } from './product-view.ts';

export const DEFAULT_PAGE = 200;
export const MAX_PAGE = 500;

/** A product by id. Hidden ones (not active, or the seller not verified) are not found unless asked for. */
export async function getProduct(
  db: Db,
  id: string,
  opts: { includeHidden?: boolean } = {},
): Promise<ProductView> {
  const missing = () => notFound('catalog.product_not_found', 'No such product.', { productId: id });
  if (!isId('prd', id)) throw missing();
  const [view] = await selectProducts(db, sql`p.id = ${id}`);
  if (!view || (!view.visible && !opts.includeHidden)) throw missing();
  return view;
}

/** Products by id in one query, hidden ones included, in id order; unknown ids are left out. */
export async function getProducts(db: Db, ids: readonly string[]): Promise<ProductView[]> {
  const known = [...new Set(ids)].filter((id) => isId('prd', id));
  if (known.length === 0) return [];
  return selectProducts(db, sql`p.id = ANY(${sql.param(known)}::text[])`, sql`ORDER BY p.id`);
}

/** A seller's products, hidden ones included, newest first; page with `afterId` (the last id seen). */
export async function listSellerProducts(
  db: Db,
  sellerId: SellerId,
  opts: { afterId?: string; limit?: number } = {},
): Promise<ProductView[]> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
  const after = opts.afterId ? sql`AND p.id < ${opts.afterId}` : sql``;
  return selectProducts(db, sql`p.seller_id = ${sellerId} ${after}`, sql`ORDER BY p.id DESC LIMIT ${limit}`);
}

export interface CheckoutVariant {
  variantId: VariantId;
  productId: ProductId;
  sellerId: SellerId;
  sku: string;
  kind: ProductKind;
  priceUsd: Money;
  weightGrams: number | null;
  /** Where the stock sits: 'CN_BONDED' stock sells only into mainland China (route 1210). */
  fulfilledFrom: 'US' | 'CN_BONDED';
  hsCode: string | null;
  categorySlug: string;
  titles: Partial<Record<Locale, string>>;
  stock: number;
  /** Listed for sale: the product is active, its seller visible, the variant current. Stock is separate. */
  purchasable: boolean;
}

interface CheckoutRow extends Record<string, unknown> {
  id: string;
  product_id: string;
  seller_id: string;
  sku: string;
  kind: ProductKind;
  price_usd: string;
  weight_grams: number | null;
  fulfilled_from: 'US' | 'CN_BONDED';
  hs_code: string;
  category_slug: string;
  titles: Partial<Record<Locale, string>>;
  stock: number;
  purchasable: boolean;
}

/** What checkout needs of each variant, in one query; unknown ids are left out, order follows the request. */
export async function getVariantsForCheckout(db: Db, variantIds: string[]): Promise<CheckoutVariant[]> {
  const ids = [...new Set(variantIds)].filter((id) => isId('var', id));
  if (ids.length === 0) return [];
  const { rows } = await db.execute<CheckoutRow>(sql`
    SELECT v.id, v.product_id, v.seller_id, v.sku, p.kind, v.price_usd::text AS price_usd, v.weight_grams,
           v.fulfilled_from, p.hs_code, p.category_slug, v.stock,
           (p.status = 'active' AND p.seller_visible AND p.trust_hold IS NULL AND v.retired_at IS NULL) AS purchasable,
           COALESCE((SELECT jsonb_object_agg(t.locale, t.title) FROM product_translations t
                      WHERE t.seller_id = p.seller_id AND t.product_id = p.id), '{}'::jsonb) AS titles
      FROM variants v
      JOIN products p ON p.seller_id = v.seller_id AND p.id = v.product_id
     WHERE v.id = ANY(${sql.param(ids)}::text[])`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        variantId: r.id as VariantId,
        productId: r.product_id as ProductId,
        sellerId: r.seller_id as SellerId,
        sku: r.sku,
        kind: r.kind,
        priceUsd: { amount: BigInt(r.price_usd), currency: 'USD' as const },
        weightGrams: r.weight_grams,
        fulfilledFrom: r.fulfilled_from,
        hsCode: r.hs_code,
        categorySlug: r.category_slug,
        titles: r.titles,
        stock: r.stock,
        purchasable: r.purchasable,
      },
    ];
  });
}

/** What shipping papers need of a variant that was sold: its product's classification and its weight. */
export interface VariantExportFacts {
  variantId: VariantId;
  productId: ProductId;
  kind: ProductKind;
  hsCode: string | null;
  eccn: string;
  scheduleB: string | null;
  countryOfOrigin: string;
  originState: string;
  /** Shipping weight of one unit in grams; null for services. */
  weightGrams: number | null;
}

/** Export facts of variants by id, retired ones included (orders keep their ids); unknown ids are left out. */
export async function variantExportFacts(
  db: Db,
  variantIds: string[],
): Promise<Map<string, VariantExportFacts>> {
  const ids = [...new Set(variantIds)].filter((id) => isId('var', id));
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{
    id: string;
    product_id: string;
    kind: ProductKind;
    hs_code: string | null;
    eccn: string;
    schedule_b: string | null;
    country_of_origin: string;
    origin_state: string;
    weight_grams: number | null;
  }>(sql`
    SELECT v.id, v.product_id, p.kind, p.hs_code, p.eccn, p.schedule_b, p.country_of_origin, p.origin_state,
           v.weight_grams
      FROM variants v
      JOIN products p ON p.seller_id = v.seller_id AND p.id = v.product_id
     WHERE v.id = ANY(${sql.param(ids)}::text[])`);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        variantId: r.id as VariantId,
        productId: r.product_id as ProductId,
        kind: r.kind,
        hsCode: r.hs_code,
        eccn: r.eccn,
        scheduleB: r.schedule_b,
        countryOfOrigin: r.country_of_origin,
        originState: r.origin_state,
        weightGrams: r.weight_grams,
      },
    ]),
  );
}
