import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { FingerprintIndex } from './fingerprint-index.ts';
import type { FingerprintOwnerKind } from './store.ts';

export interface StoredFingerprint {
  imageRef: string;
  ownerKind: FingerprintOwnerKind;
  ownerId: string;
  sellerId: string | null;
  hash: bigint;
  mirrored: bigint;
  /** Change number: a lower one was recorded earlier. */
  seq: bigint;
}

interface Row extends Record<string, unknown> {
  image_ref: string;
  owner_kind: FingerprintOwnerKind;
  owner_id: string;
  seller_id: string | null;
  hash: string;
  mirrored: string;
  seq: string;
}

const PAGE = 50_000;
const REREAD_WINDOW = 1_000n;
const fromInt8 = (s: string) => BigInt.asUintN(64, BigInt(s));
const toStored = (r: Row): StoredFingerprint => ({
  imageRef: r.image_ref,
  ownerKind: r.owner_kind,
  ownerId: r.owner_id,
  sellerId: r.seller_id,
  hash: fromInt8(r.hash),
  mirrored: fromInt8(r.mirrored),
  seq: BigInt(r.seq),
});

/** The stored fingerprints of these image refs (refs never fingerprinted are left out). */
export async function storedFingerprints(db: Db, imageRefs: readonly string[]): Promise<StoredFingerprint[]> {
  if (imageRefs.length === 0) return [];
  const { rows } = await db.execute<Row>(sql`
    SELECT image_ref, owner_kind, owner_id, seller_id, hash::text AS hash, mirrored::text AS mirrored, seq::text AS seq
      FROM image_fingerprints WHERE image_ref = ANY(${sql.param([...imageRefs])}::text[])`);
  return rows.map(toStored);
}

/** A listing's images now belong to it (an upload is owned by its seller until a listing uses it). */
export async function assignListingImages(
  tx: Db,
  input: { productId: string; sellerId: string; imageRefs: readonly string[] },
): Promise<void> {
  if (input.imageRefs.length === 0) return;
  await tx.execute(sql`
    UPDATE image_fingerprints SET owner_id = ${input.productId}
     WHERE image_ref = ANY(${sql.param([...input.imageRefs])}::text[])
       AND owner_kind = 'listing' AND seller_id = ${input.sellerId} AND owner_id <> ${input.productId}`);
}

/**
 * A process-wide index of every stored fingerprint, kept current by reading only rows whose
 * change number is past the last one seen: a lookup costs microseconds at a million images, and
 * a refresh costs one indexed query. Matches are re-read from the table, so ownership is never stale.
 */
export class LiveFingerprintIndex {
  private readonly index = new FingerprintIndex();
  private lastSeq = 0n;
  private refreshing: Promise<void> | null = null;

  async refresh(db: Db): Promise<FingerprintIndex> {
    // One refresh at a time per process; concurrent callers share it.
    this.refreshing ??= this.readNew(db).finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
    return this.index;
  }

  private async readNew(db: Db): Promise<void> {
    // Sequence numbers are taken at insert and become visible at commit, so a slow transaction
    // can commit a number below one already read: each refresh re-reads a window behind the last
    // number seen (adding a known image again is a no-op).
    let from = this.lastSeq > REREAD_WINDOW ? this.lastSeq - REREAD_WINDOW : 0n;
    for (;;) {
      const { rows } = await db.execute<{ image_ref: string; hash: string; seq: string }>(sql`
        SELECT image_ref, hash::text AS hash, seq::text AS seq FROM image_fingerprints
         WHERE seq > ${from.toString()}::bigint ORDER BY seq LIMIT ${PAGE}`);
      for (const r of rows) {
        this.index.add(r.image_ref, fromInt8(r.hash));
        from = BigInt(r.seq);
      }
      if (from > this.lastSeq) this.lastSeq = from;
      if (rows.length < PAGE) return;
    }
  }
}
