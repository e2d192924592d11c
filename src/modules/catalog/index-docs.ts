import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import { isId, type ProductId, type SellerId } from '../../kernel/ids.ts';
import type { Locale } from '../../kernel/locales.ts';
import type { UsState } from '../../kernel/us-states.ts';
import type { Money } from '../../money/index.ts';
import { listCategories } from './categories.ts';
import type { TranslationInput } from './product-input.ts';
import { isoTime } from './product-view.ts';

/** A product as the search indexer needs it. */
export interface ProductIndexDoc {
  productId: ProductId;
  sellerId: SellerId;
  categorySlug: string;
  /** Slugs root → leaf. */
  categoryPath: string[];
  categoryNames: Record<Locale, string>;
  brand: string | null;
  originState: UsState;
  visible: boolean;
  minPriceUsd: Money;
  maxPriceUsd: Money;
  inStock: boolean;
  translations: Partial<Record<Locale, TranslationInput>>;
  /** The first picture's URL (position order), for result grids; null when there is none. */
  pictureUrl: string | null;
  updatedAt: string;
}

interface IndexRow extends Record<string, unknown> {
  id: string;
  seller_id: string;
  category_slug: string;
  brand: string | null;
  origin_state: string;
  visible: boolean;
  min_price: string | null;
  max_price: string | null;
  in_stock: boolean;
  translations: Partial<Record<Locale, TranslationInput>>;
  picture_url: string | null;
  updated_at: string;
}

export const MAX_INDEX_BATCH = 1000;

/** Index documents for the given products, in id order; unknown ids are left out. */
export async function productsForIndex(db: Db, productIds: string[]): Promise<ProductIndexDoc[]> {
  const ids = [...new Set(productIds)].filter((id) => isId('prd', id));
  if (ids.length > MAX_INDEX_BATCH) {
    throw invalid('catalog.batch_too_large', `At most ${MAX_INDEX_BATCH} products per batch.`);
  }
  if (ids.length === 0) return [];
  const { rows } = await db.execute<IndexRow>(sql`
    SELECT p.id, p.seller_id, p.category_slug, p.brand, p.origin_state, ${isoTime(sql`p.updated_at`)} AS updated_at,
           (p.status = 'active' AND p.seller_visible AND p.trust_hold IS NULL) AS visible,
           agg.min_price, agg.max_price, COALESCE(agg.in_stock, false) AS in_stock,
           COALESCE((SELECT jsonb_object_agg(t.locale, jsonb_build_object('title', t.title, 'description', t.description))
                       FROM product_translations t
                      WHERE t.seller_id = p.seller_id AND t.product_id = p.id), '{}'::jsonb) AS translations,
           (SELECT i.url FROM product_images i
             WHERE i.seller_id = p.seller_id AND i.product_id = p.id
             ORDER BY i.position LIMIT 1) AS picture_url
      FROM products p
      LEFT JOIN LATERAL (
        SELECT min(v.price_usd)::text AS min_price, max(v.price_usd)::text AS max_price, bool_or(v.stock > 0) AS in_stock
          FROM variants v
         WHERE v.seller_id = p.seller_id AND v.product_id = p.id AND v.retired_at IS NULL
      ) agg ON true
     WHERE p.id = ANY(${sql.param(ids)}::text[])
     ORDER BY p.id`);
  const categories = new Map((await listCategories(db)).map((c) => [c.slug, c]));
  return rows.map((r) => {
    const category = categories.get(r.category_slug)!;
    return {
      productId: r.id as ProductId,
      sellerId: r.seller_id as SellerId,
      categorySlug: r.category_slug,
      categoryPath: category.path,
      categoryNames: category.names,
      brand: r.brand,
      originState: r.origin_state as UsState,
      visible: r.visible,
      minPriceUsd: { amount: BigInt(r.min_price ?? '0'), currency: 'USD' },
      maxPriceUsd: { amount: BigInt(r.max_price ?? '0'), currency: 'USD' },
      inStock: r.in_stock,
      translations: r.translations,
      pictureUrl: r.picture_url,
      updatedAt: r.updated_at,
    };
  });
}

/** Every product id in id order, a page at a time (for a full reindex). */
export async function allProductIds(db: Db, opts: { afterId?: string; limit: number }): Promise<string[]> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit), 1), 10_000);
  const after = opts.afterId ? sql`WHERE id > ${opts.afterId}` : sql``;
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT id FROM products ${after} ORDER BY id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}
