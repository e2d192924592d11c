import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeBody, type TestMarket } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

/**
 * The ship gate (fulfilment.ts): a parcel that needs EEI ships only with its ITN; a mainland-China
 * CBEC order ships only when its order, payment and waybill records agree. Other parcels ship as
 * before. Everything through the HTTP API.
 */
describe('the ship gate', () => {
  let h: Heartland;
  let farm: { staff: Actor; sellerId: string };
  let buyer: Actor;
  let ginseng: string;
  let wholesale: string;
  let bulk: string;
  let router: string;
  let backpack: string;

  async function paidOrder(market: TestMarket, variantId: string, quantity = 1): Promise<string> {
    const q = await buyer.post('/api/v1/checkout/quotes', { market, lines: [{ variantId, quantity }] });
    expect(q.statusCode, q.body).toBe(201);
    const placed = await buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody(market));
    expect(placed.statusCode, placed.body).toBe(201);
    await h.settle(1000);
    return placed.json().orders[0].id;
  }
  const ship = (orderId: string, body: Record<string, unknown> = {}) =>
    farm.staff.post(`/api/v1/sellers/${farm.sellerId}/orders/${orderId}/shipment`, {
      carrier: 'UPS',
      trackingNumber: `1Z${orderId.slice(-10)}`,
      ...body,
    });
  const order = async (id: string) => (await buyer.get(`/api/v1/orders/${id}`)).json();

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'gate-farm', legalName: 'Gate Farm LLC' });
    const list = (en: string, priceUsd: number, more: Record<string, string> = {}) =>
      listProduct(farm.staff, farm.sellerId, {
        hsCode: '121120',
        en,
        priceUsd,
        stock: 50,
        weightGrams: 500,
        ...more,
      });
    ginseng = (await list('Ginseng root, 4 oz', 8_900)).variantIds[0]!;
    wholesale = (await list('Ginseng root, wholesale box', 260_000, { scheduleB: '1211200020' }))
      .variantIds[0]!;
    bulk = (await list('Ginseng root, bulk box', 125_000, { scheduleB: '1211200020' })).variantIds[0]!;
    router = (await list('Farm mesh router', 5_000, { eccn: '5A992.c' })).variantIds[0]!;
    // China: a listed non-food good (CBEC Positive List 420292), which needs no seller documents.
    backpack = (await list('Waxed canvas backpack', 8_900, { hsCode: '420292' })).variantIds[0]!;
    buyer = await registerViaApi(h, 'gate.buyer@buyers.test', '李伟');
    const id = await buyer.put('/api/v1/me/buyer-identities/CN', {
      realName: '李伟',
      idNumber: '11010519491231002X',
    });
    expect(id.statusCode).toBe(200);
  });
  afterAll(() => h?.close());

  it('refuses a parcel over $2,500 per Schedule B without an ITN, and ships it with one', async () => {
    const orderId = await paidOrder('JP', wholesale); // $2,600.00 under Schedule B 1211200020
    const refused = await ship(orderId);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().code).toBe('export.itn_required');
    expect(refused.json().reasons).toEqual([
      expect.objectContaining({ code: 'export.value_over_threshold', citation: '15 CFR 30.37(a)' }),
    ]);
    expect(refused.json().reasons[0].message).toContain('$2,600.00 is over $2,500.00');
    expect((await order(orderId)).status).toBe('paid');
    expect((await order(orderId)).shipment).toBeNull();

    expect((await ship(orderId, { itn: 'X123' })).statusCode).toBe(400);
    expect((await ship(orderId, { itn: 'x20261124000001' })).statusCode).toBe(400);
    const shipped = await ship(orderId, { itn: 'X20261124000001' });
    expect(shipped.statusCode, shipped.body).toBe(201);
    expect(shipped.json().status).toBe('shipped');
    expect(shipped.json().shipment.itn).toBe('X20261124000001');
    // A retry with the same parcel is the same shipment; another ITN is refused.
    expect((await ship(orderId, { itn: 'X20261124000001' })).statusCode).toBe(201);
    expect((await ship(orderId, { itn: 'X20261124000002' })).statusCode).toBe(409);
  });

  it('counts per code: two $1,250.00 boxes under one Schedule B are exactly $2,500.00 and ship without an ITN', async () => {
    const orderId = await paidOrder('JP', bulk, 2);
    const shipped = await ship(orderId);
    expect(shipped.statusCode, shipped.body).toBe(201);
    expect(shipped.json().shipment.itn).toBeNull();
  });

  it('refuses a CCL item (ECCN 5A992.c) to Hong Kong without an ITN whatever its value', async () => {
    const orderId = await paidOrder('HK', router); // $50.00
    const refused = await ship(orderId);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().code).toBe('export.itn_required');
    expect(refused.json().reasons[0]).toMatchObject({ code: 'export.ccl_item_to_china', source: 'U4, U6' });
    expect((await ship(orderId, { itn: 'X20261124000003' })).statusCode).toBe(201);
  });

  it('ships a small EAR99 parcel to Hong Kong as before', async () => {
    const orderId = await paidOrder('HK', ginseng);
    const shipped = await ship(orderId);
    expect(shipped.statusCode, shipped.body).toBe(201);
    expect(shipped.json().shipment.itn).toBeNull();
  });

  it('ships a China CBEC order only when its three records agree; a tampered payment record stops it', async () => {
    const orderId = await paidOrder('CN', backpack, 2);
    // The payment enterprise's record says one fen more than the order: customs would not match them.
    await h.db.pool.query('UPDATE escrows SET amount = amount + 1 WHERE order_id = $1', [orderId]);
    const refused = await ship(orderId);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().code).toBe('customs.records_mismatch');
    expect(refused.json().problems.map((p: { code: string }) => p.code)).toEqual([
      'customs.amount_paid_mismatch',
    ]);
    // Nothing changed: still paid, no shipment, no event.
    const after = await order(orderId);
    expect(after.status).toBe('paid');
    expect(after.shipment).toBeNull();
    expect(after.events.map((e: { to: string }) => e.to)).not.toContain('shipped');
    const { rows } = await h.db.pool.query('SELECT count(*)::int AS n FROM shipment_documents');
    const before = rows[0].n;

    await h.db.pool.query('UPDATE escrows SET amount = amount - 1 WHERE order_id = $1', [orderId]);
    await expectLedgerSound(h.db);
    const shipped = await ship(orderId);
    expect(shipped.statusCode, shipped.body).toBe(201);
    expect(shipped.json().status).toBe('shipped');
    // The declared records are kept: three CEB records and the export determination.
    const kept = await h.db.pool.query(
      `SELECT d.kind, d.body FROM shipment_documents d JOIN shipments s ON s.id = d.shipment_id
        WHERE s.order_id = $1 ORDER BY d.kind`,
      [orderId],
    );
    expect(kept.rows.map((r) => r.kind)).toEqual(['ceb311', 'ceb411', 'ceb511', 'eei_determination']);
    expect((await h.db.pool.query('SELECT count(*)::int AS n FROM shipment_documents')).rows[0].n).toBe(
      before + 4,
    );
    const waybill = kept.rows.find((r) => r.kind === 'ceb511')!.body as string;
    expect(waybill).toContain(`<ceb:logisticsNo>1Z${orderId.slice(-10)}</ceb:logisticsNo>`);
    expect(kept.rows.map((r) => r.body).join('')).not.toContain('11010519491231002X');
  });

  it('refuses malformed ship requests with 400 and another seller with 403', async () => {
    const orderId = await paidOrder('HK', ginseng);
    expect((await ship(orderId, { itn: 42 })).statusCode).toBe(400);
    expect((await ship(orderId, { trackingNumber: 'no spaces allowed' })).statusCode).toBe(400);
    expect((await ship(orderId, { surprise: true })).statusCode).toBe(400);
    const stranger = await registerViaApi(h, 'gate.stranger@buyers.test', 'Stranger');
    const res = await stranger.post(`/api/v1/sellers/${farm.sellerId}/orders/${orderId}/shipment`, {
      carrier: 'UPS',
      trackingNumber: '1Z0000000001',
    });
    expect(res.statusCode).toBe(403);
  });
});
