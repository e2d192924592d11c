import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/**
 * A refunded China order gives its cross-border allowance back only when China would (C8:
 * returned within 30 days of release; Heartland uses shipping time, which comes first).
 */
describe('China refunds and the annual allowance', () => {
  let h: Heartland;
  let admin: Actor;
  let agent: Actor;
  let buyer: Actor;
  let farm: { staff: Actor; sellerId: string };
  let variantId: string;

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@cnrefund.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@cnrefund.test', [{ role: 'trust_agent' }]);
    buyer = await h.actor('wang@cnrefund.test', [{ role: 'buyer' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'maple', legalName: 'Driftless Woodworks' });
    // Wooden kitchenware: on the Positive List as Heartland holds it, no food registration question.
    variantId = (
      await listProduct(farm.staff, farm.sellerId, {
        hsCode: '441990',
        en: 'Hard maple cutting board',
        priceUsd: 4500,
        stock: 20,
        weightGrams: 1200,
      })
    ).variantIds[0]!;
    const id = await buyer.put('/api/v1/me/buyer-identities/CN', {
      realName: '王芳',
      idNumber: '11010519491231002X',
    });
    expect(id.statusCode).toBe(200);
  });
  afterAll(() => h.close());

  const used = async () => (await buyer.get('/api/v1/me/cn-allowance')).json().used.amount as number;

  async function paidOrder(): Promise<{ id: string; dutiable: number }> {
    const q = await buyer.post('/api/v1/checkout/quotes', {
      market: 'CN',
      lines: [{ variantId, quantity: 1 }],
    });
    expect(q.statusCode, q.body).toBe(201);
    const placed = await buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('CN'));
    expect(placed.statusCode, placed.body).toBe(201);
    await h.settle(1000);
    const o = q.json().orders[0];
    return { id: placed.json().orders[0].id, dutiable: o.goods.amount + o.shipping.amount };
  }

  async function ship(orderId: string) {
    const shipped = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/orders/${orderId}/shipment`, {
      carrier: 'UPS',
      trackingNumber: `1Z${orderId.slice(-12)}`,
    });
    expect(shipped.statusCode, shipped.body).toBe(201);
  }

  async function refundByDispute(orderId: string) {
    const opened = await buyer.post(`/api/v1/orders/${orderId}/disputes`, { reason: 'Cracked on arrival.' });
    expect(opened.statusCode, opened.body).toBe(201);
    return opened.json().id as string;
  }

  it('restores the allowance of an order refunded before it ships', async () => {
    const before = await used();
    const order = await paidOrder();
    expect(await used()).toBe(before + order.dutiable);
    const refund = await buyer.post(`/api/v1/orders/${order.id}/refund`, { reason: 'changed my mind' });
    expect(refund.statusCode, refund.body).toBe(200);
    expect(await used()).toBe(before);
  });

  it('restores it when refunded within 30 days of shipping, not after', async () => {
    const within = await paidOrder();
    const late = await paidOrder();
    const start = await used();
    await ship(within.id);
    await ship(late.id);
    const disputeWithin = await refundByDispute(within.id);
    const disputeLate = await refundByDispute(late.id);

    h.clock.advanceDays(30); // exactly 30 days after shipping: still restored
    const a = await agent.post(`/api/v1/disputes/${disputeWithin}/resolve`, {
      outcome: 'refund',
      resolution: 'Photos show the crack.',
    });
    expect(a.statusCode, a.body).toBe(200);
    expect(await used()).toBe(start - within.dutiable);

    h.clock.advanceDays(1); // 31 days: China would not restore it, so Heartland does not either
    const b = await agent.post(`/api/v1/disputes/${disputeLate}/resolve`, {
      outcome: 'refund',
      resolution: 'Photos show the crack.',
    });
    expect(b.statusCode, b.body).toBe(200);
    expect(await used()).toBe(start - within.dutiable);
  });
});
