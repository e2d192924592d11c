import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/db.ts';
import { isDomainError } from '../../../kernel/errors.ts';
import { fingerprintImage } from './fingerprint.ts';
import { matchImage } from './match.ts';
import { loadFingerprintIndex, recordFingerprint } from './store.ts';
import { scene } from './test-images.ts';

describe('fingerprint persistence', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('round-trips hashes with the top bit set (int8 is signed) and loads them into an index', async () => {
    const top = (1n << 64n) - 2n; // 0xffff…fe: negative as int8
    await recordFingerprint(db.db, {
      imageRef: 'brand/1.png',
      ownerKind: 'brand_reference',
      ownerId: 'brd_1',
      sellerId: null,
      hash: top,
      mirrored: 1n,
    });
    const stored = await db.db.execute<{ hash: string }>(
      sql`SELECT hash::text AS hash FROM image_fingerprints WHERE image_ref = 'brand/1.png'`,
    );
    expect(stored.rows[0]!.hash).toBe('-2');
    const index = await loadFingerprintIndex(db.db);
    expect(index.near(top, 0)).toEqual([{ id: 'brand/1.png', distance: 0 }]);
  });

  it('re-recording an image_ref replaces it (idempotent), and indexes filter by owner kind', async () => {
    const fp = await fingerprintImage(await scene(5));
    const input = {
      imageRef: 'listing/prd_a/0.jpg',
      ownerKind: 'listing' as const,
      ownerId: 'prd_a',
      sellerId: 'sel_a',
      ...fp,
    };
    await recordFingerprint(db.db, { ...input, hash: 0n });
    await recordFingerprint(db.db, input);
    await recordFingerprint(db.db, input);
    const count = await db.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM image_fingerprints WHERE image_ref = ${input.imageRef}`,
    );
    expect(count.rows[0]!.n).toBe(1);
    const listings = await loadFingerprintIndex(db.db, { ownerKind: 'listing' });
    expect(listings.size).toBe(1);
    expect(matchImage(listings, fp)).toEqual([
      { id: input.imageRef, distance: 0, mirrored: false, verdict: 'same' },
    ]);
    const brands = await loadFingerprintIndex(db.db, { ownerKind: 'brand_reference' });
    expect(matchImage(brands, fp)).toEqual([]);
  });

  it('refuses a malformed record with trust.invalid_fingerprint', async () => {
    const err = await recordFingerprint(db.db, {
      imageRef: '',
      ownerKind: 'listing',
      ownerId: 'prd_a',
      sellerId: null,
      hash: 1n << 64n,
      mirrored: 0n,
    }).catch((e: unknown) => e);
    expect(isDomainError(err) && err.code === 'trust.invalid_fingerprint').toBe(true);
  });
});
