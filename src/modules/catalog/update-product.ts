import { sql } from 'drizzle-orm';
import { emitEvent } from '../../db/audit.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import { conflict, invalid, notFound } from '../../kernel/errors.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { canTransition, type TransitionTable } from '../../kernel/state-machine.ts';
import {
  assertCategory,
  assertSellerId,
  insertVariants,
  PRODUCT_CHANGED,
  parseOrThrow,
} from './create-product.ts';
import {
  type ProductKind,
  type ProductPatch,
  ProductPatchSchema,
  type ProductStatus,
  scheduleBProblem,
  weightProblems,
} from './product-input.ts';
import { insertImages, insertTranslations, type ProductView, selectProducts } from './product-view.ts';
import type { ListingCheck } from './trust-hold.ts';
import { assertVariantAttributes, keepCurrent, type VariantAttributes } from './variant-attributes.ts';

/** An archived product comes back as a draft first, so relisting is a deliberate second step. */
export const PRODUCT_STATUS_TRANSITIONS: TransitionTable<ProductStatus> = {
  draft: ['active', 'archived'],
  active: ['draft', 'archived'],
  archived: ['draft'],
};

type PatchVariant = NonNullable<ProductPatch['variants']>[number];

function assertWeights(kind: ProductKind, variants: readonly { weightGrams: number | null }[]): void {
  const problems = weightProblems(kind, variants);
  if (problems.length > 0) {
    throw invalid(
      kind === 'goods' ? 'catalog.weight_required' : 'catalog.service_has_weight',
      problems[0]!.message,
      { errors: problems.map((p) => ({ path: `variants.${p.index}.weightGrams`, message: p.message })) },
    );
  }
}

/** Updates listed SKUs in place, adds new ones, retires the product's SKUs left out. */
async function replaceVariants(
  tx: Db,
  sellerId: string,
  productId: string,
  variants: readonly PatchVariant[],
  now: Date,
): Promise<void> {
  const skus = variants.map((v) => v.sku);
  const { rows: existing } = await tx.execute<{ id: string; sku: string; product_id: string }>(sql`
    SELECT id, sku, product_id FROM variants
     WHERE seller_id = ${sellerId}
       AND (product_id = ${productId} OR sku = ANY(${sql.param(skus)}::text[]))
     ORDER BY id
     FOR UPDATE`);
  const elsewhere = existing.filter((r) => r.product_id !== productId).map((r) => r.sku);
  if (elsewhere.length > 0) {
    throw conflict('catalog.sku_taken', 'The seller already uses these SKUs on another product.', {
      skus: elsewhere,
    });
  }
  const bySku = new Map(existing.map((r) => [r.sku, r]));
  const fresh: (PatchVariant & { stock: number; position: number })[] = [];
  for (const [position, v] of variants.entries()) {
    const row = bySku.get(v.sku);
    if (!row) {
      fresh.push({ ...v, stock: v.stock ?? 0, position });
      continue;
    }
    await tx.execute(sql`
      UPDATE variants
         SET price_usd = ${BigInt(v.priceUsd).toString()}::bigint, weight_grams = ${v.weightGrams},
             fulfilled_from = ${v.fulfilledFrom ?? 'US'},
             attributes = ${JSON.stringify(v.attributes ?? {})}::jsonb, position = ${position}, retired_at = NULL,
             stock = ${v.stock === undefined ? sql`stock` : sql`${v.stock}`}
       WHERE seller_id = ${sellerId} AND id = ${row.id}`);
  }
  await tx.execute(sql`
    UPDATE variants SET retired_at = ${now}
     WHERE seller_id = ${sellerId} AND product_id = ${productId} AND retired_at IS NULL
       AND NOT (sku = ANY(${sql.param(skus)}::text[]))`);
  await insertVariants(tx, sellerId, productId, fresh);
}

/**
 * Translated attribute values must name current SKUs and keys. New translations naming others are
 * refused (422); stored ones outlived by a variant change (a SKU retired, a key dropped) are pruned.
 */
async function checkTranslatedAttributes(
  tx: Db,
  sellerId: string,
  productId: string,
  prune: boolean,
): Promise<void> {
  const { rows: variants } = await tx.execute<{ sku: string; attributes: Record<string, string> }>(sql`
    SELECT sku, attributes FROM variants
     WHERE seller_id = ${sellerId} AND product_id = ${productId} AND retired_at IS NULL`);
  const { rows } = await tx.execute<{ locale: string; variant_attributes: VariantAttributes }>(sql`
    SELECT locale, variant_attributes FROM product_translations
     WHERE seller_id = ${sellerId} AND product_id = ${productId} AND variant_attributes <> '{}'::jsonb`);
  if (!prune) {
    assertVariantAttributes(
      Object.fromEntries(rows.map((r) => [r.locale, { variantAttributes: r.variant_attributes }])),
      variants,
    );
    return;
  }
  for (const r of rows) {
    const kept = keepCurrent(r.variant_attributes, variants);
    if (JSON.stringify(kept) === JSON.stringify(r.variant_attributes)) continue;
    await tx.execute(sql`UPDATE product_translations SET variant_attributes = ${JSON.stringify(kept)}::jsonb
      WHERE seller_id = ${sellerId} AND product_id = ${productId} AND locale = ${r.locale}`);
  }
}

