import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { codeFor } from '../../src/modules/trust/index.js';
import type { Actor, Heartland } from '../../test/support/heartland.js';
import { noticeBody } from '../../test/support/notices.js';

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
    noticeBody(
      listings.map((l) => l.productId),
      {
        rights: { kind: 'trademark', office: 'USPTO', registrationNumber: '5550123', ownerName },
        statement: 'These listings use our registered kettle-corn mark on their bags and pictures.',
        evidence: [
          { description: 'Our registration certificate', url: 'https://example.test/reg-5550123' },
          {
            description: 'Photo of the test-buy bag',
            attachment: {
              fileName: 'test-buy-bag.png',
              contentType: 'image/png',
              dataBase64: TEST_BUY_PNG.toString('base64'),
            },
          },
        ],
      },
    ),
  );
  expect(filed.statusCode, filed.body).toBe(201);

  const registrationPdf = Buffer.from('%PDF-1.4\n% Iowa articles of organization (e2e)\n');
  const submitted = await seller.staff.post(`/api/v1/sellers/${seller.sellerId}/verification/items`, {
    kind: 'business_registration',
    stateOfRegistration: 'IA',
    entityNumber: 'LC0612345',
    document: { name: 'articles-of-organization.pdf', contentBase64: registrationPdf.toString('base64') },
  });
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
  return { noticeId: filed.json().id, ownerName, listings, registrationPdf, alertCode };
}
