import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { sniffFileType } from '../../../common/document-type.ts';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import { type Id, isId, newId } from '../../kernel/ids.ts';

export type ImageId = Id<'img'>;

/**
 * Limits on a listing image. Equal to the trust module's fingerprint limits (the catalog does not
 * import trust; a test keeps the two in step), so every stored image can be fingerprinted.
 */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_PIXELS = 40_000_000;

export const IMAGE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

const EXTENSION: Record<ImageContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};
const BY_EXTENSION = new Map(Object.entries(EXTENSION).map(([t, e]) => [e, t as ImageContentType]));

/** What the bytes are, by their magic numbers (the kernel's sniffer); `other` for anything not a picture. */
export function sniffImageType(bytes: Buffer): ImageContentType | 'image/gif' | 'other' {
  const type = sniffFileType(bytes);
  return type === null || type === 'application/pdf' ? 'other' : type;
}

export interface InspectedImage {
  contentType: ImageContentType;
  width: number;
  height: number;
  sha256: string;
}

// The upload route inspects before fingerprinting and storeImage inspects again: decode once per buffer.
const inspected = new WeakMap<Buffer, Promise<InspectedImage>>();

/**
 * Checks that the bytes are a JPEG, PNG or WebP within the limits that decodes cleanly, and reads
 * its size (as displayed, after EXIF orientation). Refusals are `invalid` with codes
 * catalog.image_too_large, catalog.image_type_unsupported, catalog.image_unreadable.
 */
export function inspectImage(bytes: Buffer): Promise<InspectedImage> {
  let result = inspected.get(bytes);
  if (!result) {
    result = inspect(bytes);
    inspected.set(bytes, result);
  }
  return result;
}

async function inspect(bytes: Buffer): Promise<InspectedImage> {
  if (!Buffer.isBuffer(bytes) || bytes.length === 0)
    throw invalid('catalog.image_unreadable', 'The image is empty.');
  if (bytes.length > MAX_IMAGE_BYTES) {
    throw invalid('catalog.image_too_large', `An image may be at most ${MAX_IMAGE_BYTES} bytes.`, {
      bytes: bytes.length,
      maxBytes: MAX_IMAGE_BYTES,
    });
  }
  const contentType = sniffImageType(bytes);
  if (contentType === 'image/gif' || contentType === 'other') {
    throw invalid('catalog.image_type_unsupported', 'A listing image must be a JPEG, PNG or WebP file.', {
      detected: contentType === 'other' ? null : contentType,
    });
  }
  let width: number;
  let height: number;
  try {
    const meta = await sharp(bytes).metadata();
    width = meta.autoOrient?.width ?? meta.width;
    height = meta.autoOrient?.height ?? meta.height;
  } catch (e) {
    throw invalid('catalog.image_unreadable', 'The image cannot be read.', { reason: (e as Error).message });
  }
  if (!width || !height) throw invalid('catalog.image_unreadable', 'The image has no dimensions.');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw invalid('catalog.image_too_large', `An image may have at most ${MAX_IMAGE_PIXELS} pixels.`, {
      width,
      height,
      maxPixels: MAX_IMAGE_PIXELS,
    });
  }
  try {
    // The header alone proves little: a truncated or corrupt body fails only when decoded.
    await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS })
      .resize(64, 64, { fit: 'inside' })
      .raw()
      .toBuffer();
  } catch (e) {
    throw invalid('catalog.image_unreadable', 'The image cannot be decoded.', {
      reason: (e as Error).message,
    });
  }
  return { contentType, width, height, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface StoredImage {
  id: ImageId;
  /** Where the image is served: /media/<id>.<ext>. */
  url: string;
  contentType: ImageContentType;
  width: number;
  height: number;
  sha256: string;
  /** False when these bytes were already stored for this seller (the earlier image is returned). */
  created: boolean;
}

export const imageUrl = (id: string, contentType: ImageContentType) =>
  `/media/${id}.${EXTENSION[contentType]}`;

interface MediaRow extends Record<string, unknown> {
  id: string;
  seller_id: string | null;
  content_type: ImageContentType;
  sha256: string;
  width: number;
  height: number;
}

/**
 * Stores a listing image. `sellerId` is null for platform images (the generated demo pictures),
 * which may also name a `publicPath` they are served at. Idempotent per (seller, sha256).
 */
export async function storeImage(
  db: Db,
  input: { sellerId: string | null; bytes: Buffer; publicPath?: string },
): Promise<StoredImage> {
  if (input.sellerId !== null && !isId('sel', input.sellerId)) {
    throw invalid('catalog.invalid_seller_id', 'A seller id is sel_ and 32 hex digits.');
  }
  const info = await inspectImage(input.bytes);
  const id = newId('img');
  const inserted = await db.execute<{ id: string }>(sql`
    INSERT INTO catalog_media (id, seller_id, content_type, bytes, sha256, width, height, public_path, created_at)
    VALUES (${id}, ${input.sellerId}, ${info.contentType}, ${input.bytes}, ${info.sha256}, ${info.width},
      ${info.height}, ${input.publicPath ?? null}, now())
    ON CONFLICT (seller_id, sha256) DO NOTHING
    RETURNING id`);
  if (inserted.rows.length === 1) return { id, url: imageUrl(id, info.contentType), ...info, created: true };
  const { rows } = await db.execute<MediaRow>(sql`
    SELECT id, seller_id, content_type, sha256, width, height FROM catalog_media
    WHERE seller_id IS NOT DISTINCT FROM ${input.sellerId} AND sha256 = ${info.sha256}`);
  const row = rows[0]!;
  return {
    id: row.id as ImageId,
    url: imageUrl(row.id, row.content_type),
    contentType: row.content_type,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    created: false,
  };
}

export interface ImageFile {
  id: ImageId;
  sellerId: string | null;
  contentType: ImageContentType;
  bytes: Buffer;
  sha256: string;
  width: number;
  height: number;
}

async function readOne(db: Db, where: SQL): Promise<ImageFile | null> {
  const { rows } = await db.execute<MediaRow & { bytes: Buffer }>(sql`
    SELECT id, seller_id, content_type, bytes, sha256, width, height FROM catalog_media WHERE ${where}`);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id as ImageId,
    sellerId: r.seller_id,
    contentType: r.content_type,
    bytes: r.bytes,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
  };
}

