import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffFileType } from '../common/document-type.ts';
import { UPLOAD_LIMITS, type UploadKind } from '../src/http/uploads.ts';
import { scene } from '../src/modules/trust/fingerprints/test-images.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file, formData } from './support/multipart.ts';
import { noticeBody } from './support/notices.ts';

/**
 * The one upload pipeline, route by route: each upload route refuses an oversized file, a file
 * whose part lies about its type, more files than it takes and a file in a field that takes none,
 * each with its stable code, before anything is stored.
 */
describe('every upload route holds its files to the one limit table', () => {
  let h: Heartland;
  let staff: Actor;
  let sellerId: string;
  let owner: Actor;
  let brandId: string;
  let productId: string;
  let png: Buffer;
  const PDF = Buffer.from('%PDF-1.4\n% scan\n%%EOF\n');
  const HTML = Buffer.from('<html><body><script>alert(1)</script></body></html>');

  interface UploadRoute {
    kind: UploadKind;
    who: () => Actor;
    url: () => string;
    /** The text fields of a request that would be taken. */
    fields: () => Record<string, unknown>;
    /** Where the file goes; `n` numbers the files of a route that takes several. */
    fileField: (n: number) => string;
    /** A file the route takes. */
    good: () => { bytes: Buffer; type: string };
    /** What the route stores, counted to show a refusal wrote nothing. */
    stored: string;
  }

  const ROUTES: UploadRoute[] = [
    {
      kind: 'listing_image',
      who: () => staff,
      url: () => `/api/v1/sellers/${sellerId}/images`,
      fields: () => ({}),
      fileField: () => 'file',
      good: () => ({ bytes: png, type: 'image/png' }),
      stored: 'SELECT count(*)::int AS n FROM catalog_media WHERE seller_id IS NOT NULL',
    },
    {
      kind: 'seller_document',
      who: () => staff,
      url: () => `/api/v1/sellers/${sellerId}/documents`,
      fields: () => ({
        type: 'cn_gacc_food_facility_registration',
        number: `UP-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        issuer: 'GACC',
        issuedOn: '2024-01-01',
        expiresOn: '2028-12-31',
      }),
      fileField: () => 'file',
      good: () => ({ bytes: PDF, type: 'application/pdf' }),
      stored: 'SELECT count(*)::int AS n FROM seller_documents',
    },
    {
      kind: 'verification_document',
      who: () => staff,
      url: () => `/api/v1/sellers/${sellerId}/verification/items`,
      fields: () => ({ kind: 'business_registration', stateOfRegistration: 'WI', entityNumber: 'U012345' }),
      fileField: () => 'document.content',
      good: () => ({ bytes: PDF, type: 'application/pdf' }),
      stored: 'SELECT count(*)::int AS n FROM seller_verification_items',
    },
    {
      kind: 'brand_document',
      who: () => owner,
      url: () => `/api/v1/brands/${brandId}/documents`,
      fields: () => ({ kind: 'trademark_certificate' }),
      fileField: () => 'file',
      good: () => ({ bytes: PDF, type: 'application/pdf' }),
      stored: 'SELECT count(*)::int AS n FROM brand_documents',
    },
    {
      kind: 'brand_reference_image',
      who: () => owner,
      url: () => `/api/v1/brands/${brandId}/reference-images`,
      fields: () => ({}),
      fileField: () => 'file',
      good: () => ({ bytes: png, type: 'image/png' }),
      stored: 'SELECT count(*)::int AS n FROM brand_reference_images',
    },
    {
      kind: 'notice_evidence',
      who: () => owner,
      url: () => '/api/v1/notices',
      fields: () => {
        const { evidence: _, ...rest } = noticeBody([productId]);
        return {
          ...rest,
          evidence: Array.from({ length: 8 }, (_, i) => ({ description: `Exhibit ${i + 1}` })),
        };
      },
      fileField: (n) => `evidence.${n}.attachment`,
      good: () => ({ bytes: PDF, type: 'application/pdf' }),
      stored: 'SELECT count(*)::int AS n FROM trust_notices',
    },
  ];

  /** The route's fields with these files at their fields (in order). */
  const send = (
    route: UploadRoute,
    files: { bytes: Buffer; type: string; name?: string; field?: string }[],
  ) => {
    const form = formData(route.fields());
    files.forEach((f, n) => {
      form.append(f.field ?? route.fileField(n), file(f.bytes, f.name ?? `upload-${n}`, f.type));
    });
    return route.who().post(route.url(), form);
  };
  const count = async (route: UploadRoute) =>
    (await h.db.db.execute<{ n: number }>(sql.raw(route.stored))).rows[0]!.n;

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@uploads.test', [{ role: 'platform_admin' }]);
    ({ staff, sellerId } = await onboardVerifiedSeller(h, admin, {
      key: 'uploads',
      legalName: 'Upload Test Farm',
      documents: false,
    }));
    productId = (
      await listProduct(staff, sellerId, {
        hsCode: '121120',
        en: 'Upload test ginseng',
        priceUsd: 4_500,
        stock: 5,
        weightGrams: 200,
      })
    ).productId;
    owner = await h.actor('owner@uploads.test', [{ role: 'brand_owner' }]);
    const brand = await owner.post('/api/v1/brands', {
      name: 'Upload Root',
      terms: { en: ['Upload Root'] },
      trademark: {
        office: 'USPTO',
        registrationNumber: '7654321',
        classes: [5],
        ownerName: 'Upload Root Inc.',
      },
    });
    expect(brand.statusCode, brand.body).toBe(201);
    brandId = brand.json().id;
    png = await scene(21);
  });
  afterAll(() => h.close());

  it.each(ROUTES.map((r) => [r.kind, r] as const))('%s takes a file of its kind', async (_kind, route) => {
    const res = await send(route, [route.good()]);
    expect(res.statusCode, res.body).toBe(201);
  });

  it.each(ROUTES.map((r) => [r.kind, r] as const))(
    '%s refuses an oversized file, a lying content-type, a file over the count and a stray file',
    async (_kind, route) => {
      const limits = UPLOAD_LIMITS[route.kind];
      const good = route.good();
      // Over the limit by one byte, with the head of a file the route takes.
      const oversized = Buffer.concat([
        good.bytes,
        Buffer.alloc(limits.maxBytes + 1 - good.bytes.length, 0x20),
      ]);
      const cases: [string, { bytes: Buffer; type: string; field?: string }[], number, string][] = [
        ['oversized', [{ ...good, bytes: oversized }], 413, 'upload.too_large'],
        [
          'HTML claiming to be the right type',
          [{ bytes: HTML, type: good.type }],
          415,
          'upload.unsupported_type',
        ],
        [
          'a GIF claiming to be the right type',
          [{ bytes: Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00'), type: good.type }],
          415,
          'upload.unsupported_type',
        ],
        [
          'one file too many',
          Array.from({ length: limits.maxFiles + 1 }, () => good),
          413,
          'upload.too_many_files',
        ],
        ['a file in a text field', [{ ...good, field: 'comment' }], 400, 'upload.unexpected_file'],
        ['an empty file', [{ ...good, bytes: Buffer.alloc(0) }], 400, 'upload.empty'],
      ];
      const before = await count(route);
      for (const [name, files, status, code] of cases) {
        const res = await send(route, files);
        expect([res.statusCode, res.json().code], name).toEqual([status, code]);
        expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      }
      expect(await count(route)).toBe(before); // nothing half-written
    },
  );

  it('refuses a JSON body where the file is required, and a file sent as base64 in JSON anywhere', async () => {
    for (const route of ROUTES) {
      const json = await route.who().post(route.url(), { ...route.fields(), file: PDF.toString('base64') });
      if (UPLOAD_LIMITS[route.kind].json) expect(json.statusCode, route.kind).toBe(400);
      else expect([json.statusCode, json.json().code], route.kind).toEqual([415, 'upload.not_multipart']);
    }
  });

  it('answers a body that claims to be multipart but is not with 400 upload.malformed', async () => {
    for (const route of ROUTES) {
      const res = await route.who().post(route.url(), '--x\r\nContent-Disposition: form-data; name="file"', {
        'content-type': 'multipart/form-data; boundary=x',
      });
      expect([res.statusCode, res.json().code], route.kind).toEqual([400, 'upload.malformed']);
    }
  });

  it('checks the file type by the one sniffer, never the name or the claimed type', () => {
    expect(sniffFileType(PDF)).toBe('application/pdf');
    expect(sniffFileType(png)).toBe('image/png');
    expect(sniffFileType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffFileType(Buffer.from('ffd8ffe000104a46', 'hex'))).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from('GIF87a'))).toBe('image/gif');
    expect(sniffFileType(HTML)).toBeNull();
    expect(sniffFileType(Buffer.from(' %PDF-1.4'))).toBeNull();
    expect(sniffFileType(new Uint8Array(0))).toBeNull();
  });

  it('documents every upload route in OpenAPI as multipart/form-data with its file as binary', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    type Schema = { properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[] };
    // A union's first branch holds the file (a business registration, for verification items).
    const fieldOf = (schema: Schema, path: string) =>
      path.split('.').reduce<Schema | undefined>((s, key) => {
        const node = s?.oneOf?.[0] ?? s;
        return key === '0' ? node?.items : node?.properties?.[key];
      }, schema);
    for (const route of ROUTES) {
      const path = route.url().replace(sellerId, '{sellerId}').replace(brandId, '{brandId}');
      const { content } = doc.paths[path].post.requestBody;
      const body = content['multipart/form-data'];
      expect(body, route.kind).toBeDefined();
      // Where a file is optional, a submission without one may still be JSON.
      expect(Object.keys(content).sort(), route.kind).toEqual(
        UPLOAD_LIMITS[route.kind].json
          ? ['application/json', 'multipart/form-data']
          : ['multipart/form-data'],
      );
      expect(fieldOf(body.schema, route.fileField(0)), route.kind).toMatchObject({
        type: 'string',
        format: 'binary',
      });
    }
  });
});
