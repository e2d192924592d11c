import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncListingIndex } from '../src/flows/listings/sync-listing-eligibility.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file as filePart, formData } from './support/multipart.ts';

/**
 * Issue 3, eligibility: a Wisconsin cheesemaker's cheddar needs China's GACC facility registration
 * (dairy is one of Decree 248's 18 categories). Without it the seller is told what to obtain and
 * buyers in China do not see the listing; with it they do, until the day after it expires.
 */
describe('seller documents and listing eligibility', () => {
  let h: Heartland;
  let admin: Actor;
  let cheese: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };
  let buyer: Actor;
  let cheddar: { productId: string; variantIds: string[] };
  let skillet: { productId: string; variantIds: string[] };
  let registrationId: string;
  let renewalId: string;

  const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(512, 0x20), Buffer.from('%%EOF\n')]);
  const registration = (over: Record<string, unknown> = {}) => ({
    type: 'cn_gacc_food_facility_registration',
    number: 'CUSA04012202210001',
    issuer: 'General Administration of Customs of China',
    issuedOn: '2021-12-01',
    expiresOn: '2026-11-30',
    ...over,
  });
  const docsUrl = () => `/api/v1/sellers/${cheese.sellerId}/documents`;
  const eligibilityUrl = (productId = cheddar.productId) =>
    `/api/v1/sellers/${cheese.sellerId}/products/${productId}/eligibility`;
  const market = async (m: string, productId = cheddar.productId) => {
    const res = await cheese.staff.get(eligibilityUrl(productId));
    expect(res.statusCode, res.body).toBe(200);
    return res.json().markets.find((x: { market: string }) => x.market === m);
  };
  /** Product ids a buyer searching "cheddar" finds in a market (no index job runs between calls). */
  const found = async (m: string) => {
    const res = await buyer.get(`/api/v1/search?q=cheddar&locale=en&market=${m}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().hits.map((x: { productId: string }) => x.productId);
  };
  const quote = (m: string, variantId = cheddar.variantIds[0]!) =>
    buyer.post('/api/v1/checkout/quotes', { market: m, lines: [{ variantId, quantity: 1 }] });

  beforeAll(async () => {
    h = await startHeartland(); // 2026-11-24T08:00Z: 16:00 in Beijing
    admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    cheese = await onboardVerifiedSeller(h, admin, {
      key: 'larkspur',
      legalName: 'Larkspur Valley Cheese LLC',
      isFarm: false,
      documents: false, // the test records them itself
    });
    other = await onboardVerifiedSeller(h, admin, {
      key: 'ironworks',
      legalName: 'Miami Valley Iron LLC',
      usState: 'OH',
      documents: false,
    });
    cheddar = await listProduct(cheese.staff, cheese.sellerId, {
      hsCode: '040690',
      en: 'Wisconsin White Cheddar, Aged 2 Years, 8 oz',
      priceUsd: 1450,
      stock: 40,
      weightGrams: 260,
    });
    skillet = await listProduct(cheese.staff, cheese.sellerId, {
      hsCode: '732391',
      en: 'Cast Iron Cheddar Melting Skillet, 6 in',
      priceUsd: 2900,
      stock: 40,
      weightGrams: 900,
    });
    await syncListingIndex(h.ctx);
    buyer = await registerViaApi(h, 'wang.fang@buyers.test', '王芳');
  });
  afterAll(() => h.close());

  it('tells the seller a listing is restricted, why, and what to obtain from whom', async () => {
    const cn = await market('CN');
    expect(cn.status).toBe('restricted');
    expect(cn.provisional).toBe(true);
    expect(cn.eligibleUntil).toBeNull();
    expect(cn.missing).toHaveLength(1);
    expect(cn.missing[0]).toMatchObject({
      requirementId: 'CN.documents.gacc_registration.dairy',
      documentType: 'cn_gacc_food_facility_registration',
      issuer: expect.stringContaining('GACC'),
      url: expect.stringMatching(/^https:\/\//),
      onFile: null,
    });
    expect(cn.missing[0].obtain).toMatch(/China registration number/);
    expect(cn.reasons.map((r: { ruleId: string }) => r.ruleId)).toContain(
      'CN.documents.gacc_registration.dairy',
    );
    expect((await market('KR')).missing.map((m: { requirementId: string }) => m.requirementId)).toEqual([
      'KR.documents.mfds_registration.livestock',
    ]);
    expect((await market('HK')).status).toBe('eligible');
    // Cookware needs nothing anywhere.
    const res = await cheese.staff.get(eligibilityUrl(skillet.productId));
    expect(res.json().markets.every((m: { status: string }) => m.status === 'eligible')).toBe(true);
  });

  it('hides a restricted listing from buyers in that market: search, product page and checkout', async () => {
    expect(await found('CN')).toEqual([skillet.productId]);
    expect((await found('HK')).sort()).toEqual([cheddar.productId, skillet.productId].sort());
    const page = await buyer.get(`/api/v1/storefront/products/${cheddar.productId}?market=CN`);
    expect(page.statusCode).toBe(404);
    expect(page.json().code).toBe('storefront.not_available_in_market');
    expect((await buyer.get(`/api/v1/storefront/products/${cheddar.productId}?market=HK`)).statusCode).toBe(
      200,
    );
    const refused = await quote('CN');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'compliance.not_eligible',
      eligibility: 'restricted',
      missing: [{ requirementId: 'CN.documents.gacc_registration.dairy' }],
    });
    expect(refused.json().rules.map((r: { ruleId: string }) => r.ruleId)).toContain(
      'CN.documents.gacc_registration.dairy',
    );
    // The same cart in Hong Kong, which asks for no document, is priced.
    expect((await quote('HK')).statusCode).toBe(201);
  });

  it('records the registration with its file; the listing appears in China at once', async () => {
    const res = await cheese.staff.post(
      docsUrl(),
      formData({ ...registration(), file: filePart(PDF, 'gacc-registration.pdf', 'application/pdf') }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    registrationId = doc.id;
    expect(doc).toMatchObject({ status: 'valid', typeName: expect.stringContaining('China'), market: null });
    expect(doc.file).toMatchObject({
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    expect((await found('CN')).sort()).toEqual([cheddar.productId, skillet.productId].sort());
    const cn = await market('CN');
    expect(cn).toMatchObject({
      status: 'eligible',
      eligibleUntil: '2026-11-30',
      provisional: true,
      missing: [],
    });
    expect(cn.documents).toEqual([
      {
        documentId: registrationId,
        type: 'cn_gacc_food_facility_registration',
        number: 'CUSA04012202210001',
        expiresOn: '2026-11-30',
      },
    ]);
    expect((await quote('CN')).statusCode).toBe(201);
    const file = await cheese.staff.get(`${docsUrl()}/${registrationId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(file.rawPayload, PDF)).toBe(0);
    expect(file.headers['repr-digest']).toBe(
      `sha-256=:${createHash('sha256').update(PDF).digest('base64')}:`,
    );
    const list = await cheese.staff.get(docsUrl());
    expect(list.json().documents.map((d: { id: string }) => d.id)).toEqual([registrationId]);
  });

  it('shows the listing through the registration’s last day in Beijing, and hides it the day after', async () => {
    h.clock.set('2026-11-30T15:59:00Z'); // 23:59 on 30 November in Beijing
    expect(await found('CN')).toContain(cheddar.productId);
    h.clock.set('2026-11-30T16:00:00Z'); // 1 December in Beijing: expired, and no job has run
    expect(await found('CN')).not.toContain(cheddar.productId);
    expect(await found('HK')).toContain(cheddar.productId);
    const cn = await market('CN');
    expect(cn.status).toBe('restricted');
    expect(cn.missing[0].onFile).toMatchObject({ documentId: registrationId, status: 'expired' });
    expect((await quote('CN')).json().code).toBe('compliance.not_eligible');
    expect((await cheese.staff.get(docsUrl())).json().documents[0].status).toBe('expired');
  });

  it('brings the listing back when the renewal is recorded, and hides it again when that is revoked', async () => {
    const res = await cheese.staff.post(
      docsUrl(),
      registration({ issuedOn: '2026-12-01', expiresOn: '2031-11-30' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    renewalId = res.json().id;
    expect(await found('CN')).toContain(cheddar.productId);
    expect((await market('CN')).eligibleUntil).toBe('2031-11-30');
    // A listing created now is placed by the index job that follows every product change.
    const brick = await listProduct(cheese.staff, cheese.sellerId, {
      hsCode: '040690',
      en: 'Wisconsin Brick Cheese with Cheddar Rind, 1 lb',
      priceUsd: 1300,
      stock: 10,
      weightGrams: 480,
    });
    expect(await found('CN')).not.toContain(brick.productId);
    await syncListingIndex(h.ctx);
    expect(await found('CN')).toContain(brick.productId);

    const revoked = await cheese.staff.post(`${docsUrl()}/${renewalId}/revoke`, {
      reason: 'Recorded the wrong number',
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokeReason: 'Recorded the wrong number' });
    expect(await found('CN')).not.toContain(cheddar.productId);
    expect(await found('CN')).not.toContain(brick.productId);
    expect((await market('CN')).missing[0].onFile.status).toBe('revoked');
  });

  it('lets only the seller’s own staff and platform admins read or add documents', async () => {
    const docFile = `${docsUrl()}/${registrationId}/file`;
    for (const actor of [other.staff, buyer]) {
      expect((await actor.get(docsUrl())).statusCode).toBe(403);
      expect((await actor.post(docsUrl(), registration({ number: 'INTRUDER-1' }))).statusCode).toBe(403);
      expect((await actor.get(eligibilityUrl())).statusCode).toBe(403);
      expect((await actor.get(docFile)).statusCode).toBe(403);
      expect((await actor.post(`${docsUrl()}/${registrationId}/revoke`, { reason: 'x' })).statusCode).toBe(
        403,
      );
    }
    expect((await other.staff.get(docsUrl())).json().code).toBe('compliance.forbidden');
    const anonymous = await h.app.inject({ method: 'GET', url: docsUrl() });
    expect(anonymous.statusCode).toBe(401);
    expect((await admin.get(docsUrl())).statusCode).toBe(200);
    // The other seller's own documents are its own business, and its products are not this seller's.
    expect((await other.staff.get(`/api/v1/sellers/${other.sellerId}/documents`)).json()).toEqual({
      documents: [],
    });
    const foreign = await admin.get(
      `/api/v1/sellers/${other.sellerId}/products/${cheddar.productId}/eligibility`,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('answers bad input with 4xx problems, never 500', async () => {
    const bad: [string, Record<string, unknown>, string][] = [
      ['unknown type', registration({ type: 'fishing_licence' }), 'request.invalid'],
      ['not a date', registration({ issuedOn: '2026-02-30' }), 'request.invalid'],
      ['extra field', registration({ verified: true }), 'request.invalid'],
      ['number with markup', registration({ number: '<script>' }), 'request.invalid'],
      [
        'expiry before issue',
        registration({ number: 'X-1', expiresOn: '2020-01-01' }),
        'compliance.invalid_document',
      ],
      [
        'no expiry',
        { ...registration({ number: 'X-2' }), expiresOn: undefined },
        'compliance.invalid_document',
      ],
      [
        'phytosanitary certificate without its market',
        registration({ type: 'phytosanitary_certificate', number: 'X-3' }),
        'compliance.invalid_document',
      ],
      // A file in JSON is no file: files come as multipart/form-data.
      [
        'a file in JSON',
        registration({ number: 'X-4', file: { contentBase64: 'JVBERi0=' } }),
        'request.invalid',
      ],
    ];
    for (const [name, body, code] of bad) {
      const res = await cheese.staff.post(docsUrl(), body);
      expect(res.statusCode, name).toBe(400);
      expect(res.headers['content-type'], name).toMatch(/application\/problem\+json/);
      expect(res.json().code, name).toBe(code);
    }
    const refusedFiles: [string, Buffer, number, string][] = [
      ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00'), 415, 'upload.unsupported_type'],
      ['an HTML page named .pdf', Buffer.from('<html></html>'), 415, 'upload.unsupported_type'],
      ['over 5 MB', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 413, 'upload.too_large'],
    ];
    for (const [name, bytes, status, code] of refusedFiles) {
      const body = formData({
        ...registration({ number: 'X-5' }),
        file: filePart(bytes, 'x.pdf', 'application/pdf'),
      });
      const res = await cheese.staff.post(docsUrl(), body);
      expect([res.statusCode, res.json().code], name).toEqual([status, code]);
    }
    expect((await cheese.staff.get(`${eligibilityUrl()}?on=2026-13-01`)).statusCode).toBe(400);
    expect((await cheese.staff.get(`${eligibilityUrl()}?at=now`)).statusCode).toBe(400);
    expect((await cheese.staff.get(`${docsUrl()}/doc_${'0'.repeat(32)}/file`)).statusCode).toBe(404);
    expect((await cheese.staff.get(`${docsUrl()}/not-an-id/file`)).statusCode).toBe(400);
    expect((await cheese.staff.post(`${docsUrl()}/${registrationId}/revoke`, {})).statusCode).toBe(400);
    // The same registration twice is a conflict, not a second record.
    const dup = await cheese.staff.post(docsUrl(), registration());
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('compliance.document_exists');
  });

  it('publishes the requirements, with sources, dates and verification, to anyone', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/api/v1/compliance/document-requirements' });
    expect(res.statusCode).toBe(200);
    const dairy = res
      .json()
      .requirements.find((r: { id: string }) => r.id === 'CN.documents.gacc_registration.dairy');
    expect(dairy).toMatchObject({ market: 'CN', effectiveFrom: '2022-01-01', verification: 'Yes (2°)' });
    expect(dairy.source).toContain('G1');
    expect(dairy.provisional).toMatch(/§9 item 3/);
  });

  it('answers for a given day', async () => {
    const res = await cheese.staff.get(`${eligibilityUrl()}?on=2026-11-25`);
    const cn = res.json().markets.find((m: { market: string }) => m.market === 'CN');
    expect(cn).toMatchObject({ on: '2026-11-25', status: 'eligible', eligibleUntil: '2026-11-30' });
  });
});
