import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncListingIndex } from '../src/flows/listings/sync-listing-eligibility.ts';
import { accountBalance, trialBalance } from '../src/modules/ledger/index.ts';
import type { OrderJson, QuoteJson } from '../src/modules/orders/index.ts';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller, registerViaApi } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

/**
 * The spine (DESIGN.md): a Wisconsin ginseng farm and a Minnesota wild-rice harvester sell to a
 * buyer in Shanghai, end to end through the HTTP API, with `ledger verify` sound after every step.
 */
describe('one order from a Wisconsin farm to a buyer in Shanghai', () => {
  let h: Heartland;
  let admin: Actor;
  let auditor: Actor;
  let ginsengFarm: { staff: Actor; sellerId: string };
  let riceCo: { staff: Actor; sellerId: string };
  let ginseng: { productId: string; variantIds: string[] };
  let rice: { productId: string; variantIds: string[] };
  let buyer: Actor;
  let quote: QuoteJson;
  let orderIds: string[];

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    auditor = await h.actor('auditor@heartland.test', [{ role: 'auditor' }]);
  });
  afterAll(() => h.close());

  it('1. sellers onboard, are verified, and list products in five languages', async () => {
    ginsengFarm = await onboardVerifiedSeller(h, admin, {
      key: 'marathon',
      legalName: 'Marathon Root Ginseng Farm LLC',
    });
    riceCo = await onboardVerifiedSeller(h, admin, {
      key: 'lakes',
      legalName: 'Ten Lakes Wild Rice Co.',
      usState: 'MN',
    });
    ginseng = await listProduct(ginsengFarm.staff, ginsengFarm.sellerId, {
      hsCode: '121120',
      en: 'Wisconsin American Ginseng Root, 4 oz',
      zhHans: '威斯康星花旗参 原枝 4盎司',
      ja: 'ウィスコンシン産アメリカ人参 4オンス',
      ko: '위스콘신 미국 인삼 4온스',
      priceUsd: 8900,
      stock: 20,
      weightGrams: 130,
    });
    rice = await listProduct(riceCo.staff, riceCo.sellerId, {
      hsCode: '100890',
      en: 'Minnesota Hand-Harvested Wild Rice, 1 lb',
      zhHans: '明尼苏达手工采收野米 1磅',
      priceUsd: 1400,
      stock: 50,
      weightGrams: 480,
    });
    await syncListingIndex(h.ctx); // the index job: search, and the markets each listing may be shown in
    await expectLedgerSound(h.db);
  });

  it('2. a buyer in Shanghai finds the ginseng by typing 花旗参 and 西洋参, priced in CNY', async () => {
    buyer = await registerViaApi(h, 'li.wei@buyers.test', '李伟');
    for (const q of ['花旗参', '西洋参', 'ginseng']) {
      const res = await buyer.get(`/api/v1/search?q=${encodeURIComponent(q)}&locale=zh-Hans&market=CN`);
      expect(res.statusCode).toBe(200);
      const hit = res.json().hits.find((x: { productId: string }) => x.productId === ginseng.productId);
      expect(hit, q).toBeDefined();
      expect(hit.price.currency).toBe('CNY');
      expect(hit.price.amount).toBe(63368); // $89.00 × 7.12 = ¥633.68
    }
    const page = await buyer.get(`/api/v1/storefront/products/${ginseng.productId}?market=CN&locale=zh-Hans`);
    expect(page.statusCode).toBe(200);
    expect(page.json().title).toBe('威斯康星花旗参 原枝 4盎司');
    const v = page.json().variants[0];
    expect(v.price).toEqual({ amount: 63368, currency: 'CNY' });
    expect(v.deliveredPrice.amount).toBe(v.price.amount + v.estimatedShipping.amount + v.estimatedTax.amount);
    expect(v.estimatedTax.amount).toBeGreaterThan(0);
  });

  it('3. a checkout quote across two sellers: locked rate, shipping per seller, CBEC tax per line', async () => {
    const res = await buyer.post('/api/v1/checkout/quotes', {
      market: 'CN',
      shippingMethod: 'express',
      lines: [
        { variantId: ginseng.variantIds[0], quantity: 2 },
        { variantId: rice.variantIds[0], quantity: 3 },
      ],
    });
    expect(res.statusCode).toBe(201);
    quote = res.json();
    expect(quote.currency).toBe('CNY');
    expect(quote.fxRate.rate).toBe('7.1200');
    expect(new Date(quote.expiresAt).getTime() - new Date(quote.createdAt).getTime()).toBe(15 * 60_000);
    expect(quote.orders).toHaveLength(2);
    const g = quote.orders.find((o) => o.sellerId === ginsengFarm.sellerId)!;
    const line = g.lines[0]!;
    expect(line.unitPrice.amount).toBe(63368);
    expect(line.goods.amount).toBe(126736);
    // CBEC: duty 0; VAT 13% × 70% = 9.1% on (price + freight), rounded once, half to even.
    const dutiable = line.goods.amount + line.freight.amount;
    expect(line.duty.amount).toBe(0);
    expect(line.importVat.amount).toBe(Math.round((dutiable * 91) / 1000));
    expect(line.rules.length).toBeGreaterThan(0);
    for (const o of quote.orders) {
      expect(o.total.amount).toBe(o.goods.amount + o.shipping.amount + o.tax.amount);
    }
    const sum = (k: 'total' | 'tax') => quote.orders.reduce((a, o) => a + o[k].amount, 0);
    expect(quote.totals.total.amount).toBe(sum('total'));
    expect(quote.totals.tax.amount).toBe(sum('tax'));
  });

  it('4. placing needs the buyer identity (real name + ID number) for mainland China', async () => {
    const refused = await buyer.post(`/api/v1/checkout/quotes/${quote.id}/place`, placeBody('CN'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('orders.buyer_identity_required');
    const bad = await buyer.put('/api/v1/me/buyer-identities/CN', {
      realName: '李伟',
      idNumber: '310101199003071235',
    });
    expect(bad.statusCode).toBe(422);
    const ok = await buyer.put('/api/v1/me/buyer-identities/CN', {
      realName: '李伟',
      idNumber: '11010519491231002X',
    });
    expect(ok.statusCode).toBe(200);
    expect(JSON.stringify(ok.json())).not.toContain('11010519491231002X');
  });

  it('5. placing reserves stock, splits one order per seller and authorizes the payment into escrow', async () => {
    const res = await buyer.post(`/api/v1/checkout/quotes/${quote.id}/place`, placeBody('CN'));
    expect(res.statusCode).toBe(201);
    const placed = res.json();
    expect(placed.orders).toHaveLength(2);
    expect(placed.orders.every((o: { status: string }) => o.status === 'awaiting_payment')).toBe(true);
    orderIds = placed.orders.map((o: { id: string }) => o.id);
    const product = await ginsengFarm.staff.get(`/api/v1/sellers/${ginsengFarm.sellerId}/products`);
    const stock = product.json().find((p: { id: string }) => p.id === ginseng.productId).variants[0].stock;
    expect(stock).toBe(18);
    const pending = (await trialBalance(h.db.db)).find((r) => r.currency === 'CNY')!;
    expect(pending.debitsPending).toBe(BigInt(quote.totals.total.amount));
    expect(pending.debitsPosted).toBe(0n);
    await expectLedgerSound(h.db);
  });

  it('6. the provider captures asynchronously; its signed webhook moves the orders to paid', async () => {
    await h.settle(1000);
    for (const id of orderIds) {
      const o = await buyer.get(`/api/v1/orders/${id}`);
      expect(o.json().status).toBe('paid');
      expect(o.json().escrow.status).toBe('held');
    }
    const cny = (await trialBalance(h.db.db)).find((r) => r.currency === 'CNY')!;
    expect(cny.debitsPosted).toBe(BigInt(quote.totals.total.amount));
    expect(cny.debitsPending).toBe(0n);
    await expectLedgerSound(h.db);
  });

  let ginsengOrder: OrderJson;
  it('7. the farm ships with tracking; the carrier reports delivery', async () => {
    const mine = await ginsengFarm.staff.get(`/api/v1/sellers/${ginsengFarm.sellerId}/orders`);
    ginsengOrder = mine.json().orders[0];
    expect(mine.json().orders).toHaveLength(1);
    expect(orderIds).toContain(ginsengOrder.id);
    const shipped = await ginsengFarm.staff.post(
      `/api/v1/sellers/${ginsengFarm.sellerId}/orders/${ginsengOrder.id}/shipment`,
      {
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
      },
    );
    expect(shipped.statusCode).toBe(201);
    expect(shipped.json().status).toBe('shipped');
    const due =
      new Date(shipped.json().confirmationDueAt).getTime() - new Date(shipped.json().shippedAt).getTime();
    expect(due).toBe(10 * 86_400_000); // express: 10 days after shipping
    for (const status of ['in_transit', 'customs_cleared', 'delivered']) {
      const ev = await ginsengFarm.staff.post(`/api/v1/orders/${ginsengOrder.id}/tracking-events`, {
        status,
        location: status === 'delivered' ? 'Shanghai' : 'Chicago',
        description: status,
      });
      expect(ev.statusCode).toBe(200);
    }
    const o = await buyer.get(`/api/v1/orders/${ginsengOrder.id}`);
    expect(o.json().status).toBe('delivered');
    expect(o.json().shipment.events).toHaveLength(3);
    await expectLedgerSound(h.db);
  });

  it('8. the buyer confirms receipt: escrow releases to customs, platform and the seller in USD', async () => {
    const res = await buyer.post(`/api/v1/orders/${ginsengOrder.id}/confirm-receipt`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('completed');
    expect(res.json().escrow.status).toBe('released');
    const escrow = await accountBalance(h.db.db, `escrow:${ginsengOrder.id}:CNY`);
    expect(escrow!.balance.amount).toBe(0n);
    // Commission 8% of the goods' USD price: $178.00 × 0.08 = $14.24.
    const goodsUsd = 17800n;
    const shippingUsd = BigInt(ginsengOrder.shippingUsd.amount);
    const payable = await accountBalance(h.db.db, `seller_payable:${ginsengFarm.sellerId}:USD`);
    expect(payable!.balance.amount).toBe(goodsUsd + shippingUsd - 1424n);
    const customs = await accountBalance(h.db.db, 'customs_remittance:CN:CNY');
    expect(customs!.balance.amount).toBe(BigInt(ginsengOrder.tax.amount));
    const money = await ginsengFarm.staff.get(`/api/v1/sellers/${ginsengFarm.sellerId}/money`);
    expect(money.statusCode).toBe(200);
    expect(money.json().payable.amount).toBe(Number(goodsUsd + shippingUsd - 1424n));
    await expectLedgerSound(h.db);
  });

  it('9. the other order releases on its own when the confirmation window ends', async () => {
    const riceOrder = orderIds.find((id) => id !== ginsengOrder.id)!;
    const shipped = await riceCo.staff.post(
      `/api/v1/sellers/${riceCo.sellerId}/orders/${riceOrder}/shipment`,
      {
        carrier: 'USPS',
        trackingNumber: 'EZ123456789US',
      },
    );
    expect(shipped.statusCode).toBe(201);
    h.clock.advanceDays(9);
    expect((await admin.post('/api/v1/admin/jobs/release-due')).json().released).toEqual([]);
    h.clock.advanceDays(2);
    expect((await admin.post('/api/v1/admin/jobs/release-due')).json().released).toEqual([riceOrder]);
    expect((await buyer.get(`/api/v1/orders/${riceOrder}`)).json().status).toBe('completed');
    await expectLedgerSound(h.db);
  });

  it('10. a payout run pays each seller its USD balance; the provider confirms by webhook', async () => {
    const run = await admin.post('/api/v1/admin/payouts/run');
    expect(run.statusCode).toBe(200);
    expect(run.json().payouts).toHaveLength(2);
    await h.settle(1000);
    const money = (await ginsengFarm.staff.get(`/api/v1/sellers/${ginsengFarm.sellerId}/money`)).json();
    expect(money.payable.amount).toBe(0);
    expect(money.paidOut.amount).toBeGreaterThan(0);
    expect(money.payouts[0].status).toBe('paid');
    await expectLedgerSound(h.db);
  });

  it('11. a buyer cancels a paid order before it ships: stock and money return exactly', async () => {
    const q = await buyer.post('/api/v1/checkout/quotes', {
      market: 'CN',
      lines: [{ variantId: ginseng.variantIds[0], quantity: 1 }],
    });
    const placed = await buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('CN'));
    const orderId = placed.json().orders[0].id;
    await h.settle(1000);
    const refund = await buyer.post(`/api/v1/orders/${orderId}/refund`, { reason: 'changed my mind' });
    expect(refund.statusCode).toBe(200);
    expect(refund.json().status).toBe('refunding');
    await h.settle(1000);
    const o = (await buyer.get(`/api/v1/orders/${orderId}`)).json();
    expect(o.status).toBe('refunded');
    expect(o.escrow.status).toBe('refunded');
    expect((await accountBalance(h.db.db, `escrow:${orderId}:CNY`))!.balance.amount).toBe(0n);
    const products = (await ginsengFarm.staff.get(`/api/v1/sellers/${ginsengFarm.sellerId}/products`)).json();
    expect(products.find((p: { id: string }) => p.id === ginseng.productId).variants[0].stock).toBe(18);
    await expectLedgerSound(h.db);
  });

  it('12. the auditor sees a zero trial balance in every currency and a sound ledger', async () => {
    expect((await buyer.get('/api/v1/ledger/trial-balance')).statusCode).toBe(403);
    const tb = await auditor.get('/api/v1/ledger/trial-balance');
    expect(tb.statusCode).toBe(200);
    const rows = await trialBalance(h.db.db);
    expect(rows.map((r) => r.currency).sort()).toEqual(['CNY', 'USD']);
    for (const r of rows) {
      expect(r.balanced).toBe(true);
      expect(r.debitsPosted).toBe(r.creditsPosted);
    }
    const verify = await auditor.get('/api/v1/ledger/verify');
    expect(verify.json().ok).toBe(true);
    // A seller's staff see only their own organisation's orders and money.
    expect((await riceCo.staff.get(`/api/v1/sellers/${ginsengFarm.sellerId}/orders`)).statusCode).toBe(403);
    expect((await riceCo.staff.get(`/api/v1/sellers/${ginsengFarm.sellerId}/money`)).statusCode).toBe(403);
    expect((await riceCo.staff.get(`/api/v1/orders/${ginsengOrder.id}`)).statusCode).toBe(403);
    // Another buyer can neither see nor touch this buyer's order.
    const stranger = await h.actor('stranger@buyers.test', [{ role: 'buyer' }]);
    expect((await stranger.get(`/api/v1/orders/${ginsengOrder.id}`)).statusCode).toBe(403);
    expect(
      (await stranger.post(`/api/v1/orders/${ginsengOrder.id}/refund`, { reason: 'mine now' })).statusCode,
    ).toBe(403);
    expect((await stranger.post(`/api/v1/orders/${ginsengOrder.id}/confirm-receipt`)).statusCode).toBe(403);
  });
});
