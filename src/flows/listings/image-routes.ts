import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { hasRole } from '../../kernel/access.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as trust from '../../modules/trust/index.ts';
import type { FlowCtx } from '../context.ts';

const SellerIdParam = z.string().regex(/^sel_[0-9a-f]{32}$/, 'A seller id: sel_ and 32 hex digits.');
// A raw body: OpenAPI shows it as binary; the content-type parser below hands the route a Buffer.
const ImageBody = z.instanceof(Buffer).meta({
  type: 'string',
  format: 'binary',
  description: 'The image file itself (not JSON, not multipart), at most 10 MB and 40 megapixels.',
});
const StoredImageView = z.object({
  url: z.string().describe('Where the image is served, /media/img_….jpg; use it as a listing image url.'),
  width: z.number().int(),
  height: z.number().int(),
});
const FileParam = z.object({ file: z.string().max(200) });

/** An ETag is the quoted SHA-256; If-None-Match may list several, weak or not, or be `*`. */
function notModified(req: FastifyRequest, sha256: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === `"${sha256}"`;
  });
}

/** Image bytes are content-addressed by URL (a new upload gets a new id), so caches keep them for good. */
function sendImage(req: FastifyRequest, reply: FastifyReply, image: catalog.ImageFile | null) {
  if (!image) throw notFound('catalog.image_not_found', 'There is no such image.');
  reply.header('etag', `"${image.sha256}"`).header('cache-control', 'public, max-age=31536000, immutable');
  if (notModified(req, image.sha256)) return reply.code(304).send();
  return reply.type(image.contentType).header('x-content-type-options', 'nosniff').send(image.bytes);
}

function uploadRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    // Only this scope reads raw image bodies; elsewhere an image content type stays a 415.
    app.addContentTypeParser(
      [...catalog.IMAGE_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit: catalog.MAX_IMAGE_BYTES },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/sellers/:sellerId/images',
      {
        config: { access: ['seller_staff'] },
        bodyLimit: catalog.MAX_IMAGE_BYTES,
        schema: {
          tags: ['catalog'],
          summary: 'Upload a listing image (raw JPEG, PNG or WebP body)',
          description:
            'Send the file as the request body with `Content-Type: image/jpeg`, `image/png` or `image/webp`, e.g. `curl --data-binary @photo.jpg -H "Content-Type: image/jpeg" …`. The type is checked from the bytes, not the header. At most 10 MB (413 beyond) and 40 megapixels. The same bytes uploaded again by the same seller return the same url. The image is fingerprinted for the listing checks. Put the returned url in a product\'s `images`.',
          consumes: [...catalog.IMAGE_CONTENT_TYPES],
          params: z.object({ sellerId: SellerIdParam }),
          body: ImageBody,
          response: { 201: StoredImageView },
        },
      },
      async (req, reply) => {
        const { sellerId } = req.params;
        const p = req.principal;
        if (!p || !hasRole(p, 'seller_staff') || !p.sellerIds.includes(sellerId as never)) {
          throw forbidden('catalog.forbidden', 'Only this seller’s staff may upload its images.', {
            sellerId,
          });
        }
        const bytes = await catalog.withoutMetadata(req.body);
        await catalog.inspectImage(bytes); // catalog's refusals (type, size, decoding) come first
        // Hashed outside the transaction: it is CPU work and needs no rows.
        const fp = await trust.fingerprintImage(bytes);
        const stored = await inTransaction(ctx.db, async (tx) => {
          const image = await catalog.storeImage(tx, { sellerId, bytes });
          // A re-upload keeps the first record: the listing check may have re-owned it to a product.
          if (image.created) {
            await trust.recordFingerprint(tx, {
              imageRef: image.url,
              ownerKind: 'listing',
              ownerId: sellerId,
              sellerId,
              hash: fp.hash,
              mirrored: fp.mirrored,
            });
          }
          return image;
        });
        return reply.code(201).send({ url: stored.url, width: stored.width, height: stored.height });
      },
    );
  };
}

function fileRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    const binary = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });
    app.get(
      '/media/:file',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalog'],
          summary: 'A listing image (img_….jpg|png|webp); ETag is its SHA-256, cacheable for a year',
          params: FileParam,
          produces: [...catalog.IMAGE_CONTENT_TYPES],
          response: { 200: binary },
        },
      },
      async (req, reply) => sendImage(req, reply, await catalog.readImageFile(ctx.db, req.params.file)),
    );
    app.get(
      '/demo-images/:file',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalog'],
          summary: 'A generated demo catalog picture (stored when the demo data is loaded)',
          params: FileParam,
          produces: [...catalog.IMAGE_CONTENT_TYPES],
          response: { 200: binary },
        },
      },
      async (req, reply) =>
        sendImage(req, reply, await catalog.readImageByPublicPath(ctx.db, `/demo-images/${req.params.file}`)),
    );
  };
}

/**
 * Listing images: upload under /api/v1, the files themselves at /media/… and /demo-images/…
 * (the URLs listings carry). Registered like every route plugin (under the /api/v1 prefix), so it
 * opts out of encapsulation — Fastify then ignores the prefix — and sets each part's prefix itself.
 */
export function imageRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  const plugin: FastifyPluginAsyncZod = async (app) => {
    await app.register(uploadRoutes(ctx), { prefix: '/api/v1' });
    await app.register(fileRoutes(ctx));
  };
  // What fastify-plugin sets (it is not a direct dependency): run in the parent's scope.
  return Object.assign(plugin, { [Symbol.for('skip-override')]: true });
}
