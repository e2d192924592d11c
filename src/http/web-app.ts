import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

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

/** The built page, or null when the web app has not been built (the API still serves). */
export function readIndexHtml(dist = WEB_DIST): Buffer | null {
  const file = path.join(dist, 'index.html');
  return existsSync(file) ? readFileSync(file) : null;
}

/**
 * The web app's files: hashed assets cached for a year, and the page itself (never cached, so a
 * new build is seen at once). Paths the app routes in the browser (/p/…, /search) get the page too:
 * see the not-found handler in app.ts.
 */
export function webAppRoutes(dist = WEB_DIST): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/assets/:file',
      {
        config: { access: 'public' },
        schema: { hide: true, params: z.object({ file: z.string().regex(/^[A-Za-z0-9._-]+$/) }) },
      },
      async (req, reply) => {
        const type = TYPES[path.extname(req.params.file)];
        const bytes = type
          ? await readFile(path.join(dist, 'assets', req.params.file)).catch(() => null)
          : null;
        if (!bytes) return reply.callNotFound();
        return reply
          .header('content-type', type)
          .header('cache-control', 'public, max-age=31536000, immutable')
          .send(bytes);
      },
    );
  };
}
