import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { invalid } from '../../../kernel/errors.ts';
import { FingerprintIndex } from './fingerprint-index.ts';

export type FingerprintOwnerKind = 'listing' | 'brand_reference';

const U64 = z
  .bigint()
  .min(0n)
  .max((1n << 64n) - 1n);
const RecordInput = z
  .object({
    imageRef: z.string().min(1).max(500),
    ownerKind: z.enum(['listing', 'brand_reference']),
    ownerId: z.string().min(1).max(200),
    sellerId: z.string().min(1).max(200).nullable(),
    hash: U64,
    mirrored: U64,
  })
  .strict();

export type RecordFingerprintInput = z.infer<typeof RecordInput>;

// int8 is signed: the unsigned hash is stored as its two's complement and read back.
const toInt8 = (h: bigint) => BigInt.asIntN(64, h).toString();
const fromInt8 = (s: string) => BigInt.asUintN(64, BigInt(s));

/** Records (or replaces, keyed by image_ref) one image's fingerprint. Idempotent. */
export async function recordFingerprint(db: Db, input: RecordFingerprintInput): Promise<void> {
  const parsed = RecordInput.safeParse(input);
  if (!parsed.success) {
    throw invalid('trust.invalid_fingerprint', 'The fingerprint record is invalid.', {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const f = parsed.data;
  await db.execute(sql`
    INSERT INTO image_fingerprints (image_ref, owner_kind, owner_id, seller_id, hash, mirrored)
    VALUES (${f.imageRef}, ${f.ownerKind}, ${f.ownerId}, ${f.sellerId}, ${toInt8(f.hash)}::int8, ${toInt8(f.mirrored)}::int8)
    ON CONFLICT (image_ref) DO UPDATE SET owner_kind = EXCLUDED.owner_kind, owner_id = EXCLUDED.owner_id,
      seller_id = EXCLUDED.seller_id, hash = EXCLUDED.hash, mirrored = EXCLUDED.mirrored,
      seq = CASE WHEN image_fingerprints.hash = EXCLUDED.hash THEN image_fingerprints.seq
                 ELSE nextval('image_fingerprints_seq') END`);
}

interface Row extends Record<string, unknown> {
  image_ref: string;
  hash: string;
}

/**
 * An index of stored hashes keyed by image_ref (optionally one owner kind). Only `hash` is
 * indexed: a new image is looked up with both its hash and its mirrored hash.
 */
export async function loadFingerprintIndex(
  db: Db,
  options: { ownerKind?: FingerprintOwnerKind; bands?: number } = {},
): Promise<FingerprintIndex> {
  const index = new FingerprintIndex(options.bands === undefined ? {} : { bands: options.bands });
  const where = options.ownerKind ? sql`WHERE owner_kind = ${options.ownerKind}` : sql``;
  const { rows } = await db.execute<Row>(
    sql`SELECT image_ref, hash::text AS hash FROM image_fingerprints ${where}`,
  );
  for (const r of rows) index.add(r.image_ref, fromInt8(r.hash));
  return index;
}
