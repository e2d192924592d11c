import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ListedProduct, listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file, formData } from './support/multipart.ts';
import { counterBody, noticeBody } from './support/notices.ts';

/**
 * The reads a trust agent decides cases from: a notice with its reporter, listings and decisions;
 * one authenticity alert with the scans that raised it; the document a seller uploaded as evidence.
 * Each is for agents (and, for the document, the seller's own staff) only.
 */
describe('trust agents’ case reads', () => {
  let h: Heartland;
  let admin: Actor;
  let agent: Actor;
  let owner: Actor;
  let buyer: Actor;
  let farm: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };
  let ginseng: ListedProduct;

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@case-reads.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@case-reads.test', [{ role: 'trust_agent' }]);
    owner = await h.actor('brand@case-reads.test', [{ role: 'brand_owner' }]);
    buyer = await h.actor('buyer@case-reads.test', [{ role: 'buyer' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'cr-farm', legalName: 'Hilltop Ginseng LLC' });
    other = await onboardVerifiedSeller(h, admin, { key: 'cr-other', legalName: 'Prairie Mills LLC' });
    ginseng = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '121120',
      en: 'Wisconsin ginseng roots, 4 oz',
      priceUsd: 4_500,
      stock: 20,
      weightGrams: 200,
    });
  });
  afterAll(() => h.close());

  it('a notice review: reporter and record, listings with sellers, this notice’s decisions, the windows', async () => {
    const filed = await owner.post('/api/v1/notices', noticeBody([ginseng.productId]));
    expect(filed.statusCode, filed.body).toBe(201);
    const noticeId = filed.json().id as string;
    const url = `/api/v1/trust/notices/${noticeId}/review`;

    for (const who of [owner, buyer, farm.staff]) expect((await who.get(url)).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await agent.get('/api/v1/trust/notices/ntc_nope/review')).statusCode).toBe(400);
    expect((await agent.get(`/api/v1/trust/notices/ntc_${'0'.repeat(32)}/review`)).statusCode).toBe(404);

    const before = await agent.get(url);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({
      notice: { id: noticeId, listings: [{ productId: ginseng.productId, status: 'pending_review' }] },
      reason: { code: 'counterfeit', serious: true },
      reporter: { userId: owner.userId, email: 'brand@case-reads.test', trusted: false, decided: 0 },
      brand: null,
      listings: [
        {
          productId: ginseng.productId,
          title: 'Wisconsin ginseng roots, 4 oz',
          sellerId: farm.sellerId,
          sellerName: 'Hilltop Ginseng LLC',
          trustHold: null,
          visible: true,
        },
      ],
      decisions: [],
      asOf: h.clock.now().toISOString(),
    });
    expect(before.json().reason.label).toMatch(/counterfeit/i);
    expect(before.json().policy.answerWindowBusinessDays).toBeGreaterThan(0);

    const upheld = await agent.post(`/api/v1/trust/notices/${noticeId}/decision`, {
      decision: 'uphold',
      reason: 'Test buy matches the complaint.',
    });
    expect(upheld.statusCode, upheld.body).toBe(200);
    h.clock.advance(3_600_000);
    const countered = await farm.staff.post(
      `/api/v1/notices/${noticeId}/listings/${ginseng.productId}/counter-notice`,
      counterBody,
    );
    expect(countered.statusCode, countered.body).toBe(201);

    const after = (await agent.get(url)).json();
    expect(after.listings[0]).toMatchObject({ trustHold: 'taken_down', visible: false });
    expect(after.decisions).toEqual([
      expect.objectContaining({
        subjectId: ginseng.productId,
        decision: 'taken_down',
        rule: 'notice.agent_upheld',
        actor: agent.userId,
        detail: expect.objectContaining({ noticeId, reason: 'Test buy matches the complaint.' }),
      }),
    ]);
    const listing = after.notice.listings[0];
    expect(listing).toMatchObject({ status: 'counter_noticed' });
    expect(listing.counterNotice).toMatchObject({
      filedBy: farm.staff.userId,
      statement: counterBody.statement,
    });
    expect(new Date(listing.answerDueAt).getTime()).toBeGreaterThan(h.clock.now().getTime());
    expect(after.reporter).toMatchObject({ upheld: 1, decided: 1 });
  });

  it('a notice’s attachments: its filer and agents download them, typed by their bytes, not the claim', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const pdf = Buffer.from('%PDF-1.4 receipt');
    const attached = (fileName: string, contentType: string, data: Buffer) => ({
      description: `Exhibit ${fileName}`,
      attachment: file(data, fileName, contentType),
    });
    const fileWith = (...evidence: ReturnType<typeof attached>[]) =>
      owner.post('/api/v1/notices', formData(noticeBody([ginseng.productId], { evidence })));
    // Claimed a PDF, holds HTML: refused at the upload, by its bytes.
    const lying = await fileWith(attached('Receipt.pdf', 'application/pdf', html));
    expect([lying.statusCode, lying.json().code]).toEqual([415, 'upload.unsupported_type']);
    const filed = await fileWith(
      attached('test-buy.png', 'image/png', png),
      attached('Receipt.pdf', 'application/pdf', pdf),
    );
    expect(filed.statusCode, filed.body).toBe(201);
    const notice = filed.json();
    const [photo, receipt] = notice.evidence.map((e: { attachment: { id: string } }) => e.attachment.id);
    // One stored before uploads were typed: its bytes decide how it is served, not its claim.
    await h.db.db.execute(sql`UPDATE trust_notice_attachments SET bytes = ${html} WHERE id = ${receipt}`);
    const url = (id: string, noticeId = notice.id) => `/api/v1/notices/${noticeId}/attachments/${id}`;

    const got = await agent.get(url(photo));
    expect(got.statusCode, got.body).toBe(200);
    expect(got.rawPayload.equals(png)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="test-buy.png"/);
    // Claimed a PDF, holds HTML: served as bytes, never as a page.
    const disguised = await owner.get(url(receipt));
    expect(disguised.statusCode).toBe(200);
    expect(disguised.headers['content-type']).toBe('application/octet-stream');
    expect(disguised.headers['content-security-policy']).toMatch(/sandbox/);

    const otherOwner = await h.actor('brand2@case-reads.test', [{ role: 'brand_owner' }]);
    expect((await otherOwner.get(url(photo))).statusCode).toBe(403);
    expect((await farm.staff.get(url(photo))).statusCode).toBe(403);
    expect((await buyer.get(url(photo))).statusCode).toBe(403);
    const earlier = (await agent.get('/api/v1/notices'))
      .json()
      .notices.find((n: { id: string }) => n.id !== notice.id);
    expect((await agent.get(url(photo, earlier.id))).statusCode).toBe(404);
    expect((await agent.get(url('att_x'))).statusCode).toBe(400);
  });

  it('one authenticity alert with its code, lot, seller and the scans that raised it', async () => {
    const lot = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/lots`, {
      productId: ginseng.productId,
      lotNumber: 'HG-2026-01',
      farmName: 'Hilltop Ginseng Farm',
      usState: 'WI',
      county: 'Marathon',
      harvestedOrMadeOn: '2026-09-20',
      certifications: [],
      soldToMarkets: ['CN', 'HK'],
    });
    expect(lot.statusCode, lot.body).toBe(201);
    const issued = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/lots/${lot.json().id}/codes`, {
      count: 1,
      reference: 'case-reads-1',
    });
    const code = issued.json().codes[0] as string;
    const scan = (market: string) =>
      h.app.inject({ method: 'GET', url: `/api/v1/authenticity/${code}?market=${market}` });
    expect((await scan('CN')).json().alert).toBeUndefined();
    h.clock.advance(60_000);
    expect((await scan('HK')).json().alert).toBe('scanned_in_another_market');
    h.clock.advance(60_000);
    await scan('HK'); // a later scan (it raises its own alert): counted, not listed with the first

    const alerts = (await agent.get(`/api/v1/sellers/${farm.sellerId}/authenticity-alerts`)).json().alerts;
    expect(alerts).toHaveLength(2);
    const alertId = alerts.at(-1).id as string; // newest first: the first alert is last
    const url = `/api/v1/trust/authenticity-alerts/${alertId}`;
    expect((await farm.staff.get(url)).statusCode).toBe(403);
    expect((await buyer.get(url)).statusCode).toBe(403);
    expect((await agent.get('/api/v1/trust/authenticity-alerts/x1')).statusCode).toBe(400);
    expect((await agent.get('/api/v1/trust/authenticity-alerts/999999')).statusCode).toBe(404);

    const res = await agent.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: alertId,
      code,
      reason: 'scanned_in_another_market',
      market: 'HK',
      resolvedAt: null,
      lot: { lotNumber: 'HG-2026-01', soldToMarkets: ['CN', 'HK'] },
      product: { id: ginseng.productId, title: 'Wisconsin ginseng roots, 4 oz' },
      seller: { id: farm.sellerId, name: 'Hilltop Ginseng LLC', state: 'verified' },
      laterScans: 1,
    });
    expect(
      res.json().scans.map((s: { market: string; raisedAlert: boolean }) => [s.market, s.raisedAlert]),
    ).toEqual([
      ['CN', false],
      ['HK', true],
    ]);
  });

  it('the uploaded verification document: agents and the seller’s staff download it, typed by its bytes', async () => {
    const pdf = Buffer.from('%PDF-1.4 articles of organization');
    const submitted = await farm.staff.post(
      `/api/v1/sellers/${farm.sellerId}/verification/items`,
      formData({
        kind: 'business_registration',
        stateOfRegistration: 'WI',
        entityNumber: 'H012345',
        document: { content: file(pdf, 'Articles «Hilltop».pdf', 'application/pdf') },
      }),
    );
    expect(submitted.statusCode, submitted.body).toBe(201);
    const itemId = submitted.json().id as string;
    const url = `/api/v1/sellers/${farm.sellerId}/verification/items/${itemId}/document`;

    const got = await agent.get(url);
    expect(got.statusCode, got.body).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toMatch(/^attachment; filename="Articles__Hilltop_.pdf"/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-security-policy']).toMatch(/sandbox/);
    expect((await farm.staff.get(url)).statusCode).toBe(200);
    expect((await other.staff.get(url)).statusCode).toBe(403);
    expect((await buyer.get(url)).statusCode).toBe(403);
    // The item under another seller's path is not found there.
    const elsewhere = await agent.get(
      `/api/v1/sellers/${other.sellerId}/verification/items/${itemId}/document`,
    );
    expect(elsewhere.statusCode).toBe(404);

    // Only the hash given: nothing to download. Unknown bytes go out as octet-stream.
    const hashOnly = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/verification/items`, {
      kind: 'farm_document',
      documentKind: 'usda_fsa_farm_number',
      number: 'FSA-12345',
      document: { name: 'fsa.txt', sha256: createHash('sha256').update('x').digest('hex') },
    });
    expect(hashOnly.statusCode, hashOnly.body).toBe(201);
    const none = await agent.get(
      `/api/v1/sellers/${farm.sellerId}/verification/items/${hashOnly.json().id}/document`,
    );
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe('sellers.document_not_stored');
  });
});
