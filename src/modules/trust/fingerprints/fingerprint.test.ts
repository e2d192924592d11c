import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../../kernel/errors.ts';
import { fingerprintImage, type ImageFingerprint, MAX_IMAGE_BYTES } from './fingerprint.ts';
import { classifyDistance, FingerprintIndex, hammingDistance } from './fingerprint-index.ts';
import { matchImage } from './match.ts';
import { scene, watermark } from './test-images.ts';

// Distances measured here are printed once (calibration for the thresholds in fingerprint-index.ts).
const measured: Record<string, number> = {};

/** The nearer of direct and mirrored distance, as matchImage compares them. */
function distance(original: ImageFingerprint, copy: ImageFingerprint): { d: number; viaMirror: boolean } {
  const direct = hammingDistance(original.hash, copy.hash);
  const mirror = hammingDistance(original.hash, copy.mirrored);
  return mirror < direct ? { d: mirror, viaMirror: true } : { d: direct, viaMirror: false };
}

describe('fingerprintImage', () => {
  // Three unrelated scenes as "brand reference" originals; every copy is checked against each.
  const SEEDS = [1, 7, 19];
  const originals: { base: Buffer; fp: ImageFingerprint }[] = [];
  let base: Buffer;
  let original: ImageFingerprint;
  beforeAll(async () => {
    for (const seed of SEEDS) {
      const b = await scene(seed);
      originals.push({ base: b, fp: await fingerprintImage(b) });
    }
    ({ base, fp: original } = originals[0]!);
  });

  it('returns unsigned 64-bit hashes, the same for the same bytes', async () => {
    expect(original.hash).toBeGreaterThanOrEqual(0n);
    expect(original.hash).toBeLessThan(1n << 64n);
    expect(original.mirrored).not.toBe(original.hash);
    expect(await fingerprintImage(Buffer.from(base))).toEqual(original);
  });

  const copies: [string, (b: Buffer) => Promise<Buffer>, boolean][] = [
    ['re-compressed JPEG q40', (b) => sharp(b).jpeg({ quality: 40 }).toBuffer(), false],
    ['resized to 50%', (b) => sharp(b).resize(320).png().toBuffer(), false],
    [
      'framed with a white border',
      (b) =>
        sharp(b).extend({ top: 40, bottom: 40, left: 60, right: 60, background: '#ffffff' }).png().toBuffer(),
      false,
    ],
    ['watermarked', (b) => watermark(b), false],
    [
      'cropped 5% on every side',
      (b) => sharp(b).extract({ left: 16, top: 12, width: 608, height: 456 }).png().toBuffer(),
      false,
    ],
    ['mirrored', (b) => sharp(b).flop().png().toBuffer(), true],
    [
      'mirrored, resized and re-compressed',
      (b) => sharp(b).flop().resize(480).jpeg({ quality: 60 }).toBuffer(),
      true,
    ],
  ];
  for (const [name, make, viaMirror] of copies) {
    it(`a copy ${name} is the same image or goes to review`, async () => {
      const index = new FingerprintIndex();
      for (const [i, o] of originals.entries()) index.add(`brand-ref-${i}`, o.fp.hash);
      const ds: number[] = [];
      for (const [i, o] of originals.entries()) {
        const copy = await fingerprintImage(await make(o.base));
        const { d, viaMirror: mirrorCloser } = distance(o.fp, copy);
        ds.push(d);
        expect(classifyDistance(d)).not.toBe('different');
        expect(mirrorCloser).toBe(viaMirror);
        // A flipped copy is found only because its mirrored hash is looked up too.
        if (viaMirror) expect(classifyDistance(hammingDistance(o.fp.hash, copy.hash))).toBe('different');
        // Through the index as the listing check will use it: only its own original matches.
        const hits = matchImage(index, copy);
        expect(hits).toHaveLength(1);
        expect(hits[0]).toMatchObject({ id: `brand-ref-${i}`, distance: d });
        expect(hits[0]!.mirrored).toBe(viaMirror);
      }
      measured[name] = Math.max(...ds);
    });
  }

  it('unrelated scenes are different', async () => {
    const index = new FingerprintIndex();
    index.add('brand-ref', original.hash);
    const others: number[] = [];
    for (let seed = 2; seed <= 25; seed++) {
      const other = await fingerprintImage(await scene(seed));
      const { d } = distance(original, other);
      others.push(d);
      expect(classifyDistance(d)).toBe('different');
      expect(matchImage(index, other)).toEqual([]);
    }
    measured['unrelated (min of 24)'] = Math.min(...others);
    measured['unrelated (median of 24)'] = others.sort((a, b) => a - b)[12]!;
    console.info('fingerprint calibration, max distance over 3 scenes (bits of 64):', measured);
  });

  it('refuses non-images, empty and oversized input with trust.invalid_image', async () => {
    const cases = [
      Buffer.from('not an image at all'),
      Buffer.alloc(0),
      Buffer.alloc(MAX_IMAGE_BYTES + 1),
      // A valid PNG header announcing 10000 × 5000 = 50 megapixels.
      await sharp({ create: { width: 10_000, height: 5_000, channels: 3, background: '#000' } })
        .png({ compressionLevel: 9 })
        .toBuffer(),
    ];
    for (const bytes of cases) {
      const err = await fingerprintImage(bytes).catch((e: unknown) => e);
      expect(isDomainError(err) && err.code === 'trust.invalid_image' && err.kind === 'invalid').toBe(true);
    }
  });

  it('hashes a uniform image (nothing to trim) without failing', async () => {
    const blank = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const fp = await fingerprintImage(blank);
    expect(fp.hash).toBeGreaterThanOrEqual(0n);
  });
});
