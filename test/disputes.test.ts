import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

/** A dispute pauses the confirmation window; a trust agent's decision moves the money once. */
describe('disputes', () => {
  let h: Heartland;
  let admin: Actor;
  let agent: Actor;
  let buyer: Actor;
  let farm: { staff: Actor; sellerId: string };
  let variantId: string;

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@disputes.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@disputes.test', [{ role: 'trust_agent' }]);
    buyer = await h.actor('kim@disputes.test', [{ role: 'buyer' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'walnut',
      legalName: 'Ozark Black Walnut Co.',
      usState: 'MO',
    });
    variantId = (
      await listProduct(farm.staff, farm.sellerId, {
        hsCode: '080232',
        en: 'Black walnut kernels, 1 lb',
        priceUsd: 1899,
        stock: 20,
        weightGrams: 480,
      })
    ).variantIds[0]!;
  });
  afterAll(() => h.close());

  async function shippedOrder(): Promise<string> {
    const q = await buyer.post('/api/v1/checkout/quotes', {
      market: 'KR',
      lines: [{ variantId, quantity: 1 }],
    });
    const placed = await buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('KR'));
    const orderId = placed.json().orders[0].id as string;
    await h.settle(1000);
    const shipped = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/orders/${orderId}/shipment`, {
      carrier: 'FedEx',
      trackingNumber: `7${orderId.slice(-11)}`,
    });
    expect(shipped.statusCode).toBe(201);
    return orderId;
  }

  it('pauses the window, then refunds the buyer when the agent decides so', async () => {
    const orderId = await shippedOrder();
    const opened = await buyer.post(`/api/v1/orders/${orderId}/disputes`, {
      reason: 'The bag arrived torn and half empty.',
    });
    expect(opened.statusCode).toBe(201);
    h.clock.advanceDays(31);
    expect((await admin.post('/api/v1/admin/jobs/release-due')).json().released).not.toContain(orderId);
    expect((await buyer.get(`/api/v1/orders/${orderId}`)).json().status).toBe('disputed');

    const decided = await agent.post(`/api/v1/disputes/${opened.json().id}/resolve`, {
      outcome: 'refund',
      resolution: 'Photos show the damage; carrier claim filed.',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().status).toBe('refunding');
    await h.settle(1000);
    const order = (await buyer.get(`/api/v1/orders/${orderId}`)).json();
    expect(order.status).toBe('refunded');
    expect(order.escrow.status).toBe('refunded');
    const again = await agent.post(`/api/v1/disputes/${opened.json().id}/resolve`, {
      outcome: 'release',
      resolution: 'x',
    });
    expect(again.statusCode).toBe(409);
    await expectLedgerSound(h.db);
  });

  it('releases to the seller when the agent finds for the seller', async () => {
    const orderId = await shippedOrder();
    const opened = await buyer.post(`/api/v1/orders/${orderId}/disputes`, { reason: 'Not what I expected.' });
    const decided = await agent.post(`/api/v1/disputes/${opened.json().id}/resolve`, {
      outcome: 'release',
      resolution: 'Goods as described; tracking shows delivery.',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().status).toBe('completed');
    expect(decided.json().escrow.status).toBe('released');
    // A buyer cannot dispute an order that is already settled.
    const late = await buyer.post(`/api/v1/orders/${orderId}/disputes`, { reason: 'Changed my mind.' });
    expect(late.statusCode).toBe(409);
    await expectLedgerSound(h.db);
  });
});
