import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDemoImages } from '../src/demo/demo-images.ts';
import * as catalog from '../src/modules/catalog/index.ts';
import { scene } from '../src/modules/trust/fingerprints/test-images.ts';
import * as trust from '../src/modules/trust/index.ts';
import { onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file, formData } from './support/multipart.ts';

describe('listing images: upload, serve, fingerprint', () => {
  let h: Heartland;
  let staff: Actor;
  let sellerId: string;
  let png: Buffer;
  const upload = (who: Actor, bytes: Buffer, type: string, seller = sellerId) =>
    who.post(`/api/v1/sellers/${seller}/images`, formData({ file: file(bytes, 'picture', type) }));

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@images.test', [{ role: 'platform_admin' }]);
    ({ staff, sellerId } = await onboardVerifiedSeller(h, admin, {
      key: 'images',
      legalName: 'Door County Orchard',
      documents: false,
    }));
    png = await scene(3);
  });
  afterAll(() => h.close());

  it('keeps its limits equal to the fingerprint limits', () => {
    expect(catalog.MAX_IMAGE_BYTES).toBe(trust.MAX_IMAGE_BYTES);
    expect(catalog.MAX_IMAGE_PIXELS).toBe(trust.MAX_IMAGE_PIXELS);
  });

  it.each([
    ['image/jpeg', 'jpg', (b: Buffer) => sharp(b).jpeg().toBuffer()],
    ['image/png', 'png', async (b: Buffer) => b],
    ['image/webp', 'webp', (b: Buffer) => sharp(b).webp().toBuffer()],
  ])(
    'accepts %s, serves it with its type, an ETag and a year of caching, 304 when unchanged',
    async (type, ext, make) => {
      const bytes = await make(png);
      const res = await upload(staff, bytes, type);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body).toEqual({
        url: expect.stringMatching(new RegExp(`^/media/img_[0-9a-f]{32}\\.${ext}$`)),
        width: 640,
        height: 480,
      });

      const got = await h.app.inject({ method: 'GET', url: body.url });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe(type);
      expect(got.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(got.rawPayload.equals(bytes)).toBe(true);
      const etag = got.headers.etag as string;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const again = await h.app.inject({ method: 'GET', url: body.url, headers: { 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const changed = await h.app.inject({
        method: 'GET',
        url: body.url,
        headers: { 'if-none-match': '"x"' },
      });
      expect(changed.statusCode).toBe(200);

      // The same bytes again: the same image, not a second copy.
      expect((await upload(staff, bytes, type)).json().url).toBe(body.url);
    },
  );

  it('records the upload’s fingerprint against the seller, findable by its hash and its mirror', async () => {
    const bytes = await sharp(await scene(11))
      .jpeg()
      .toBuffer();
    const { url } = (await upload(staff, bytes, 'image/jpeg')).json();
    const { rows } = await h.db.db.execute<{ owner_kind: string; owner_id: string; seller_id: string }>(
      sql`SELECT owner_kind, owner_id, seller_id FROM image_fingerprints WHERE image_ref = ${url}`,
    );
    expect(rows).toEqual([{ owner_kind: 'listing', owner_id: sellerId, seller_id: sellerId }]);
    const index = await trust.loadFingerprintIndex(h.db.db, { ownerKind: 'listing' });
    const mirrored = await trust.fingerprintImage(await sharp(bytes).flop().png().toBuffer());
    expect(trust.matchImage(index, mirrored)[0]).toMatchObject({ id: url, verdict: 'same', mirrored: true });
  });

  it('strips a photo’s EXIF (the GPS position where it was taken) before serving it, upright', async () => {
    const withGps = await sharp(png)
      .rotate(90) // stored sideways, as a phone does, with an orientation tag to turn it back
      .withExif({ IFD0: { Make: 'FarmPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '44/1 57/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const res = await upload(staff, withGps, 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const served = await h.app.inject({ method: 'GET', url: res.json().url });
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('FarmPhone'))).toBe(false);
    expect([meta.width, meta.height]).toEqual([640, 480]);
    expect(res.json()).toMatchObject({ width: 640, height: 480 });
  });

  it('refuses other types, unreadable bytes, oversized files and bodies that are not multipart', async () => {
    const gif = await sharp(png).gif().toBuffer();
    const cases: [Buffer, string, number, string][] = [
      [gif, 'image/gif', 415, 'upload.unsupported_type'],
      [gif, 'image/png', 415, 'upload.unsupported_type'], // the bytes decide, not the part's type
      [Buffer.from('definitely not a picture'), 'image/jpeg', 415, 'upload.unsupported_type'],
      [(await sharp(png).jpeg().toBuffer()).subarray(0, 600), 'image/jpeg', 400, 'catalog.image_unreadable'],
      [Buffer.alloc(catalog.MAX_IMAGE_BYTES + 1, 0xff), 'image/jpeg', 413, 'upload.too_large'],
    ];
    for (const [bytes, type, status, code] of cases) {
      const res = await upload(staff, bytes, type);
      expect([res.statusCode, res.json().code], `${type} ${bytes.length}`).toEqual([status, code]);
    }
    const json = await staff.post(`/api/v1/sellers/${sellerId}/images`, { url: 'https://x.example/a.jpg' });
    expect([json.statusCode, json.json().code]).toEqual([415, 'upload.not_multipart']);
    // The raw body the route took before the one upload pipeline is refused too.
    const raw = await staff.post(`/api/v1/sellers/${sellerId}/images`, png, { 'content-type': 'image/png' });
    expect(raw.statusCode).toBe(415);
  });

  it('refuses other sellers’ staff and anonymous callers', async () => {
    const other = await h.actor('other@images.test', [
      { role: 'seller_staff', scopeId: `sel_${'1'.repeat(32)}` },
    ]);
    const res = await upload(other, png, 'image/png');
    expect([res.statusCode, res.json().code]).toEqual([403, 'catalog.forbidden']);
    expect((await upload(staff, png, 'image/png', `sel_${'1'.repeat(32)}`)).statusCode).toBe(403);
    const anon = await h.app.inject({
      method: 'POST',
      url: `/api/v1/sellers/${sellerId}/images`,
      payload: formData({ file: file(png, 'picture.png', 'image/png') }),
    });
    expect(anon.statusCode).toBe(401);
  });

  it('answers 404 for unknown media, a wrong extension and unknown demo pictures', async () => {
    const { url } = (await upload(staff, png, 'image/png')).json();
    for (const u of [
      `/media/img_${'0'.repeat(32)}.png`,
      url.replace('.png', '.jpg'),
      '/media/x',
      '/demo-images/nope.jpg',
    ]) {
      const res = await h.app.inject({ method: 'GET', url: u });
      expect(res.statusCode, u).toBe(404);
    }
  });

  it('stores demo pictures at their /demo-images path with a fingerprint owned by their seller', async () => {
    const image = {
      url: '/demo-images/test-orchard-cherries.jpg',
      title: 'Tart Cherries, 1 lb',
      category: 'tart-cherries',
    };
    await storeDemoImages(h.ctx, [{ sellerId, image }]);
    const res = await h.app.inject({ method: 'GET', url: image.url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(await sharp(res.rawPayload).metadata()).toMatchObject({ width: 800, height: 800, format: 'jpeg' });
    const { rows } = await h.db.db.execute<{ owner_id: string }>(
      sql`SELECT owner_id FROM image_fingerprints WHERE image_ref = ${image.url}`,
    );
    expect(rows).toEqual([{ owner_id: sellerId }]);
  });
});
