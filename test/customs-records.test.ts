import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customsRecordsForOrder } from '../src/flows/customs/build-customs-records.ts';
import { customsRoutes } from '../src/flows/customs/routes.ts';
import { type App, createApp } from '../src/http/app.ts';
import type { Principal } from '../src/kernel/access.ts';
import type { SellerId, UserId } from '../src/kernel/ids.ts';
import { authenticator } from '../src/modules/identity/index.ts';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => name === 'ceb:OrderList',
});

/**
 * China's "three documents" for a real order: a Wisconsin farm sells two canvas goods
 * to a buyer in Shanghai; the records are read through the flow and through the route.
 */
describe('customs records for a mainland-China order', () => {
  let h: Heartland;
  let customsApp: App;
  let farm: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };
  let buyer: Actor;
  let cnOrder: { id: string; total: { amount: number; currency: string } };
  let hkOrderId: string;
  const staffOf = (s: { staff: Actor; sellerId: string }): Principal => ({
    userId: s.staff.userId as UserId,
    roles: ['seller_staff'],
    sellerIds: [s.sellerId as SellerId],
  });
  const get = (actor: Actor, sellerId: string, orderId: string) =>
    customsApp.inject({
      method: 'GET',
      url: `/api/v1/sellers/${sellerId}/orders/${orderId}/customs-records`,
      headers: { authorization: `Bearer ${actor.token}` },
    });

  async function placeOrder(market: 'CN' | 'HK', variantIds: string[]) {
    const quote = await buyer.post('/api/v1/checkout/quotes', {
      market,
      shippingMethod: 'express',
      lines: variantIds.map((variantId, i) => ({ variantId, quantity: i === 0 ? 2 : 1 })),
    });
    expect(quote.statusCode, quote.body).toBe(201);
    const placed = await buyer.post(`/api/v1/checkout/quotes/${quote.json().id}/place`, placeBody(market));
    expect(placed.statusCode, placed.body).toBe(201);
    await h.settle(1000);
    return placed.json().orders[0];
  }

  beforeAll(async () => {
    h = await startHeartland();
    customsApp = await createApp({
      pool: h.db.pool,
      authenticate: authenticator({
        db: h.db.db,
        clock: h.clock,
        idEncryptionKey: h.ctx.config.idEncryptionKey,
      }),
      routes: [customsRoutes(h.ctx)],
    });
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'marathon',
      legalName: 'Marathon Root & <Ginseng> Farm LLC',
    });
    other = await onboardVerifiedSeller(h, admin, {
      key: 'lakes',
      legalName: 'Ten Lakes Wild Rice Co.',
      usState: 'MN',
    });
    // Non-food goods on China's CBEC Positive List (420292): no seller documents needed to sell them there.
    const root = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '420292',
      en: 'Waxed canvas tool roll',
      priceUsd: 8900,
      stock: 20,
      weightGrams: 130,
    });
    const slices = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '420292',
      en: 'Waxed canvas coin pouch',
      priceUsd: 4000,
      stock: 20,
      weightGrams: 70,
    });
    buyer = await registerViaApi(h, 'li.wei@buyers.test', '李伟');
    const id = await buyer.put('/api/v1/me/buyer-identities/CN', {
      realName: '李伟',
      idNumber: '11010519491231002X',
    });
    expect(id.statusCode).toBe(200);
    cnOrder = await placeOrder('CN', [root.variantIds[0]!, slices.variantIds[0]!]);
    hkOrderId = (await placeOrder('HK', [root.variantIds[0]!])).id;
  });
  afterAll(async () => {
    await customsApp?.close();
    await h?.close();
  });

  it('before shipping: order and payment records, the waybill reported missing', async () => {
    const r = await customsRecordsForOrder(h.ctx, staffOf(farm), cnOrder.id);
    expect(r.orderNo).toBe(cnOrder.id);
    expect(r.records.ceb511).toBeNull();
    expect(r.missing).toEqual(['waybill']);
    expect(r.crossCheck).toEqual({ ok: true, problems: [] });
    const res = await get(farm.staff, farm.sellerId, cnOrder.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().records.ceb511).toBeNull();
    expect(res.json().missing).toEqual(['waybill']);
  });

  it('a paid, shipped order: three records that cross-check, the payment equal to the order total', async () => {
    const shipped = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/orders/${cnOrder.id}/shipment`, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    expect(shipped.statusCode, shipped.body).toBe(201);
    const r = await customsRecordsForOrder(h.ctx, staffOf(farm), cnOrder.id);
    expect(r.missing).toEqual([]);
    expect(r.crossCheck).toEqual({ ok: true, problems: [] });

    const res = await get(farm.staff, farm.sellerId, cnOrder.id);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.crossCheck.ok).toBe(true);
    const order = parser.parse(body.records.ceb311)['ceb:CEB311Message']['ceb:Order'];
    const payment = parser.parse(body.records.ceb411)['ceb:CEB411Message']['ceb:Payment']['ceb:PaymentHead'];
    const waybill = parser.parse(body.records.ceb511)['ceb:CEB511Message']['ceb:Logistics'][
      'ceb:LogisticsHead'
    ];
    const fen = cnOrder.total.amount;
    const total = `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`; // integer fen → yuan text
    expect(cnOrder.total.currency).toBe('CNY');
    expect(payment['ceb:amountPaid']).toBe(total);
    expect(order['ceb:OrderHead']['ceb:acturalPaid']).toBe(total);
    expect(order['ceb:OrderHead']['ceb:currency']).toBe('142');
    expect(order['ceb:OrderHead']['ceb:ebcName']).toBe('Marathon Root & <Ginseng> Farm LLC');
    // The consignee is the delivery address given at checkout, with its phone.
    expect(order['ceb:OrderHead']['ceb:consigneeAddress']).toBe(
      '浦东新区世纪大道 100 号 8 楼, 上海市, 上海市, 200120, CN',
    );
    expect(order['ceb:OrderHead']['ceb:consignee']).toBe('李伟');
    expect(order['ceb:OrderHead']['ceb:consigneeTelephone']).toBe('+86 138 0013 8000');
    expect(waybill['ceb:consigneeAddress']).toBe(order['ceb:OrderHead']['ceb:consigneeAddress']);
    // The ship gate kept what it declared; the records made now are the same, byte for byte.
    expect(body.declared.map((d: { kind: string }) => d.kind)).toEqual([
      'ceb311',
      'ceb411',
      'ceb511',
      'eei_determination',
    ]);
    for (const d of body.declared.filter((x: { kind: string }) => x.kind.startsWith('ceb'))) {
      expect(d.matchesCurrent).toBe(true);
      expect(d.body).not.toContain('11010519491231002X');
    }
    expect(body.declared[0].body).toContain('1101**********002X');
    expect(order['ceb:OrderList']).toHaveLength(2);
    expect(order['ceb:OrderList'][0]['ceb:totalPrice']).toBe('1267.36'); // $89.00 × 7.12 × 2
    // The buyer's ID number goes to customs in the order and payment records.
    expect(order['ceb:OrderHead']['ceb:buyerIdNumber']).toBe('11010519491231002X');
    expect(payment['ceb:payerIdNumber']).toBe('11010519491231002X');
    expect(payment['ceb:payTransactionId']).toMatch(/\S/);
    expect(waybill['ceb:logisticsNo']).toBe('1Z999AA10123456784');
    expect(waybill['ceb:weight']).toBe('0.330'); // 2 × 130 g + 70 g
  });

  it("refuses another seller's staff (403) and a Hong Kong order (409)", async () => {
    await expect(customsRecordsForOrder(h.ctx, staffOf(other), cnOrder.id)).rejects.toMatchObject({
      code: 'customs.not_allowed',
    });
    const forbidden = await get(other.staff, other.sellerId, cnOrder.id);
    expect(forbidden.statusCode).toBe(403);
    const viaPath = await get(other.staff, farm.sellerId, cnOrder.id);
    expect(viaPath.statusCode).toBe(403);
    const hk = await get(farm.staff, farm.sellerId, hkOrderId);
    expect(hk.statusCode).toBe(409);
    expect(hk.json().code).toBe('customs.not_applicable');
    const buyerCall = await get(buyer, farm.sellerId, cnOrder.id);
    expect(buyerCall.statusCode).toBe(403);
    const badId = await get(farm.staff, farm.sellerId, 'ord_nope');
    expect(badId.statusCode).toBe(400);
  });
});
