import sharp from 'sharp';
import type { ImageVariantFormat, ImageVariantWidth } from '../../../common/image-sizes.ts';
import { MAX_IMAGE_PIXELS } from './media.ts';

export interface ImageVariant {
  bytes: Buffer;
  contentType: `image/${ImageVariantFormat}`;
  /** Names the source bytes and the variant, for ETag and If-None-Match. */
  etag: string;
}

/** A variant's ETag, known without making it (a 304 costs no encoding). */
export const imageVariantEtag = (sha256: string, width: ImageVariantWidth, format: ImageVariantFormat) =>
  `"${sha256}-${width}.${format}"`;

/**
 * Made variants, least recently used first; bounded by total bytes. A variant of a 800 px picture
 * is 10–60 KB, so the default keeps a few thousand of them; a restart costs only re-encoding.
 */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;
const cache = new Map<string, ImageVariant>();
let cachedBytes = 0;
// Concurrent first requests for one variant (a page's cards all at once) share one encoding.
const making = new Map<string, Promise<ImageVariant>>();

function remember(key: string, variant: ImageVariant) {
  if (variant.bytes.length > MAX_CACHED_BYTES) return;
  cache.set(key, variant);
  cachedBytes += variant.bytes.length;
  for (const [k, v] of cache) {
    if (cachedBytes <= MAX_CACHED_BYTES) break;
    cache.delete(k);
    cachedBytes -= v.bytes.length;
  }
}

async function encode(
  image: { bytes: Buffer; sha256: string },
  width: ImageVariantWidth,
  format: ImageVariantFormat,
): Promise<ImageVariant> {
  // Upright by EXIF orientation, never enlarged (a 960 variant of an 800 px picture stays 800).
  const resized = sharp(image.bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
    .rotate()
    .resize({ width, withoutEnlargement: true });
  // Low AVIF effort: made on a shopper's first request, so encoding time matters more than the
  // last few percent of size (effort 2 is ~5× faster than the default 4 for ~5% more bytes).
  const bytes =
    format === 'avif'
      ? await resized.avif({ quality: 55, effort: 2 }).toBuffer()
      : await resized.webp({ quality: 75 }).toBuffer();
  return { bytes, contentType: `image/${format}`, etag: imageVariantEtag(image.sha256, width, format) };
}

/**
 * The picture at one of IMAGE_VARIANT_WIDTHS in AVIF or WebP, made with sharp on first request and
 * kept in memory (bounded, least recently used goes first). Keyed by the source's SHA-256: the
 * same bytes under two URLs share their variants.
 */
export async function imageVariant(
  image: { bytes: Buffer; sha256: string },
  width: ImageVariantWidth,
  format: ImageVariantFormat,
): Promise<ImageVariant> {
  const key = `${image.sha256}:${width}:${format}`;
  const hit = cache.get(key);
  if (hit) {
    // Refreshes its place: the Map's order is the eviction order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let pending = making.get(key);
  if (!pending) {
    pending = encode(image, width, format)
      .then((v) => {
        remember(key, v);
        return v;
      })
      .finally(() => making.delete(key));
    making.set(key, pending);
  }
  return pending;
}

/** For tests: how many variants and bytes the cache holds. */
export const imageVariantCacheSize = () => ({ entries: cache.size, bytes: cachedBytes });
