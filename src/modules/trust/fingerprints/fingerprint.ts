import { createRequire } from 'node:module';
import sharp from 'sharp';
import { invalid } from '../../../kernel/errors.ts';

// sharp-phash is CommonJS (`module.exports = phash`) while its .d.ts declares `export default`,
// which NodeNext types as a namespace; requiring it gives the function it really exports.
const phash = createRequire(import.meta.url)('sharp-phash') as (
  image: Buffer,
  options?: { raw: RawLayout },
) => Promise<string>;

interface RawLayout {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}
interface RawImage {
  data: Buffer;
  raw: RawLayout;
}

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
  let trimmed: RawImage;
  try {
    const meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    if (!meta.width || !meta.height) throw new Error('no dimensions');
    // Oriented first (EXIF), then trimmed; raw pixels go to the hash as they are (no re-encoding).
    trimmed = await trimBorders(bytes);
  } catch (e) {
    throw invalid('trust.invalid_image', 'The file is not an image we can read, or it is too large.', {
      reason: (e as Error).message,
    });
  }
  const options = { raw: trimmed.raw };
  const [hash, mirrored] = await Promise.all([
    phash(trimmed.data, options).then(bitsToBigint),
    sharp(trimmed.data, options)
      .flop()
      .raw()
      .toBuffer()
      .then((b) => phash(b, options))
      .then(bitsToBigint),
  ]);
  return { hash, mirrored };
}

async function trimBorders(bytes: Buffer): Promise<RawImage> {
  const base = () => sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
  const rawOf = async (image: ReturnType<typeof base>): Promise<RawImage> => {
    const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
    return { data, raw: { width: info.width, height: info.height, channels: info.channels } };
  };
  try {
    return await rawOf(base().trim({ threshold: 12 }));
  } catch {
    // A uniform image has nothing left after trimming; sharp refuses, so hash it whole.
    return rawOf(base());
  }
}

/** sharp-phash returns 64 characters of '0'/'1', most significant first. */
export function bitsToBigint(bits: string): bigint {
  if (!/^[01]{64}$/.test(bits)) throw new Error(`unexpected phash output: ${bits}`);
  return BigInt(`0b${bits}`);
}
