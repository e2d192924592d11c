import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDecisions, listQueue } from '../src/modules/trust/index.ts';
import { placeBody } from './support/addresses.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/** Reviews from verified purchases: after delivery, once per order line, moderated, answered once. */
describe('reviews', () => {
  let h: Heartland;
  let admin: Actor;
  let agent: Actor;
  let kim: Actor;
  let lee: Actor;
  let farm: { staff: Actor; sellerId: string };
  let rival: { staff: Actor; sellerId: string };
  let product: { productId: string; variantIds: string[] };

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@reviews.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@reviews.test', [{ role: 'trust_agent' }]);
    kim = await h.actor('kim@reviews.test', [{ role: 'buyer' }]);
    lee = await h.actor('lee@reviews.test', [{ role: 'buyer' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'rev-walnut',
      legalName: 'Ozark Black Walnut Co.',
      usState: 'MO',
    });
    rival = await onboardVerifiedSeller(h, admin, { key: 'rev-rival', legalName: 'Rival Nut Co.' });
    product = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '080232',
      en: 'Black walnut kernels, 1 lb',
      priceUsd: 1899,
      stock: 50,
      weightGrams: 480,
    });
  });
  afterAll(() => h.close());

  /** A paid order of one line; `until` moves it on to shipped or delivered. */
  async function order(buyer: Actor, until: 'paid' | 'shipped' | 'delivered'): Promise<string> {
    const q = await buyer.post('/api/v1/checkout/quotes', {
      market: 'KR',
      lines: [{ variantId: product.variantIds[0], quantity: 1 }],
    });
    const placed = await buyer.post(`/api/v1/checkout/quotes/${q.json().id}/place`, placeBody('KR'));
    const orderId = placed.json().orders[0].id as string;
    await h.settle(1000);
    if (until === 'paid') return orderId;
    const shipped = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/orders/${orderId}/shipment`, {
      carrier: 'FedEx',
      trackingNumber: `7${orderId.slice(-11)}`,
    });
    expect(shipped.statusCode).toBe(201);
    if (until === 'shipped') return orderId;
    const ev = await farm.staff.post(`/api/v1/orders/${orderId}/tracking-events`, {
      status: 'delivered',
      location: 'Seoul',
      description: 'Delivered',
    });
    expect(ev.json().status).toBe('delivered');
    return orderId;
  }

  const review = (overrides: object = {}) => ({
    lineNo: 1,
    rating: 5,
    title: 'Fresh and sweet',
    body: 'The kernels arrived fresh, well packed, and taste wonderful.',
    locale: 'en',
    ...overrides,
  });
  const write = (buyer: Actor, orderId: string, overrides: object = {}) =>
    buyer.post(`/api/v1/orders/${orderId}/reviews`, review(overrides));
  const publicReviews = async () =>
    (await h.app.inject({ url: `/api/v1/products/${product.productId}/reviews` })).json();

  it('takes one review per line from the buyer, and only once the order is delivered', async () => {
    // 409, not 403: the buyer is the right person, the order's state refuses it for now (as a
    // dispute on a settled order is refused), and the same request succeeds after delivery.
    for (const stage of ['paid', 'shipped'] as const) {
      const early = await write(kim, await order(kim, stage));
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe('trust.review_before_delivery');
    }
    const orderId = await order(kim, 'delivered');
    expect((await write(lee, orderId)).statusCode).toBe(403);
    expect((await write(kim, orderId, { lineNo: 2 })).statusCode).toBe(404);
    expect((await write(kim, orderId, { rating: 6 })).statusCode).toBe(400);
    const created = await write(kim, orderId, { rating: 4 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'published',
      buyer: 'k***m',
      productId: product.productId,
      sellerId: farm.sellerId,
    });
    const twice = await write(kim, orderId);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('trust.review_exists');

    const listed = await publicReviews();
    expect(listed.reviews).toHaveLength(1);
    expect(listed.reviews[0].buyer).toBe('k***m');
    expect(JSON.stringify(listed)).not.toContain(kim.userId);
    expect(listed.summary).toEqual({ count: 1, average: '4.0', histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
  });

  it('holds a review with a phone number until an agent publishes it', async () => {
    const orderId = await order(lee, 'delivered');
    const held = await write(lee, orderId, {
      locale: 'zh-Hans',
      title: '很好',
      body: '想要批发价请打 138 0013 8000',
    });
    expect(held.statusCode).toBe(201);
    expect(held.json()).toMatchObject({ status: 'held', heldRules: ['phone_number'] });
    const reviewId = held.json().id as string;
    expect((await publicReviews()).reviews.map((r: { id: string }) => r.id)).not.toContain(reviewId);
    const queue = await listQueue(h.db.db, h.clock, { queue: 'reviews' });
    expect(queue.map((q) => q.subjectId)).toContain(reviewId);
    // Nobody outside the trust team may decide, and the seller cannot answer what it cannot see.
    expect(
      (
        await farm.staff.post(`/api/v1/trust/reviews/${reviewId}/decision`, {
          decision: 'publish',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await farm.staff.post(`/api/v1/reviews/${reviewId}/reply`, { body: 'Thanks', locale: 'en' }))
        .statusCode,
    ).toBe(404);

    const published = await agent.post(`/api/v1/trust/reviews/${reviewId}/decision`, {
      decision: 'publish',
      reason: 'A shop landline, not a solicitation.',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');
    expect(
      (
        await agent.post(`/api/v1/trust/reviews/${reviewId}/decision`, {
          decision: 'publish',
          reason: 'again',
        })
      ).statusCode,
    ).toBe(409);
    const decisions = await listDecisions(h.db.db, reviewId);
    expect(decisions.map((d) => [d.subjectKind, d.decision, d.rule, d.actor === 'system'])).toEqual([
      ['review', 'held', 'review.phone_number', true],
      ['review', 'published', 'review.phone_number', false],
    ]);
    const listed = await publicReviews();
    expect(listed.reviews[0].id).toBe(reviewId);
    expect(listed.summary).toMatchObject({ count: 2, average: '4.5' });
    const zh = (
      await h.app.inject({ url: `/api/v1/products/${product.productId}/reviews?locale=zh-Hans` })
    ).json();
    expect(zh.reviews.map((r: { id: string }) => r.id)).toEqual([reviewId]);
  });

  it('lets the seller answer once, moderated; another seller’s staff may not', async () => {
    const reviewId = (await publicReviews()).reviews.at(-1).id as string;
    const url = `/api/v1/reviews/${reviewId}/reply`;
    expect((await rival.staff.post(url, { body: 'Try ours instead.', locale: 'en' })).statusCode).toBe(403);
    expect((await kim.post(url, { body: 'Me again', locale: 'en' })).statusCode).toBe(403);
    const held = await farm.staff.post(url, {
      body: 'Thank you! Write to us at orders@ozark-walnut.com',
      locale: 'en',
    });
    expect(held.statusCode).toBe(201);
    expect(held.json().reply).toMatchObject({ status: 'held', heldRules: ['email'] });
    const again = await farm.staff.post(url, { body: 'Thank you!', locale: 'en' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('trust.review_already_answered');
    const before = (await publicReviews()).reviews.find((r: { id: string }) => r.id === reviewId);
    expect(before.reply).toBeNull();
    await agent.post(`/api/v1/trust/reviews/${reviewId}/decision`, {
      decision: 'publish',
      part: 'reply',
      reason: 'Order desk address.',
    });
    const after = (await publicReviews()).reviews.find((r: { id: string }) => r.id === reviewId);
    expect(after.reply.body).toContain('Thank you!');
  });

  it('sends a reported review to the queue; removing it hides it from everyone', async () => {
    const reviewId = (await publicReviews()).reviews[0].id as string;
    const reported = await farm.staff.post(`/api/v1/reviews/${reviewId}/reports`, {
      reason: 'Not about our product.',
    });
    expect(reported.statusCode).toBe(202);
    const open = await listQueue(h.db.db, h.clock, { queue: 'reviews' });
    expect(open.map((q) => q.subjectId)).toContain(reviewId);
    const removed = await agent.post(`/api/v1/trust/reviews/${reviewId}/decision`, {
      decision: 'remove',
      reason: 'Off-topic.',
    });
    expect(removed.json().status).toBe('removed');
    expect((await listDecisions(h.db.db, reviewId)).at(-1)).toMatchObject({
      decision: 'removed',
      rule: 'review.reported',
    });
    const listed = await publicReviews();
    expect(listed.reviews.map((r: { id: string }) => r.id)).not.toContain(reviewId);
    expect(listed.summary.count).toBe(1);
    const seller = (await h.app.inject({ url: `/api/v1/sellers/${farm.sellerId}/reviews` })).json();
    expect(seller.summary).toEqual({ count: 1, average: '4.0', histogram: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
    expect(seller.products).toHaveLength(1);
    expect(
      (
        await h.app.inject({
          method: 'POST',
          url: `/api/v1/reviews/${reviewId}/reports`,
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(401);
  });
});
