import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../db/transaction.ts';
import { uploadConsumes, uploadRules } from '../../http/uploads.ts';
import { isSellerStaff } from '../../kernel/access.ts';
import { forbidden, notFound } from '../../kernel/errors.ts';
import { zId } from '../../kernel/ids.ts';
import { zUploadedFile } from '../../kernel/uploaded-file.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as trust from '../../modules/trust/index.ts';
import type { FlowCtx } from '../context.ts';

// A multipart body (src/http/uploads.ts): the picture in the file field `file`.
const ImageBody = z
  .object({ file: zUploadedFile('The picture: a JPEG, PNG or WebP of at most 10 MB and 40 megapixels.') })
  .strict();
const StoredImageView = z.object({
  url: z.string().describe('Where the image is served, /media/img_….jpg; use it as a listing image url.'),
  width: z.number().int(),
  height: z.number().int(),
});
const FileParam = z.object({ file: z.string().max(200) });
// `?w=720&format=avif`: the picture resized for srcset (both or neither; the file as stored without).
const VariantQuery = z
  .object({
    w: z
      .enum(catalog.IMAGE_VARIANT_WIDTHS.map(String) as [string, ...string[]])
      .optional()
      .describe(`A width for srcset: ${catalog.IMAGE_VARIANT_WIDTHS.join(', ')} (never enlarged).`),
    format: z.enum(catalog.IMAGE_VARIANT_FORMATS).optional(),
  })
  .refine((q) => (q.w === undefined) === (q.format === undefined), 'w and format go together.');
type VariantQuery = z.infer<typeof VariantQuery>;

/** An ETag names the bytes; If-None-Match may list several, weak or not, or be `*`. */
function notModified(req: FastifyRequest, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Image bytes are content-addressed by URL (a new upload gets a new id, and a variant is named by
 * width and format), so caches keep them for good.
 */
async function sendImage(
  req: FastifyRequest,
  reply: FastifyReply,
  image: catalog.ImageFile | null,
  query: VariantQuery = {},
) {
  if (!image) throw notFound('catalog.image_not_found', 'There is no such image.');
  const width = query.w === undefined ? undefined : (Number(query.w) as catalog.ImageVariantWidth);
  const format = query.format;
  const etag = width && format ? catalog.imageVariantEtag(image.sha256, width, format) : `"${image.sha256}"`;
  reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable');
  if (notModified(req, etag)) return reply.code(304).send();
  const file = width && format ? await catalog.imageVariant(image, width, format) : image;
  return reply.type(file.contentType).header('x-content-type-options', 'nosniff').send(file.bytes);
}

function uploadRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/sellers/:sellerId/images',
      {
        config: { access: ['seller_staff'], upload: 'listing_image' },
        schema: {
          tags: ['catalog'],
          summary: 'Upload a listing image (a JPEG, PNG or WebP in the multipart field `file`)',
          description: `${uploadRules('listing_image')} E.g. \`curl -F file=@photo.jpg …\`. At most 40 megapixels. The same bytes uploaded again by the same seller return the same url. The image is fingerprinted for the listing checks. Put the returned url in a product's \`images\`.`,
          consumes: uploadConsumes('listing_image'),
          params: z.object({ sellerId: zId('sel') }),
          body: ImageBody,
          response: { 201: StoredImageView },
        },
      },
      async (req, reply) => {
        const { sellerId } = req.params;
        if (!isSellerStaff(req.principal, sellerId)) {
          throw forbidden('catalog.forbidden', 'Only this seller’s staff may upload its images.', {
            sellerId,
          });
        }
        const bytes = await catalog.withoutMetadata(req.body.file.bytes);
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
          description: 'With `?w=&format=`, the picture resized to that width in AVIF or WebP, for `srcset`.',
          params: FileParam,
          querystring: VariantQuery,
          produces: [...catalog.IMAGE_CONTENT_TYPES, 'image/avif'],
          response: { 200: binary },
        },
      },
      async (req, reply) =>
        sendImage(req, reply, await catalog.readImageFile(ctx.db, req.params.file), req.query),
    );
    app.get(
      '/demo-images/:file',
      {
        config: { access: 'public' },
        schema: {
          tags: ['catalog'],
          summary: 'A generated demo catalog picture (stored when the demo data is loaded)',
          description: 'With `?w=&format=`, the picture resized to that width in AVIF or WebP, for `srcset`.',
          params: FileParam,
          querystring: VariantQuery,
          produces: [...catalog.IMAGE_CONTENT_TYPES, 'image/avif'],
          response: { 200: binary },
        },
      },
      async (req, reply) =>
        sendImage(
          req,
          reply,
          await catalog.readImageByPublicPath(ctx.db, `/demo-images/${req.params.file}`),
          req.query,
        ),
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