/**
 * Changes a product (see `ProductPatch` for the rules). Another seller's product is not found.
 * @example
 * await updateProduct(ctx, sellerId, productId, { status: 'active' });
 */
export async function updateProduct(
  ctx: Ctx,
  sellerId: SellerId,
  productId: string,
  patch: ProductPatch,
  listingCheck?: ListingCheck,
): Promise<ProductView> {
  assertSellerId(sellerId);
  const p = parseOrThrow(ProductPatchSchema.safeParse(patch), 'catalog.invalid_product');
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.execute<{
      kind: ProductKind;
      status: ProductStatus;
      hs_code: string | null;
      schedule_b: string | null;
    }>(sql`
      SELECT kind, status, hs_code, schedule_b FROM products
       WHERE seller_id = ${sellerId} AND id = ${productId} FOR UPDATE`);
    const current = rows[0];
    if (!current) throw notFound('catalog.product_not_found', 'No such product.', { productId });
    if (
      p.status &&
      p.status !== current.status &&
      !canTransition(PRODUCT_STATUS_TRANSITIONS, current.status, p.status)
    ) {
      throw conflict(
        'catalog.invalid_status_change',
        `A product cannot go from ${current.status} to ${p.status}.`,
        {
          from: current.status,
          to: p.status,
        },
      );
    }
    if (p.categorySlug) await assertCategory(tx, p.categorySlug);
    const kind = p.kind ?? current.kind;
    const hsCode = p.hsCode !== undefined ? p.hsCode : current.hs_code;
    if ((kind === 'goods') !== (hsCode !== null)) {
      throw invalid(
        kind === 'goods' ? 'catalog.hs_code_required' : 'catalog.service_has_hs_code',
        kind === 'goods' ? 'Goods need an HS code for customs.' : 'A service has no HS code.',
      );
    }
    const scheduleB = scheduleBProblem(
      kind,
      hsCode,
      p.scheduleB !== undefined ? p.scheduleB : current.schedule_b,
    );
    if (scheduleB) throw invalid('catalog.schedule_b_mismatch', scheduleB);
    if (p.variants) {
      assertWeights(kind, p.variants);
    } else if (p.kind && p.kind !== current.kind) {
      const { rows: kept } = await tx.execute<{ weight_grams: number | null }>(sql`
        SELECT weight_grams FROM variants
         WHERE seller_id = ${sellerId} AND product_id = ${productId} AND retired_at IS NULL ORDER BY position`);
      assertWeights(
        kind,
        kept.map((r) => ({ weightGrams: r.weight_grams })),
      );
    }
    const sets = [sql`updated_at = ${now}`];
    if (p.kind) sets.push(sql`kind = ${p.kind}`);
    if (p.categorySlug) sets.push(sql`category_slug = ${p.categorySlug}`);
    if (p.brand !== undefined) sets.push(sql`brand = ${p.brand}`);
    if (p.originState) sets.push(sql`origin_state = ${p.originState}`);
    if (p.hsCode !== undefined) sets.push(sql`hs_code = ${p.hsCode}`);
    if (p.status) sets.push(sql`status = ${p.status}`);
    if (p.eccn) sets.push(sql`eccn = ${p.eccn}`);
    if (p.scheduleB !== undefined) sets.push(sql`schedule_b = ${p.scheduleB}`);
    if (p.countryOfOrigin) sets.push(sql`country_of_origin = ${p.countryOfOrigin}`);
    await tx.execute(sql`UPDATE products SET ${sql.join(sets, sql`, `)}
      WHERE seller_id = ${sellerId} AND id = ${productId}`);
    if (p.translations) {
      await tx.execute(
        sql`DELETE FROM product_translations WHERE seller_id = ${sellerId} AND product_id = ${productId}`,
      );
      await insertTranslations(tx, sellerId, productId, p.translations);
    }
    if (p.images) {
      await tx.execute(
        sql`DELETE FROM product_images WHERE seller_id = ${sellerId} AND product_id = ${productId}`,
      );
      await insertImages(tx, sellerId, productId, p.images);
    }
    if (p.variants) await replaceVariants(tx, sellerId, productId, p.variants, now);
    if (p.translations || p.variants)
      await checkTranslatedAttributes(tx, sellerId, productId, !p.translations);
    await emitEvent(tx, PRODUCT_CHANGED, productId, { productId });
    const select = () => selectProducts(tx, sql`p.seller_id = ${sellerId} AND p.id = ${productId}`);
    const [view] = await select();
    if (!listingCheck) return view!;
    await listingCheck(tx, view!, 'updated');
    return (await select())[0]!;
  });
}
