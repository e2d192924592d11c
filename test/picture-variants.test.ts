import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as catalog from '../src/modules/catalog/index.ts';
import { scene } from '../src/modules/trust/fingerprints/test-images.ts';
import { type Heartland, startHeartland } from './support/heartland.ts';

/** Listing pictures in the widths and formats srcset names (made on first request, then kept). */
describe('picture variants', () => {
  let h: Heartland;
  let media: string;
  const demo = '/demo-images/test-variant-apples.jpg';

  beforeAll(async () => {
    h = await startHeartland();
    // An 800 × 600 picture, as a demo picture and as an upload-style /media file.
    const jpeg = await sharp(await scene(5))
      .resize(800, 600)
      .jpeg({ quality: 90 })
      .toBuffer();
    await catalog.storeImage(h.db.db, { sellerId: null, bytes: jpeg, publicPath: demo });
    const png = await sharp(await scene(6))
      .resize(800, 600)
      .png()
      .toBuffer();
    media = (await catalog.storeImage(h.db.db, { sellerId: null, bytes: png })).url;
  });
  afterAll(() => h.close());

  it.each([
    [360, 'avif'],
    [540, 'webp'],
    [720, 'avif'],
  ] as const)('serves %i px in %s, smaller than the original, cached for good', async (width, format) => {
    for (const url of [demo, media]) {
      const original = await h.app.inject({ method: 'GET', url });
      const res = await h.app.inject({ method: 'GET', url: `${url}?w=${width}&format=${format}` });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe(`image/${format}`);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const meta = await sharp(res.rawPayload).metadata();
      expect(meta.format).toBe(format === 'avif' ? 'heif' : 'webp');
      expect([meta.width, meta.height]).toEqual([width, (width * 3) / 4]);
      expect(res.rawPayload.length).toBeLessThan(original.rawPayload.length);

      // Its own ETag (not the original's), and 304 when the browser has it.
      const etag = res.headers.etag as string;
      expect(etag).not.toBe(original.headers.etag);
      expect(etag).toMatch(new RegExp(`^"[0-9a-f]{64}-${width}\\.${format}"$`));
      const again = await h.app.inject({
        method: 'GET',
        url: `${url}?w=${width}&format=${format}`,
        headers: { 'if-none-match': etag },
      });
      expect(again.statusCode).toBe(304);
      // The original's ETag does not stand for a variant.
      const other = await h.app.inject({
        method: 'GET',
        url: `${url}?w=${width}&format=${format}`,
        headers: { 'if-none-match': original.headers.etag as string },
      });
      expect(other.statusCode).toBe(200);
      expect(other.rawPayload.equals(res.rawPayload)).toBe(true);
    }
  });

  it('never enlarges: the widest variant of an 800 px picture is 800 px', async () => {
    const res = await h.app.inject({ method: 'GET', url: `${demo}?w=960&format=webp` });
    expect(res.statusCode).toBe(200);
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 800, height: 600 });
  });

  it('refuses widths outside the list and a width or format alone (400), and unknown pictures (404)', async () => {
    for (const q of ['w=500&format=avif', 'w=360&format=png', 'w=360', 'format=avif', 'w=1e3&format=webp']) {
      const res = await h.app.inject({ method: 'GET', url: `${demo}?${q}` });
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const missing = await h.app.inject({ method: 'GET', url: '/demo-images/nope.jpg?w=360&format=avif' });
    expect(missing.statusCode).toBe(404);
  });

  it('documents the variant parameters in the API reference', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/media/{file}', '/demo-images/{file}']) {
      const names = (doc.paths[path].get.parameters as { name: string; in: string }[])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      expect(names, path).toEqual(['w', 'format']);
    }
  });

  it('names each variant in the srcset the web app uses, only for the store’s own pictures', () => {
    expect(catalog.hasImageVariants(demo)).toBe(true);
    expect(catalog.hasImageVariants(media)).toBe(true);
    expect(catalog.hasImageVariants('https://example.com/a.jpg')).toBe(false);
    expect(catalog.imageSrcSet(demo, 'webp').split(', ')).toEqual(
      catalog.IMAGE_VARIANT_WIDTHS.map((w) => `${demo}?w=${w}&format=webp ${w}w`),
    );
  });
});
