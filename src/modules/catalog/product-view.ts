import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import type { ProductId, SellerId, VariantId } from '../../kernel/ids.ts';
import type { Locale } from '../../kernel/locales.ts';
import type { UsState } from '../../kernel/us-states.ts';
import { type MoneyJson, toJson } from '../../money/index.ts';
import type { ProductKind, ProductStatus, TranslationInput } from './product-input.ts';

export interface VariantView {
  id: VariantId;
  sku: string;
  priceUsd: MoneyJson;
  stock: number;
  weightGrams: number | null;
  fulfilledFrom: 'US' | 'CN_BONDED';
  attributes: Record<string, string>;
}

/** Why the trust module keeps a listing from buyers (see migration 004). */
export type TrustHold = 'held_for_review' | 'taken_down' | 'unauthorized';
export const TRUST_HOLDS: readonly TrustHold[] = ['held_for_review', 'taken_down', 'unauthorized'];

export interface ProductView {
  id: ProductId;
  sellerId: SellerId;
  kind: ProductKind;
  categorySlug: string;
  brand: string | null;
  originState: UsState;
  hsCode: string | null;
  /** US export classification: 'EAR99' or an ECCN. */
  eccn: string;
  scheduleB: string | null;
  countryOfOrigin: string;
  status: ProductStatus;
  /** Buyers see it: active, its seller verified, and no trust hold on it. */
  visible: boolean;
  /** Why the trust module keeps it from buyers, if it does. */
  trustHold: TrustHold | null;
  translations: Partial<Record<Locale, TranslationInput>>;
  images: { url: string; alt: string | null }[];
  /** Current variants in listing order (retired ones are left out). */
  variants: VariantView[];
  createdAt: string;
  updatedAt: string;
}

interface ProductRow extends Record<string, unknown> {
  seller_id: string;
  id: string;
  kind: ProductKind;
  category_slug: string;
  brand: string | null;
  origin_state: string;
  hs_code: string;
  eccn: string;
  schedule_b: string | null;
  country_of_origin: string;
  status: ProductStatus;
  seller_visible: boolean;
  trust_hold: TrustHold | null;
  created_at: string;
  updated_at: string;
  translations: Partial<Record<Locale, TranslationInput>>;
  images: { url: string; alt: string | null }[];
  variants: {
    id: string;
    sku: string;
    priceUsd: string;
    stock: number;
    weightGrams: number | null;
    fulfilledFrom: 'US' | 'CN_BONDED';
    attributes: Record<string, string>;
  }[];
}

/**
 * Drizzle's node-postgres driver hands timestamptz back as PostgreSQL text; formatting it in SQL
 * gives the API's ISO 8601 UTC form exactly, whatever the session's time zone.
 */
export const isoTime = (column: SQL) =>
  sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One query for products with their translations, images and current variants. */
export async function selectProducts(db: Db, where: SQL, tail: SQL = sql``): Promise<ProductView[]> {
  const { rows } = await db.execute<ProductRow>(sql`
    SELECT p.seller_id, p.id, p.kind, p.category_slug, p.brand, p.origin_state, p.hs_code, p.eccn, p.schedule_b,
           p.country_of_origin, p.status,
           p.seller_visible, p.trust_hold, ${isoTime(sql`p.created_at`)} AS created_at, ${isoTime(sql`p.updated_at`)} AS updated_at,
           COALESCE((SELECT jsonb_object_agg(t.locale, jsonb_build_object('title', t.title, 'description', t.description)
                              || CASE WHEN t.variant_attributes = '{}'::jsonb THEN '{}'::jsonb
                                      ELSE jsonb_build_object('variantAttributes', t.variant_attributes) END)
                       FROM product_translations t
                      WHERE t.seller_id = p.seller_id AND t.product_id = p.id), '{}'::jsonb) AS translations,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('url', i.url, 'alt', i.alt) ORDER BY i.position)
                       FROM product_images i
                      WHERE i.seller_id = p.seller_id AND i.product_id = p.id), '[]'::jsonb) AS images,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('id', v.id, 'sku', v.sku, 'priceUsd', v.price_usd::text,
                              'stock', v.stock, 'weightGrams', v.weight_grams, 'fulfilledFrom', v.fulfilled_from, 'attributes', v.attributes)
                              ORDER BY v.position)
                       FROM variants v
                      WHERE v.seller_id = p.seller_id AND v.product_id = p.id AND v.retired_at IS NULL),
                    '[]'::jsonb) AS variants
      FROM products p
     WHERE ${where}
     ${tail}`);
  return rows.map(toProductView);
}

function toProductView(r: ProductRow): ProductView {
  return {
    id: r.id as ProductId,
    sellerId: r.seller_id as SellerId,
    kind: r.kind,
    categorySlug: r.category_slug,
    brand: r.brand,
    originState: r.origin_state as UsState,
    hsCode: r.hs_code,
    eccn: r.eccn,
    scheduleB: r.schedule_b,
    countryOfOrigin: r.country_of_origin,
    status: r.status,
    visible: r.status === 'active' && r.seller_visible && r.trust_hold === null,
    trustHold: r.trust_hold,
    translations: r.translations,
    images: r.images,
    variants: r.variants.map((v) => ({
      id: v.id as VariantId,
      sku: v.sku,
      // price_usd is int8: carried as text so no digit passes through a float.
      priceUsd: toJson({ amount: BigInt(v.priceUsd), currency: 'USD' }),
      stock: v.stock,
      weightGrams: v.weightGrams,
      fulfilledFrom: v.fulfilledFrom,
      attributes: v.attributes,
    })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts a product's translations (the caller has removed the old ones when replacing). */
export async function insertTranslations(
  tx: Db,
  sellerId: string,
  productId: string,
  translations: Partial<Record<Locale, TranslationInput>>,
): Promise<void> {
  const rows = Object.entries(translations).flatMap(([locale, t]) =>
    t
      ? [
          sql`(${sellerId}, ${productId}, ${locale}, ${t.title}, ${t.description},
            ${JSON.stringify(t.variantAttributes ?? {})}::jsonb)`,
        ]
      : [],
  );
  if (rows.length === 0) return;
  await tx.execute(sql`INSERT INTO product_translations (seller_id, product_id, locale, title, description, variant_attributes)
    VALUES ${sql.join(rows, sql`, `)}`);
}

export async function insertImages(
  tx: Db,
  sellerId: string,
  productId: string,
  images: readonly { url: string; alt?: string | undefined }[],
): Promise<void> {
  if (images.length === 0) return;
  const rows = images.map((img, i) => sql`(${sellerId}, ${productId}, ${i}, ${img.url}, ${img.alt || null})`);
  await tx.execute(sql`INSERT INTO product_images (seller_id, product_id, position, url, alt)
    VALUES ${sql.join(rows, sql`, `)}`);
}
