import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import { conflict, invalid } from '../../kernel/errors.ts';
import { isId, newId, type SellerId } from '../../kernel/ids.ts';
import { categoryExists } from './categories.ts';
import { type ProductInput, ProductInputSchema } from './product-input.ts';
import { insertImages, insertTranslations, type ProductView, selectProducts } from './product-view.ts';
import type { ListingCheck } from './trust-hold.ts';
import { assertVariantAttributes } from './variant-attributes.ts';

export const PRODUCT_CHANGED = 'catalog.product_changed';

/** Throws a 400 with the schema's issues; domain entry points validate like the HTTP edge. */
export function parseOrThrow<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } },
  code: string,
): T {
  if (result.success) return result.data;
  throw invalid(code, 'The product is invalid.', {
    errors: result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}

export function assertSellerId(sellerId: string): void {
  if (!isId('sel', sellerId)) throw invalid('catalog.invalid_seller', 'Not a seller id.', { sellerId });
}

export async function assertCategory(tx: Db, slug: string): Promise<void> {
  if (!(await categoryExists(tx, slug))) {
    throw invalid('catalog.unknown_category', `No category ${slug}.`, { categorySlug: slug });
  }
}

/**
 * Whether a seller's listings may show. The row is authoritative once the seller-verification
 * flow has written it; the share lock makes a concurrent suspension wait for this product (or
 * this product wait for it), so a listing never comes out visible for a suspended seller.
 */
export async function sellerVisibility(tx: Db, sellerId: string, fallback: boolean): Promise<boolean> {
  await tx.execute(sql`INSERT INTO catalog_sellers (seller_id, visible) VALUES (${sellerId}, ${fallback})
    ON CONFLICT (seller_id) DO NOTHING`);
  const { rows } = await tx.execute<{ visible: boolean }>(
    sql`SELECT visible FROM catalog_sellers WHERE seller_id = ${sellerId} FOR SHARE`,
  );
  return rows[0]?.visible ?? fallback;
}

export async function insertVariants(
  tx: Db,
  sellerId: string,
  productId: string,
  variants: readonly {
    sku: string;
    priceUsd: number;
    stock: number;
    weightGrams: number | null;
    fulfilledFrom?: 'US' | 'CN_BONDED' | undefined;
    attributes?: Record<string, string> | undefined;
    position: number;
  }[],
): Promise<void> {
  if (variants.length === 0) return;
  const rows = variants.map(
    (
      v,
    ) => sql`(${sellerId}, ${newId('var')}, ${productId}, ${v.sku}, ${BigInt(v.priceUsd).toString()}::bigint,
      ${v.stock}, ${v.weightGrams}, ${v.fulfilledFrom ?? 'US'}, ${JSON.stringify(v.attributes ?? {})}::jsonb, ${v.position})`,
  );
  const { rows: inserted } = await tx.execute<{ sku: string }>(sql`
    INSERT INTO variants (seller_id, id, product_id, sku, price_usd, stock, weight_grams, fulfilled_from, attributes, position)
    VALUES ${sql.join(rows, sql`, `)}
    ON CONFLICT ON CONSTRAINT variants_sku_unique DO NOTHING
    RETURNING sku`);
  if (inserted.length !== variants.length) {
    const got = new Set(inserted.map((r) => r.sku));
    const taken = variants.map((v) => v.sku).filter((s) => !got.has(s));
    throw conflict('catalog.sku_taken', 'The seller already uses these SKUs on another product.', {
      skus: taken,
    });
  }
}

/**
 * Lists a product for a seller. `sellerVisible` is the seller's standing as the caller knows it
 * (verified → true); the catalog's own record of it wins once one exists.
 * @example
 * await createProduct(ctx, sellerId, seller.state === 'verified', { kind: 'goods', categorySlug: 'ginseng', ... });
 */
export async function createProduct(
  ctx: Ctx,
  sellerId: SellerId,
  sellerVisible: boolean,
  input: ProductInput,
  listingCheck?: ListingCheck,
): Promise<ProductView> {
  assertSellerId(sellerId);
  const p = parseOrThrow(ProductInputSchema.safeParse(input), 'catalog.invalid_product');
  assertVariantAttributes(p.translations, p.variants);
  const id = newId('prd');
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    await assertCategory(tx, p.categorySlug);
    const visible = await sellerVisibility(tx, sellerId, sellerVisible);
    await tx.execute(sql`
      INSERT INTO products (seller_id, id, kind, category_slug, brand, origin_state, hs_code, status,
        seller_visible, created_at, updated_at, eccn, schedule_b, country_of_origin)
      VALUES (${sellerId}, ${id}, ${p.kind}, ${p.categorySlug}, ${p.brand ?? null}, ${p.originState}, ${p.hsCode},
        ${p.status ?? 'draft'}, ${visible}, ${now}, ${now}, ${p.eccn ?? 'EAR99'}, ${p.scheduleB ?? null},
        ${p.countryOfOrigin ?? 'US'})`);
    await insertTranslations(tx, sellerId, id, p.translations);
    await insertImages(tx, sellerId, id, p.images);
    await insertVariants(
      tx,
      sellerId,
      id,
      p.variants.map((v, position) => ({ ...v, position })),
    );
    await emitEvent(tx, PRODUCT_CHANGED, id, { productId: id });
    const select = () => selectProducts(tx, sql`p.seller_id = ${sellerId} AND p.id = ${id}`);
    const [view] = await select();
    if (!listingCheck) return view!;
    await listingCheck(tx, view!, 'created');
    return (await select())[0]!;
  });
}
