import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressFor, placeBody, type TestMarket } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/** Commercial invoice and packing list of real orders, through the HTTP API. */
describe('shipping papers', () => {
  let h: Heartland;
  let farm: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };
  let buyer: Actor;
  let otherBuyer: Actor;
  let agent: Actor;
  let auditor: Actor;
  let root: string;
  let slices: string;
  let cnOrder: Record<string, unknown> & { id: string; shippingUsd: { amount: number }; currency: string };
  let unpaidOrderId: string;

  async function placed(
    market: TestMarket,
    lines: { variantId: string; quantity: number }[],
    body = placeBody(market),
  ) {
    const q = await buyer.post('/api/v1/checkout/quotes', { market, lines });
    expect(q.statusCode, q.body).toBe(201);
    return buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, body);
  }
  const invoice = (who: Actor, orderId: string, query = '') =>
    who.get(`/api/v1/orders/${orderId}/commercial-invoice${query}`);

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@heartland.test', [{ role: 'trust_agent' }]);
    auditor = await h.actor('auditor@heartland.test', [{ role: 'auditor' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'papers-farm',
      legalName: 'North Shore Canvas Works LLC',
    });
    other = await onboardVerifiedSeller(h, admin, {
      key: 'papers-other',
      legalName: 'Ten Lakes Wild Rice Co.',
    });
    root = (
      await listProduct(farm.staff, farm.sellerId, {
        hsCode: '420292',
        en: 'Waxed canvas backpack',
        priceUsd: 8_900,
        stock: 20,
        weightGrams: 900,
        scheduleB: '4202920000',
      })
    ).variantIds[0]!;
    slices = (
      await listProduct(farm.staff, farm.sellerId, {
        hsCode: '420292',
        en: 'Waxed canvas pouch',
        priceUsd: 4_000,
        stock: 20,
        weightGrams: 150,
      })
    ).variantIds[0]!;
    buyer = await registerViaApi(h, 'papers.buyer@buyers.test', '李伟');
    otherBuyer = await registerViaApi(h, 'papers.other@buyers.test', 'Someone Else');
    expect(
      (
        await buyer.put('/api/v1/me/buyer-identities/CN', {
          realName: '李伟',
          idNumber: '11010519491231002X',
        })
      ).statusCode,
    ).toBe(200);
    const cn = await placed('CN', [
      { variantId: root, quantity: 2 },
      { variantId: slices, quantity: 1 },
    ]);
    expect(cn.statusCode, cn.body).toBe(201);
    cnOrder = cn.json().orders[0];
    const hk = await placed('HK', [{ variantId: slices, quantity: 1 }]);
    unpaidOrderId = hk.json().orders[0].id;
  });
  afterAll(() => h?.close());

  it('the buyer gives a delivery address at checkout; it is validated and kept on the order', async () => {
    expect(cnOrder.deliveryAddress).toEqual(addressFor('CN'));
    const none = await placed('HK', [{ variantId: slices, quantity: 1 }], {
      paymentMethod: 'pm_card_ok',
    } as never);
    expect(none.statusCode).toBe(422);
    expect(none.json().code).toBe('orders.delivery_address_required');
    const elsewhere = await placed('HK', [{ variantId: slices, quantity: 1 }], placeBody('TW'));
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().code).toBe('orders.delivery_address_wrong_country');
    const badPostal = await placed('HK', [{ variantId: slices, quantity: 1 }], {
      paymentMethod: 'pm_card_ok',
      deliveryAddress: addressFor('KR', { postalCode: 'ABCDE' }),
    } as never);
    expect(badPostal.statusCode).toBe(400);
    expect(badPostal.headers['content-type']).toContain('application/problem+json');
    const badPhone = await placed('KR', [{ variantId: slices, quantity: 1 }], {
      paymentMethod: 'pm_card_ok',
      deliveryAddress: addressFor('KR', { phone: '123' }),
    } as never);
    expect(badPhone.statusCode).toBe(400);
  });

  it('before payment there are no papers (409)', async () => {
    const res = await invoice(farm.staff, unpaidOrderId);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('papers.not_paid');
    await h.settle(1000);
  });

  it('the commercial invoice: parties, lines, USD values with CNY alongside, totals by hand', async () => {
    await h.settle(1000);
    const res = await invoice(farm.staff, cnOrder.id);
    expect(res.statusCode, res.body).toBe(200);
    const inv = res.json();
    expect(inv.invoiceNumber).toBe(`CI-${cnOrder.id}`);
    expect(inv.status).toBe('draft');
    expect(inv.exporter).toMatchObject({
      role: 'USPPI',
      name: 'North Shore Canvas Works LLC',
      ein: expect.stringMatching(/^39-\d{7}$/),
    });
    expect(inv.exporter.address).toMatchObject({ city: 'Wausau', region: 'WI', country: 'US' });
    expect(inv.consignee).toMatchObject({ name: '李伟', phone: '+86 138 0013 8000' });
    expect(inv.consignee.address).toMatchObject({ city: '上海市', postalCode: '200120', country: 'CN' });
    expect(inv.terms.incoterm).toBe('DDP');
    expect(
      inv.lines.map((l: Record<string, unknown>) => [
        l.description,
        l.hsCode,
        l.scheduleB,
        l.eccn,
        l.countryOfOrigin,
        l.quantity,
      ]),
    ).toEqual([
      ['Waxed canvas backpack', '420292', '4202920000', 'EAR99', 'US', 2],
      ['Waxed canvas pouch', '420292', null, 'EAR99', 'US', 1],
    ]);
    expect(inv.lines[0].lineTotalUsd).toEqual({ amount: 17_800, currency: 'USD' }); // $89.00 × 2
    expect(inv.lines[0].lineTotal).toEqual({ amount: 126_736, currency: 'CNY' }); // ¥633.68 × 2 at 7.12
    expect(inv.charges.goodsUsd).toEqual({ amount: 21_800, currency: 'USD' }); // 178.00 + 40.00
    expect(inv.charges.insuranceUsd.amount).toBe(0);
    expect(inv.charges.freightUsd.amount).toBe(cnOrder.shippingUsd.amount);
    expect(inv.charges.invoiceTotalUsd.amount).toBe(21_800 + cnOrder.shippingUsd.amount);
    expect(inv.charges.totalPaid).toEqual(cnOrder.total);
    expect(inv.grossWeightKg).toBe('1.950'); // 2 × 900 g + 150 g
    expect(inv.export).toMatchObject({
      eeiRequired: false,
      exemptionLegend: 'NOEEI 15 CFR 30.37(a)',
      destinationControlStatement: null,
    });
  });

  it('the packing list, then both papers final once shipped, with carrier and waybill', async () => {
    const pl = await farm.staff.get(`/api/v1/orders/${cnOrder.id}/packing-list`);
    expect(pl.statusCode, pl.body).toBe(200);
    expect(pl.json().totals).toEqual({ packages: 1, quantity: 3, grossWeightKg: '1.950', netWeightKg: null });
    const shipped = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/orders/${cnOrder.id}/shipment`, {
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
    });
    expect(shipped.statusCode, shipped.body).toBe(201);
    const inv = (await invoice(farm.staff, cnOrder.id)).json();
    expect(inv.status).toBe('final');
    expect(inv.shipment).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', itn: null });
    expect((await farm.staff.get(`/api/v1/orders/${cnOrder.id}/packing-list`)).json().status).toBe('final');
  });

  it('serves the PDF for ?format=pdf and for Accept: application/pdf, with the CJK consignee embedded', async () => {
    for (const res of [
      await invoice(farm.staff, cnOrder.id, '?format=pdf'),
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/orders/${cnOrder.id}/commercial-invoice`,
        headers: { authorization: `Bearer ${farm.staff.token}`, accept: 'application/pdf' },
      }),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.rawPayload.toString('latin1');
      expect(pdf.startsWith('%PDF')).toBe(true);
      expect(pdf).toContain(`CI-${cnOrder.id}`);
      // The consignee's Chinese name needs an embedded Noto Sans SC subset, not a standard font.
      expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    }
    const pl = await farm.staff.get(`/api/v1/orders/${cnOrder.id}/packing-list?format=pdf`);
    expect(pl.statusCode).toBe(200);
    expect(pl.rawPayload.toString('latin1')).toContain(`PL-${cnOrder.id}`);
  });

  it('the buyer of the order may read its invoice, with the EIN masked; nobody else may', async () => {
    const own = await invoice(buyer, cnOrder.id);
    expect(own.statusCode).toBe(200);
    expect(own.json().exporter.ein).toMatch(/^\*\*-\*\*\*\d{4}$/);
    expect(own.json().exporter.phone).toBeNull();
    expect((await invoice(agent, cnOrder.id)).statusCode).toBe(200);
    expect((await invoice(otherBuyer, cnOrder.id)).statusCode).toBe(403);
    expect((await invoice(other.staff, cnOrder.id)).statusCode).toBe(403);
    expect((await invoice(auditor, cnOrder.id)).statusCode).toBe(403);
    const anon = await h.app.inject({ method: 'GET', url: `/api/v1/orders/${cnOrder.id}/packing-list` });
    expect(anon.statusCode).toBe(401);
  });

  it('documents the papers, the ITN and the delivery address in OpenAPI', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    expect(paths['/api/v1/orders/{orderId}/commercial-invoice']?.get).toBeDefined();
    expect(paths['/api/v1/orders/{orderId}/packing-list']?.get).toBeDefined();
    const place = JSON.stringify(paths['/api/v1/checkout/quotes/{id}/place']);
    expect(place).toContain('deliveryAddress');
    expect(place).toContain('postalCode');
    expect(JSON.stringify(paths['/api/v1/sellers/{sellerId}/orders/{id}/shipment'])).toContain('itn');
  });

  it('bad input gets a 4xx problem', async () => {
    expect((await invoice(farm.staff, 'ord_nope')).statusCode).toBe(400);
    expect((await invoice(farm.staff, cnOrder.id, '?format=xml')).statusCode).toBe(400);
    expect((await invoice(farm.staff, cnOrder.id, '?format=pdf&extra=1')).statusCode).toBe(400);
    const missing = await invoice(farm.staff, `ord_${'f'.repeat(32)}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});
