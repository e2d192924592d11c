import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountBalance } from '../src/modules/ledger/index.ts';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

describe('retries do not double anything', () => {
  let h: Heartland;
  let buyer: Actor;
  let variantId: string;
  let staff: Actor;
  let sellerId: string;

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    const farm = await onboardVerifiedSeller(h, admin, { key: 'honey', legalName: 'Prairie Gold Honey' });
    staff = farm.staff;
    sellerId = farm.sellerId;
    variantId = (
      await listProduct(farm.staff, farm.sellerId, {
        hsCode: '040900',
        en: 'Raw clover honey',
        priceUsd: 1500,
        stock: 5,
        weightGrams: 700,
      })
    ).variantIds[0]!;
    buyer = await h.actor('yuki@buyers.test', [{ role: 'buyer' }]);
  });
  afterAll(() => h.close());

  const quote = async () =>
    (
      await buyer.post('/api/v1/checkout/quotes', { market: 'JP', lines: [{ variantId, quantity: 1 }] })
    ).json().id as string;

  it('the same checkout sent twice with one Idempotency-Key makes one order and one capture', async () => {
    const id = await quote();
    const key = { 'idempotency-key': 'checkout-retry-0001' };
    const [a, b] = await Promise.all([
      buyer.post(`/api/v1/checkout/quotes/${id}/place`, placeBody('JP'), key),
      buyer.post(`/api/v1/checkout/quotes/${id}/place`, placeBody('JP'), key),
    ]);
    // One wins; the concurrent twin is told the key is in flight (409) or gets the same result.
    const statuses = [a.statusCode, b.statusCode].sort((x, y) => x - y);
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    const again = await buyer.post(`/api/v1/checkout/quotes/${id}/place`, placeBody('JP'), key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const first = a.statusCode === 201 ? a : b;
    expect(again.json().checkoutId).toBe(first.json().checkoutId);
    // A new key for the same quote is the same checkout too: a quote places once.
    const other = await buyer.post(`/api/v1/checkout/quotes/${id}/place`, placeBody('JP'), {
      'idempotency-key': 'checkout-retry-0002',
    });
    expect(other.statusCode).toBe(201);
    expect(other.json().checkoutId).toBe(first.json().checkoutId);
    const orders = (await staff.get(`/api/v1/sellers/${sellerId}/orders`)).json().orders;
    expect(orders).toHaveLength(1);
  });

  it('a webhook delivered twice captures once', async () => {
    const id = await quote();
    const placed = await buyer.post(
      `/api/v1/checkout/quotes/${id}/place`,
      placeBody('JP', 'pm_card_duplicate_webhook'),
    );
    expect(placed.statusCode).toBe(201);
    await h.settle(1000);
    await h.settle(5000);
    // Every captured yen is in psp_receivable exactly once: the sum of the paid orders, no more.
    const paid = (await staff.get(`/api/v1/sellers/${sellerId}/orders?status=paid`)).json().orders;
    expect(paid.length).toBe(2);
    const psp = await accountBalance(h.db.db, 'psp_receivable:JPY');
    expect(psp!.debitsPosted).toBe(
      BigInt(paid.reduce((a: number, o: { total: { amount: number } }) => a + o.total.amount, 0)),
    );
    const order = (await buyer.get(`/api/v1/orders/${placed.json().orders[0].id}`)).json();
    expect(order.status).toBe('paid');
    const events = order.events.filter((e: { to: string }) => e.to === 'paid');
    expect(events).toHaveLength(1);
    await expectLedgerSound(h.db);
  });

  it('a declined card answers 402 and gives the stock back', async () => {
    const before = (await staff.get(`/api/v1/sellers/${sellerId}/products`)).json()[0].variants[0].stock;
    const id = await quote();
    const res = await buyer.post(`/api/v1/checkout/quotes/${id}/place`, placeBody('JP', 'pm_card_declined'));
    expect(res.statusCode).toBe(402);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const after = (await staff.get(`/api/v1/sellers/${sellerId}/products`)).json()[0].variants[0].stock;
    expect(after).toBe(before);
    await expectLedgerSound(h.db);
  });

  it('a charge that fails later cancels the orders and gives the stock back', async () => {
    const before = (await staff.get(`/api/v1/sellers/${sellerId}/products`)).json()[0].variants[0].stock;
    const id = await quote();
    const res = await buyer.post(
      `/api/v1/checkout/quotes/${id}/place`,
      placeBody('JP', 'pm_card_fails_async'),
    );
    expect(res.statusCode).toBe(201);
    await h.settle(1000);
    const order = (await buyer.get(`/api/v1/orders/${res.json().orders[0].id}`)).json();
    expect(order.status).toBe('cancelled');
    expect(order.escrow.status).toBe('voided');
    const after = (await staff.get(`/api/v1/sellers/${sellerId}/products`)).json()[0].variants[0].stock;
    expect(after).toBe(before);
    await expectLedgerSound(h.db);
  });

  it('an expired quote cannot be placed', async () => {
    const id = await quote();
    h.clock.advance(16 * 60_000);
    const res = await buyer.post(`/api/v1/checkout/quotes/${id}/place`, placeBody('JP'));
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('orders.quote_expired');
  });
});
