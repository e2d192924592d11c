import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { codeFor } from '../../src/modules/trust/index.ts';
import { placeBody } from '../../test/support/addresses.ts';
import type { Actor, Heartland } from '../../test/support/heartland.ts';
import { file, formData } from '../../test/support/multipart.ts';
import { noticeBody } from '../../test/support/notices.ts';

/** The first bytes of a PNG: enough for the server to type it by its signature. */
export const TEST_BUY_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

export interface TrustCases {
  noticeId: string;
  ownerName: string;
  listings: { productId: string; title: string }[];
  /** The PDF the seller uploaded with its business registration. */
  registrationPdf: Buffer;
  /** A code of the demo ginseng lot scanned in CN, then in HK: an alert. */
  alertCode: string;
  /** A brand registered with its certificate, waiting for an agent; its owner has one other brand. */
  brand: { id: string; name: string; otherName: string };
  /** A buyer's review of a delivered order, held because it gives a phone number. */
  review: { id: string; title: string; productId: string };
}

/**
 * The cases the trust agent works in the browser, made through the API as their actors would: a
 * rights owner's notice against two of the seller's listings, the seller's business registration
 * with its document, and a ginseng label scanned in two markets.
 */
export async function openTrustCases(
  h: Heartland,
  seller: { staff: Actor; sellerId: string; exceptProductId: string },
): Promise<TrustCases> {
  const { rows } = await h.ctx.db.execute<{ id: string; title: string }>(sql`
    SELECT p.id, t.title FROM products p
      JOIN product_translations t ON t.seller_id = p.seller_id AND t.product_id = p.id AND t.locale = 'en'
     WHERE p.seller_id = ${seller.sellerId} AND p.status = 'active' AND p.id <> ${seller.exceptProductId}
     ORDER BY t.title LIMIT 2`);
  expect(rows).toHaveLength(2);
  const listings = rows.map((r) => ({ productId: r.id, title: r.title }));

  const owner = await h.actor('rights@e2e-trust.test', [{ role: 'brand_owner' }]);
  const ownerName = 'Great Plains Kettle Corn Co.';
  const filed = await owner.post(
    '/api/v1/notices',
    formData(
      noticeBody(
        listings.map((l) => l.productId),
        {
          rights: { kind: 'trademark', office: 'USPTO', registrationNumber: '5550123', ownerName },
          statement: 'These listings use our registered kettle-corn mark on their bags and pictures.',
          evidence: [
            { description: 'Our registration certificate', url: 'https://example.test/reg-5550123' },
            {
              description: 'Photo of the test-buy bag',
              attachment: file(TEST_BUY_PNG, 'test-buy-bag.png', 'image/png'),
            },
          ],
        },
      ),
    ),
  );
  expect(filed.statusCode, filed.body).toBe(201);

  const registrationPdf = Buffer.from('%PDF-1.4\n% Iowa articles of organization (e2e)\n');
  const submitted = await seller.staff.post(
    `/api/v1/sellers/${seller.sellerId}/verification/items`,
    formData({
      kind: 'business_registration',
      stateOfRegistration: 'IA',
      entityNumber: 'LC0612345',
      document: { content: file(registrationPdf, 'articles-of-organization.pdf', 'application/pdf') },
    }),
  );
  expect(submitted.statusCode, submitted.body).toBe(201);

  const codes = await h.ctx.db.execute<{ serial: string }>(sql`
    SELECT c.serial::text FROM authenticity_codes c JOIN authenticity_lots l ON l.id = c.lot_id
     WHERE l.lot_number = 'MRG-2026-09' ORDER BY c.serial DESC LIMIT 1`);
  const alertCode = codeFor(h.ctx.config.authenticityCodeKey, BigInt(codes.rows[0]!.serial));
  for (const market of ['CN', 'HK']) {
    const scan = await h.app.inject({
      method: 'GET',
      url: `/api/v1/authenticity/${alertCode}?market=${market}`,
    });
    expect(scan.statusCode, scan.body).toBe(200);
    h.clock.advance(60_000);
  }
  const brand = await registerBrand(h);
  const review = await heldReview(h, seller, [seller.exceptProductId, ...listings.map((l) => l.productId)]);
  return { noticeId: filed.json().id, ownerName, listings, registrationPdf, alertCode, brand, review };
}

