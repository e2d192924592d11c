import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlib } from 'node:zlib';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  hasImageVariants,
  IMAGE_VARIANT_FORMATS,
  imageSrcSet,
  PRODUCT_PICTURE_SIZES,
} from '../modules/catalog/index.ts';

/** Where `npm run build` puts the web app (web/vite.config.ts). */
export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text worth compressing: on a phone's slow link the app's JavaScript is most of the wait. */
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json']);

interface AssetFile {
  type: string;
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

/**
 * The encoding to send: Brotli, else gzip, by the client's Accept-Encoding (q=0 refuses one).
 */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/**
 * A built asset, compressed once on its first request and kept: the files are hashed and immutable,
 * and a build is a few hundred KB, so the memory is bounded by the build. Brotli at quality 6, not
 * 11: within ~5% of the size, and milliseconds instead of a second of CPU for the app's main
 * script, which the first shopper after a start would wait for.
 */
function assetLoader(dist: string) {
  const files = new Map<string, Promise<AssetFile | null>>();
  const load = async (file: string): Promise<AssetFile | null> => {
    const type = TYPES[path.extname(file)];
    if (!type) return null;
    const raw = await readFile(path.join(dist, 'assets', file)).catch(() => null);
    if (!raw) return null;
    if (!COMPRESSIBLE.has(path.extname(file)) || raw.length < 1024) return { type, raw };
    const [br, gz] = await Promise.all([
      brotli(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      gzipped(raw, { level: 6 }),
    ]);
    return { type, raw, br, gzip: gz };
  };
  return (file: string) => {
    let pending = files.get(file);
    if (!pending) {
      pending = load(file);
      // A missing file is not remembered: a build may put it there later.
      pending.then(
        (f) => {
          if (!f) files.delete(file);
        },
        () => files.delete(file),
      );
      files.set(file, pending);
    }
    return pending;
  };
}

/** The built page, or null when the web app has not been built (the API still serves). */
export function readIndexHtml(dist = WEB_DIST): Buffer | null {
  const file = path.join(dist, 'index.html');
  return existsSync(file) ? readFileSync(file) : null;
}

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[]; isEntry?: boolean }>;

const escapeAttribute = (s: string) =>
  s.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c]!);

/**
 * Hints for a product page, which the browser would otherwise find one step at a time (the app's
 * script, then the page's chunk, then the product's JSON, then its picture): the chunk and its
 * styles now, and the picture (its largest paint) at high priority, with the same srcset and sizes
 * as the page's <picture> so the browser fetches the very file it will show.
 */
function productPageHints(dist: string): (pictureUrl: string | null) => string {
  let chunk = '';
  const manifestFile = path.join(dist, '.vite/manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const closure = (key: string, seen = new Set<string>()) => {
      if (seen.has(key) || !manifest[key]) return seen;
      seen.add(key);
      for (const k of manifest[key].imports ?? []) closure(k, seen);
      return seen;
    };
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
    const product = Object.keys(manifest).find((k) => k.endsWith('pages/product.tsx'));
    if (entry && product) {
      const loaded = closure(entry); // index.html already names these
      const keys = [...closure(product)].filter((k) => !loaded.has(k));
      chunk = [
        ...keys.map(
          (k) => `<link rel="modulepreload" crossorigin href="/assets/${path.basename(manifest[k]!.file)}">`,
        ),
        ...keys.flatMap((k) =>
          (manifest[k]!.css ?? []).map((c) => `<link rel="preload" as="style" crossorigin href="/${c}">`),
        ),
      ].join('');
    }
  }
  return (pictureUrl) => {
    if (!pictureUrl) return chunk;
    const picture = hasImageVariants(pictureUrl)
      ? // The first format (AVIF) is what the <picture> picks in every browser that reads `type` here.
        `<link rel="preload" as="image" fetchpriority="high" type="image/${IMAGE_VARIANT_FORMATS[0]}" imagesrcset="${escapeAttribute(imageSrcSet(pictureUrl, IMAGE_VARIANT_FORMATS[0]))}" imagesizes="${escapeAttribute(PRODUCT_PICTURE_SIZES)}">`
      : `<link rel="preload" as="image" fetchpriority="high" href="${escapeAttribute(pictureUrl)}">`;
    return chunk + picture;
  };
}

export interface WebAppOptions {
  dist?: string;
  /** The built page (index.html) when the web app is served; absent, only the assets are served. */
  page?: () => Buffer | null;
  /** A visible product's first picture, or null: named in the product page's preload hint. */
  productPicture?: (productId: string) => Promise<string | null>;
}

/**
 * The web app's files: hashed assets cached for a year, and the page itself (never cached, so a
 * new build is seen at once). Paths the app routes in the browser (/p/…, /search) get the page too:
 * see the not-found handler in app.ts; a product page's comes with preload hints (/p/:id here).
 */
export function webAppRoutes(opts: WebAppOptions = {}): FastifyPluginAsyncZod {
  const dist = opts.dist ?? WEB_DIST;
  const asset = assetLoader(dist);
  let hints: ((pictureUrl: string | null) => string) | undefined;
  return async (app) => {
    app.get(
      '/p/:id',
      {
        config: { access: 'public' },
        schema: { hide: true, params: z.object({ id: z.string().max(100) }) },
      },
      async (req, reply) => {
        const page = opts.page?.();
        // Not a browser asking for the page (or no web app): what any unknown path gets.
        if (!page || !req.headers.accept?.includes('text/html')) return reply.callNotFound();
        hints ??= productPageHints(dist);
        const picture = (await opts.productPicture?.(req.params.id).catch(() => null)) ?? null;
        const html = page.toString('utf8').replace('</head>', `${hints(picture)}</head>`);
        return reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(html);
      },
    );
    app.get(
      '/assets/:file',
      {
        config: { access: 'public' },
        schema: { hide: true, params: z.object({ file: z.string().regex(/^[A-Za-z0-9._-]+$/) }) },
      },
      async (req, reply) => {
        const file = await asset(req.params.file);
        if (!file) return reply.callNotFound();
        reply
          .header('content-type', file.type)
          .header('cache-control', 'public, max-age=31536000, immutable');
        if (!file.br) return reply.send(file.raw);
        const encoding = chooseEncoding(acceptEncoding(req));
        reply.header('vary', 'accept-encoding');
        if (encoding === null) return reply.send(file.raw);
        return reply.header('content-encoding', encoding).send(encoding === 'br' ? file.br : file.gzip);
      },
    );
  };
}

const acceptEncoding = (req: FastifyRequest) => {
  const h = req.headers['accept-encoding'];
  return Array.isArray(h) ? h.join(',') : h;
};