export async function readImage(db: Db, id: string): Promise<ImageFile | null> {
  if (!isId('img', id)) return null;
  return readOne(db, sql`id = ${id}`);
}

/** A platform image by the extra path it is served at (e.g. /demo-images/<slug>.jpg). */
export async function readImageByPublicPath(db: Db, publicPath: string): Promise<ImageFile | null> {
  return readOne(db, sql`public_path = ${publicPath}`);
}

/** `img_….jpg` → the image, if the extension matches what is stored; otherwise null. */
export async function readImageFile(db: Db, file: string): Promise<ImageFile | null> {
  const m = /^(img_[0-9a-f]{32})\.([a-z]+)$/.exec(file);
  if (!m) return null;
  const image = await readImage(db, m[1]!);
  return image && BY_EXTENSION.get(m[2]!) === image.contentType ? image : null;
}

/**
 * The picture without its metadata: a phone photo's EXIF carries the GPS position where it was
 * taken (often a farm's house) and the camera's serial; an upload is served publicly, so those
 * never reach the store. A picture with no metadata is kept byte for byte; one with metadata is
 * turned upright by its orientation tag and re-encoded at high quality. Unreadable bytes are
 * returned as they are, for inspectImage to refuse.
 */
export async function withoutMetadata(bytes: Buffer): Promise<Buffer> {
  const type = sniffImageType(bytes);
  if (type !== 'image/jpeg' && type !== 'image/png' && type !== 'image/webp') return bytes;
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    return bytes;
  }
  if (!meta.exif && !meta.xmp && !meta.iptc && (meta.orientation ?? 1) === 1) return bytes;
  const upright = sharp(bytes).rotate();
  if (type === 'image/jpeg') return upright.jpeg({ quality: 92 }).toBuffer();
  if (type === 'image/png') return upright.png().toBuffer();
  return upright.webp({ quality: 92 }).toBuffer();
}