/** A brand owner registers two brands; the second comes with its trademark certificate. */
async function registerBrand(h: Heartland): Promise<TrustCases['brand']> {
  const owner = await h.actor('brands@e2e-trust.test', [{ role: 'brand_owner' }]);
  const register = async (name: string, registrationNumber: string) => {
    const res = await owner.post('/api/v1/brands', {
      name,
      terms: { en: [name] },
      trademark: { office: 'USPTO', registrationNumber, classes: [29, 30], ownerName: `${name} Inc.` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const otherName = 'Loess Hills Smokehouse';
  await register(otherName, '6120001');
  const name = 'Cedar Valley Sorghum';
  const id = await register(name, '6120002');
  const certificate = Buffer.from('%PDF-1.4\n% USPTO certificate 6120002 (e2e)\n');
  const doc = await owner.post(
    `/api/v1/brands/${id}/documents`,
    formData({
      kind: 'trademark_certificate',
      file: file(certificate, 'cedar-valley-certificate.pdf', 'application/pdf'),
    }),
  );
  expect(doc.statusCode, doc.body).toBe(201);
  return { id, name, otherName };
}

/**
 * A buyer orders another of the seller's listings (one no notice names, so no order is frozen), the
 * seller ships, it is delivered; the buyer's review gives a phone number, so it is held.
 */
async function heldReview(
  h: Heartland,
  seller: { staff: Actor; sellerId: string },
  notThese: string[],
): Promise<TrustCases['review']> {
  const buyer = await h.actor('reviewer@e2e-trust.test', [{ role: 'buyer' }]);
  const { rows } = await h.ctx.db.execute<{ id: string; productId: string }>(sql`
    SELECT v.id, p.id AS "productId" FROM variants v JOIN products p ON p.id = v.product_id
     WHERE p.seller_id = ${seller.sellerId} AND p.status = 'active'
       AND p.id NOT IN (${sql.join(
         notThese.map((id) => sql`${id}`),
         sql`, `,
       )})
     ORDER BY p.id, v.id LIMIT 1`);
  expect(rows).toHaveLength(1);
  const quote = await buyer.post('/api/v1/checkout/quotes', {
    market: 'KR',
    lines: [{ variantId: rows[0]!.id, quantity: 1 }],
  });
  expect(quote.statusCode, quote.body).toBe(201);
  const placed = await buyer.post(`/api/v1/checkout/quotes/${quote.json().id}/place`, placeBody('KR'));
  expect(placed.statusCode, placed.body).toBe(201);
  const orderId = placed.json().orders[0].id as string;
  await h.settle(1000);
  const shipped = await seller.staff.post(`/api/v1/sellers/${seller.sellerId}/orders/${orderId}/shipment`, {
    carrier: 'FedEx',
    trackingNumber: `7${orderId.slice(-11)}`,
  });
  expect(shipped.statusCode, shipped.body).toBe(201);
  const delivered = await seller.staff.post(`/api/v1/orders/${orderId}/tracking-events`, {
    status: 'delivered',
    location: 'Seoul',
    description: 'Delivered',
  });
  expect(delivered.statusCode, delivered.body).toBeLessThan(300);
  const title = 'Tasty, but ask me first';
  const written = await buyer.post(`/api/v1/orders/${orderId}/reviews`, {
    lineNo: 1,
    rating: 4,
    title,
    body: 'Crunchy and fresh. Text me on 010 1234 5678 for a cheaper deal.',
    locale: 'en',
  });
  expect(written.statusCode, written.body).toBe(201);
  expect(written.json().status).toBe('held');
  return { id: written.json().id, title, productId: rows[0]!.productId };
}
