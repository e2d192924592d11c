import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../../db/audit.ts';
import type { Db } from '../../../db/database.ts';
import type { Clock } from '../../../kernel/clock.ts';
import { invalid, notFound } from '../../../kernel/errors.ts';
import { newId } from '../../../kernel/ids.ts';
import { fingerprintImage } from '../fingerprints/fingerprint.ts';
import { recordFingerprint } from '../fingerprints/store.ts';
import { getBrand } from './brands.ts';
import { MAX_REFERENCE_IMAGE_BYTES, type ReferenceProductInput, ReferenceProductSchema } from './schemas.ts';

/** A product of the brand as it is really sold: what a branded listing's price is compared with. */
export interface ReferenceProduct {
  id: string;
  brandId: string;
  name: string;
  categorySlug: string | null;
  /** USD cents. */
  referencePriceUsd: bigint;
  /** The reference images showing this product (`brand:<brandId>:<sha256>`). */
  imageRefs: string[];
  createdAt: string;
}

export interface ReferenceImage {
  imageRef: string;
  brandId: string;
  productRefId: string | null;
  sha256: string;
  byteSize: number;
  createdAt: string;
}

/** `brand:<brandId>:<sha256 of the bytes>`: the same picture uploaded twice is one image. */
export const referenceImageRef = (brandId: string, sha256: string) => `brand:${brandId}:${sha256}`;

/** The brand id inside a reference image ref, or null when the ref is not a brand reference. */
export function brandIdOfReferenceImageRef(imageRef: string): string | null {
  const m = /^brand:(brd_[0-9a-f]{32}):[0-9a-f]{64}$/.exec(imageRef);
  return m ? m[1]! : null;
}

export async function addReferenceProduct(
  tx: Db,
  clock: Clock,
  input: { brandId: string; actor: string } & ReferenceProductInput,
): Promise<ReferenceProduct> {
  const { brandId, actor, ...rest } = input;
  const parsed = ReferenceProductSchema.safeParse(rest);
  if (!parsed.success) {
    throw invalid('trust.invalid_reference_product', 'The reference product is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const p = parsed.data;
  const brand = await getBrand(tx, brandId);
  const id = newId('brp');
  const now = clock.now().toISOString();
  await tx.execute(sql`
    INSERT INTO brand_reference_products (id, brand_id, name, category_slug, reference_price_usd, created_at)
    VALUES (${id}, ${brand.id}, ${p.name}, ${p.categorySlug}, ${BigInt(p.referencePriceUsd).toString()}::bigint, ${now})`);
  await recordAudit(tx, {
    actor,
    action: 'trust.brand_reference_product_added',
    subject: brand.id,
    detail: { referenceProductId: id, referencePriceUsd: p.referencePriceUsd },
  });
  return {
    id,
    brandId: brand.id,
    name: p.name,
    categorySlug: p.categorySlug,
    referencePriceUsd: BigInt(p.referencePriceUsd),
    imageRefs: [],
    createdAt: now,
  };
}

/** The brand's reference products with their reference prices and images, oldest first. */
export async function brandReferenceProducts(db: Db, brandId: string): Promise<ReferenceProduct[]> {
  const { rows } = await db.execute<{
    id: string;
    brand_id: string;
    name: string;
    category_slug: string | null;
    price: string;
    image_refs: string[];
    created_at: Date | string;
  }>(sql`
    SELECT p.id, p.brand_id, p.name, p.category_slug, p.reference_price_usd::text AS price, p.created_at,
           coalesce(array_agg(i.image_ref ORDER BY i.created_at, i.image_ref)
                    FILTER (WHERE i.image_ref IS NOT NULL), '{}') AS image_refs
      FROM brand_reference_products p LEFT JOIN brand_reference_images i ON i.product_ref_id = p.id
     WHERE p.brand_id = ${brandId}
     GROUP BY p.id ORDER BY p.created_at, p.id`);
  return rows.map((r) => ({
    id: r.id,
    brandId: r.brand_id,
    name: r.name,
    categorySlug: r.category_slug,
    referencePriceUsd: BigInt(r.price),
    imageRefs: r.image_refs,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/**
 * Fingerprints a reference image of the brand and records it (owner kind 'brand_reference'). Any
 * brand may upload; only a verified brand's images count (see verifiedBrandReferenceImageRefs).
 * A file that is not a readable image is refused with 400.
 */
export async function addReferenceImage(
  tx: Db,
  clock: Clock,
  input: { brandId: string; actor: string; bytes: Buffer; productRefId?: string | null },
): Promise<ReferenceImage> {
  const brand = await getBrand(tx, input.brandId);
  if (input.bytes.length > MAX_REFERENCE_IMAGE_BYTES) {
    throw invalid('trust.invalid_image', 'The image is larger than 10 MB.', { bytes: input.bytes.length });
  }
  const productRefId = input.productRefId ?? null;
  if (productRefId !== null) {
    const { rows } = await tx.execute(
      sql`SELECT 1 FROM brand_reference_products WHERE id = ${productRefId} AND brand_id = ${brand.id}`,
    );
    if (rows.length === 0) {
      throw notFound('trust.reference_product_not_found', 'No such reference product of this brand.', {
        productRefId,
      });
    }
  }
  const { hash, mirrored } = await fingerprintImage(input.bytes);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const imageRef = referenceImageRef(brand.id, sha256);
  const now = clock.now().toISOString();
  await recordFingerprint(tx, {
    imageRef,
    ownerKind: 'brand_reference',
    ownerId: brand.id,
    sellerId: null,
    hash,
    mirrored,
  });
  await tx.execute(sql`
    INSERT INTO brand_reference_images (image_ref, brand_id, product_ref_id, sha256, byte_size, created_at)
    VALUES (${imageRef}, ${brand.id}, ${productRefId}, ${sha256}, ${input.bytes.length}, ${now})
    ON CONFLICT (image_ref) DO UPDATE SET product_ref_id = coalesce(EXCLUDED.product_ref_id, brand_reference_images.product_ref_id)`);
  await recordAudit(tx, {
    actor: input.actor,
    action: 'trust.brand_reference_image_added',
    subject: brand.id,
    detail: { imageRef, productRefId },
  });
  return { imageRef, brandId: brand.id, productRefId, sha256, byteSize: input.bytes.length, createdAt: now };
}

/**
 * The reference image refs of verified brands: a listing photo close to one of these, from a
 * seller the brand has not authorized, is a counterfeit signal. Images of pending, rejected or
 * suspended brands do not count.
 */
export async function verifiedBrandReferenceImageRefs(db: Db): Promise<Set<string>> {
  const { rows } = await db.execute<{ image_ref: string }>(sql`
    SELECT i.image_ref FROM brand_reference_images i JOIN brands b ON b.id = i.brand_id
     WHERE b.status = 'verified'`);
  return new Set(rows.map((r) => r.image_ref));
}
