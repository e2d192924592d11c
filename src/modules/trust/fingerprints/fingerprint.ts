import { createRequire } from 'node:module';
import sharp from 'sharp';
import { invalid } from '../../../kernel/errors.js';

// sharp-phash is CommonJS (`module.exports = phash`) while its .d.ts declares `export default`,
// which NodeNext types as a namespace; requiring it gives the function it really exports.
const phash = createRequire(import.meta.url)('sharp-phash') as (image: Buffer) => Promise<string>;

/** Inputs above these are refused before decoding: a listing photo never needs more. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 40_000_000;

/** 64-bit perceptual hashes as unsigned bigints in [0, 2^64). */
export interface ImageFingerprint {
  hash: bigint;
  mirrored: bigint;
}

/**
 * Perceptual hash (DCT pHash via sharp-phash) of the image after uniform borders are trimmed, and
 * of its horizontal mirror, so a framed or flipped copy still lands near the original.
 */
export async function fingerprintImage(bytes: Buffer): Promise<ImageFingerprint> {
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
    throw invalid('trust.invalid_image', 'The image is empty.');
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw invalid('trust.invalid_image', `The image is larger than ${MAX_IMAGE_BYTES} bytes.`, {
      bytes: bytes.length,
    });
  }
  let trimmed: Buffer;
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    // Oriented first (EXIF), then trimmed; PNG keeps the trimmed pixels lossless for the hash.
    trimmed = await trimBorders(bytes);
  } catch (e) {
    throw invalid('trust.invalid_image', 'The file is not an image we can read, or it is too large.', {
      reason: (e as Error).message,
    });
  }
  const [hash, mirrored] = await Promise.all([
    phash(trimmed).then(bitsToBigint),
    sharp(trimmed)
      .flop()
      .png()
      .toBuffer()
      .then((b) => phash(b))
      .then(bitsToBigint),
  ]);
  return { hash, mirrored };
}

async function trimBorders(bytes: Buffer): Promise<Buffer> {
  const base = () => sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
  try {
    return await base().trim({ threshold: 12 }).png().toBuffer();
  } catch {
    // A uniform image has nothing left after trimming; sharp refuses, so hash it whole.
    return base().png().toBuffer();
  }
}

/** sharp-phash returns 64 characters of '0'/'1', most significant first. */
export function bitsToBigint(bits: string): bigint {
  if (!/^[01]{64}$/.test(bits)) throw new Error(`unexpected phash output: ${bits}`);
  return BigInt(`0b${bits}`);
}
