import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseEncoding, webAppRoutes } from '../src/http/web-app.ts';

/** A built app in miniature: the page, a manifest whose product chunk imports one more chunk, assets. */
function fakeBuild(): string {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'heartland-web-'));
  mkdirSync(path.join(dist, 'assets'));
  mkdirSync(path.join(dist, '.vite'));
  writeFileSync(path.join(dist, 'index.html'), '<html><head><title>H</title></head><body></body></html>');
  writeFileSync(
    path.join(dist, '.vite/manifest.json'),
    JSON.stringify({
      'src/main.tsx': { file: 'assets/index-a.js', isEntry: true, imports: ['_shared'] },
      _shared: { file: 'assets/shared-b.js' },
      'src/pages/product.tsx': {
        file: 'assets/product-c.js',
        imports: ['_shared', '_lot'],
        css: ['assets/buyer-d.css'],
      },
      _lot: { file: 'assets/lot-e.js' },
    }),
  );
  writeFileSync(
    path.join(dist, 'assets/index-a.js'),
    `export const words = ${JSON.stringify('heartland '.repeat(500))};`,
  );
  writeFileSync(path.join(dist, 'assets/tiny-f.js'), 'export {};');
  return dist;
}

describe('serving the web app', () => {
  const dist = fakeBuild();
  const page = () => Buffer.from('<html><head><title>H</title></head><body></body></html>');
  const app = Fastify();
  const asked: string[] = [];

  beforeAll(async () => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(
      webAppRoutes({
        dist,
        page,
        productPicture: async (id) => {
          asked.push(id);
          if (id === 'prd_plain') return 'https://example.com/a.jpg?x=1';
          return id === 'prd_pictured' ? '/demo-images/ginseng.jpg' : null;
        },
      }),
    );
  });
  afterAll(() => app.close());

  it('sends the app’s scripts Brotli- or gzip-compressed as the browser accepts, cached for a year', async () => {
    const url = '/assets/index-a.js';
    const plain = await app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const source = plain.rawPayload;

    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.rawPayload.length).toBeLessThan(source.length / 10);
    expect(brotliDecompressSync(br.rawPayload).equals(source)).toBe(true);

    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(source)).toBe(true);

    // Too small to gain from it: sent as it is.
    const tiny = await app.inject({ url: '/assets/tiny-f.js', headers: { 'accept-encoding': 'br' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('export {};');
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
  });

  it('reads Accept-Encoding with its q-values', () => {
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });

  it('gives a product page hints: its chunks, its styles and its picture in the srcset the page uses', async () => {
    const res = await app.inject({ url: '/p/prd_pictured?market=CN', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    const head = res.body.slice(0, res.body.indexOf('</head>'));
    // The product chunk and what it imports beyond what the page already loads.
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/product-c.js">');
    expect(head).toContain('<link rel="modulepreload" crossorigin href="/assets/lot-e.js">');
    expect(head).not.toContain('shared-b.js');
    expect(head).toContain('<link rel="preload" as="style" crossorigin href="/assets/buyer-d.css">');
    expect(head).toContain(
      '<link rel="preload" as="image" fetchpriority="high" type="image/avif" imagesrcset="/demo-images/ginseng.jpg?w=360&amp;format=avif 360w, /demo-images/ginseng.jpg?w=540&amp;format=avif 540w, /demo-images/ginseng.jpg?w=720&amp;format=avif 720w, /demo-images/ginseng.jpg?w=960&amp;format=avif 960w" imagesizes="(min-width: 960px) 480px, calc(100vw - 24px)">',
    );

    // A picture elsewhere is preloaded as it is; no picture (or a hidden product), no picture hint.
    const plain = await app.inject({ url: '/p/prd_plain', headers: { accept: 'text/html' } });
    expect(plain.body).toContain('href="https://example.com/a.jpg?x=1"');
    const none = await app.inject({ url: '/p/prd_other', headers: { accept: 'text/html' } });
    expect(none.body).toContain('product-c.js');
    expect(none.body).not.toContain('as="image"');
  });

  it('answers a product path that is not a browser’s page request as any unknown path', async () => {
    const before = asked.length;
    expect(
      (await app.inject({ url: '/p/prd_pictured', headers: { accept: 'application/json' } })).statusCode,
    ).toBe(404);
    expect(asked.length).toBe(before);
  });
});
