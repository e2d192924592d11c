import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processNoticeTimers } from '../src/flows/trust/notices/notice-timers.ts';
import { activeEscrowFreezes } from '../src/modules/orders/index.ts';
import { listDecisions, listQueue } from '../src/modules/trust/index.ts';
import { type ListedProduct, listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';
import { counterBody, noticeBody, shippedOrder } from './support/notices.ts';

const MINUTE = 60_000;

/**
 * Issue 4, notice and takedown: a rights owner's notice takes a listing down and freezes the money
 * of its open orders; the seller counter-notifies; unanswered within 10 business days the listing
 * comes back, answered with a court case the removal stands and the seller has a strike.
 */
describe('notice → takedown → counter-notice → reinstated or removed', () => {
  let h: Heartland;
  let admin: Actor;
  let agent: Actor;
  let owner: Actor;
  let otherOwner: Actor;
  let buyer: Actor;
  let farm: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };
  let ginseng: ListedProduct;
  let honey: ListedProduct;
  let otherListing: ListedProduct;

  const list = (s: { staff: Actor; sellerId: string }, en: string) =>
    listProduct(s.staff, s.sellerId, { hsCode: '121120', en, priceUsd: 4_500, stock: 20, weightGrams: 200 });
  const visible = async (productId: string) =>
    (await h.app.inject({ method: 'GET', url: `/api/v1/products/${productId}/raw` })).statusCode;

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@notices.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@notices.test', [{ role: 'trust_agent' }]);
    owner = await h.actor('brand@notices.test', [{ role: 'brand_owner' }]);
    otherOwner = await h.actor('brand2@notices.test', [{ role: 'brand_owner' }]);
    buyer = await h.actor('kim@notices.test', [{ role: 'buyer' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'marathon', legalName: 'Marathon Roots LLC' });
    other = await onboardVerifiedSeller(h, admin, { key: 'door', legalName: 'Door County Honey LLC' });
    ginseng = await list(farm, 'Wisconsin ginseng roots, 4 oz');
    honey = await list(farm, 'Basswood honey, 1 lb');
    otherListing = await list(other, 'Cherry preserves, 12 oz');
  });
  afterAll(() => h.close());

  it('refuses bad notices with 400s, and buyers and sellers may not file', async () => {
    const bad = async (body: unknown) => (await owner.post('/api/v1/notices', body)).statusCode;
    expect(await bad(noticeBody([]))).toBe(400);
    const many = Array.from({ length: 501 }, (_, i) => `prd_${i.toString(16).padStart(32, '0')}`);
    expect(await bad(noticeBody(many))).toBe(400);
    const { goodFaithDeclaration: _, ...undeclared } = noticeBody([ginseng.productId]);
    expect(await bad(undeclared)).toBe(400);
    expect(await bad(noticeBody([ginseng.productId], { goodFaithDeclaration: false }))).toBe(400);
    expect(await bad(noticeBody([ginseng.productId], { reasonCode: 'dislike' }))).toBe(400);
    // A patent reason on a trademark right does not fit.
    expect(await bad(noticeBody([ginseng.productId], { reasonCode: 'patent' }))).toBe(400);
    const unknown = `prd_${'e'.repeat(32)}`;
    const res = await owner.post('/api/v1/notices', noticeBody([ginseng.productId, unknown]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'trust.unknown_listings', productIds: [unknown] });

    expect((await buyer.post('/api/v1/notices', noticeBody([ginseng.productId]))).statusCode).toBe(403);
    expect((await farm.staff.post('/api/v1/notices', noticeBody([ginseng.productId]))).statusCode).toBe(403);
  });

  let noticeId: string;
  let orderId: string;

  it('a notice waits in the agents’ queue; the agent upholds; the listing goes and its escrow freezes', async () => {
    orderId = await shippedOrder(h, buyer, farm, ginseng.variantIds[0]!);
    const filed = await owner.post(
      '/api/v1/notices',
      noticeBody([ginseng.productId, ginseng.productId], { brandId: 'brd_badger' }),
    );
    expect(filed.statusCode).toBe(201);
    noticeId = filed.json().id;
    expect(noticeId).toMatch(/^ntc_/);
    expect(filed.json()).toMatchObject({ trustedReporter: false, brandId: 'brd_badger' });
    expect(filed.json().listings).toEqual([
      expect.objectContaining({
        productId: ginseng.productId,
        sellerId: farm.sellerId,
        status: 'pending_review',
      }),
    ]);
    const [item] = (await listQueue(h.db.db, h.clock, { queue: 'notices' })).filter(
      (i) => i.subjectId === noticeId,
    );
    expect(new Date(item!.dueAt).getTime() - new Date(item!.openedAt).getTime()).toBe(30 * MINUTE);
    expect(await visible(ginseng.productId)).toBe(200);

    h.clock.advance(12 * MINUTE);
    const up = await agent.post(`/api/v1/trust/notices/${noticeId}/decision`, {
      decision: 'uphold',
      reason: 'Test buy shows no lot seal',
    });
    expect(up.statusCode).toBe(200);
    expect(up.json().listings[0]).toMatchObject({
      status: 'taken_down',
      takedownRule: 'notice.agent_upheld',
    });
    expect(await visible(ginseng.productId)).toBe(404);
    expect(await activeEscrowFreezes(h.db.db, orderId)).toEqual([
      expect.objectContaining({ reference: `notice:${noticeId}:${ginseng.productId}` }),
    ]);
    expect((await listQueue(h.db.db, h.clock, { queue: 'notices' })).map((i) => i.subjectId)).not.toContain(
      noticeId,
    );
    const confirm = await buyer.post(`/api/v1/orders/${orderId}/confirm-receipt`);
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().code).toBe('orders.escrow_frozen');
    const again = await agent.post(`/api/v1/trust/notices/${noticeId}/decision`, {
      decision: 'uphold',
      reason: 'x',
    });
    expect(again.statusCode).toBe(409);
  });

  it('shows a notice to its filer, agents and the named seller only', async () => {
    expect((await owner.get(`/api/v1/notices/${noticeId}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/v1/notices/${noticeId}`)).statusCode).toBe(200);
    expect((await farm.staff.get(`/api/v1/notices/${noticeId}`)).statusCode).toBe(200);
    expect((await other.staff.get(`/api/v1/notices/${noticeId}`)).statusCode).toBe(403);
    expect((await otherOwner.get(`/api/v1/notices/${noticeId}`)).statusCode).toBe(403);
    expect((await buyer.get(`/api/v1/notices/${noticeId}`)).statusCode).toBe(403);
    expect((await other.staff.get(`/api/v1/sellers/${farm.sellerId}/notices`)).statusCode).toBe(403);
    expect((await other.staff.get(`/api/v1/sellers/${farm.sellerId}/strikes`)).statusCode).toBe(403);
    const own = await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/notices`);
    expect(own.json().notices.map((n: { id: string }) => n.id)).toEqual([noticeId]);
    expect((await other.staff.get(`/api/v1/sellers/${other.sellerId}/notices`)).json().notices).toEqual([]);
    expect((await otherOwner.get('/api/v1/notices')).json().notices).toEqual([]);
    expect((await owner.get('/api/v1/notices')).json().notices).toHaveLength(1);
  });

  it('a seller sees only its own listings of a notice naming several sellers', async () => {
    const filed = await otherOwner.post(
      '/api/v1/notices',
      noticeBody([honey.productId, otherListing.productId], { reasonCode: 'unauthorized_seller' }),
    );
    expect(filed.statusCode).toBe(201);
    const seen = await other.staff.get(`/api/v1/notices/${filed.json().id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().listings.map((l: { productId: string }) => l.productId)).toEqual([
      otherListing.productId,
    ]);
    const rejected = await agent.post(`/api/v1/trust/notices/${filed.json().id}/decision`, {
      decision: 'reject',
      reason: 'Genuine goods resold: first sale',
    });
    expect(rejected.json().listings.map((l: { status: string }) => l.status)).toEqual([
      'rejected',
      'rejected',
    ]);
  });

  it('the seller counter-notifies; only it may; the listing stays down for 10 business days', async () => {
    const path = `/api/v1/notices/${noticeId}/listings/${ginseng.productId}/counter-notice`;
    expect((await other.staff.post(path, counterBody)).statusCode).toBe(403);
    expect((await farm.staff.post(path, { ...counterBody, consentToJurisdiction: false })).statusCode).toBe(
      400,
    );
    const res = await farm.staff.post(path, counterBody);
    expect(res.statusCode).toBe(201);
    const listing = res.json().listings[0];
    expect(listing.status).toBe('counter_noticed');
    // Filed Tue 2026-11-24 08:1x UTC; Thanksgiving (Thu 11-26) and two weekends are skipped.
    expect(listing.answerDueAt.slice(0, 10)).toBe('2026-12-09');
    expect((await farm.staff.post(path, counterBody)).statusCode).toBe(409);
    const answer = `/api/v1/notices/${noticeId}/listings/${ginseng.productId}/answer`;
    const foreign = await otherOwner.post(answer, {
      outcome: 'action_filed',
      courtCaseReference: '1:26-cv-1',
    });
    expect(foreign.statusCode).toBe(403);

    h.clock.set('2026-12-08T12:00:00Z'); // 9 business days on
    expect((await processNoticeTimers(h.ctx)).reinstated).toEqual([]);
    expect(await visible(ginseng.productId)).toBe(404);
    const due = await admin.post('/api/v1/admin/jobs/release-due');
    expect(due.json().released).not.toContain(orderId);
  });

  it('unanswered past the 10th business day, the listing is reinstated and its order releases', async () => {
    h.clock.set('2026-12-09T09:00:00Z');
    // As from several processes at once: the listing is reinstated exactly once.
    const runs = await Promise.all([processNoticeTimers(h.ctx), processNoticeTimers(h.ctx)]);
    expect(runs.flatMap((r) => r.reinstated)).toEqual([{ noticeId, productId: ginseng.productId }]);
    expect(runs.flatMap((r) => r.failed)).toEqual([]);
    expect((await processNoticeTimers(h.ctx)).reinstated).toEqual([]); // idempotent
    expect(await visible(ginseng.productId)).toBe(200);
    expect(await activeEscrowFreezes(h.db.db, orderId)).toEqual([]);
    const notice = (await owner.get(`/api/v1/notices/${noticeId}`)).json();
    expect(notice.listings[0]).toMatchObject({
      status: 'reinstated',
      closingRule: 'notice.counter_window_lapsed',
    });
    const due = await admin.post('/api/v1/admin/jobs/release-due');
    expect(due.json().released).toContain(orderId);
    // The listing checks record their own decisions on creation; these are the notice's.
    const decisions = (await listDecisions(h.db.db, ginseng.productId))
      .filter((d) => d.rule.startsWith('notice.'))
      .map((d) => [d.decision, d.rule, d.actor]);
    expect(decisions).toEqual([
      ['taken_down', 'notice.agent_upheld', agent.userId],
      ['reinstated', 'notice.counter_window_lapsed', 'system'],
    ]);
    const { rows } = await h.db.pool.query(
      `SELECT topic FROM outbox WHERE key = $1 AND topic LIKE 'trust.%' ORDER BY id`,
      [ginseng.productId],
    );
    expect(rows.map((r) => r.topic)).toEqual(['trust.listing_taken_down', 'trust.listing_reinstated']);
    expect((await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/strikes`)).json().active).toBe(0);
    await expectLedgerSound(h.db);
  });

  it('answered with a court case, the removal stands: a strike, and the order stays frozen for an agent', async () => {
    const orderOnHoney = await shippedOrder(h, buyer, farm, honey.variantIds[0]!);
    const filed = await owner.post('/api/v1/notices', noticeBody([honey.productId]));
    const id = filed.json().id as string;
    await agent.post(`/api/v1/trust/notices/${id}/decision`, { decision: 'uphold', reason: 'Test buy' });
    const counter = `/api/v1/notices/${id}/listings/${honey.productId}/counter-notice`;
    expect((await farm.staff.post(counter, counterBody)).statusCode).toBe(201);
    h.clock.advance(3 * 86_400_000);
    const answer = `/api/v1/notices/${id}/listings/${honey.productId}/answer`;
    expect(
      (await otherOwner.post(answer, { outcome: 'action_filed', courtCaseReference: 'x' })).statusCode,
    ).toBe(403);
    const res = await owner.post(answer, {
      outcome: 'action_filed',
      courtCaseReference: '3:26-cv-00412 (W.D. Wis.)',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().listings[0]).toMatchObject({
      status: 'removed',
      closingRule: 'notice.counter_answered',
    });
    h.clock.advance(30 * 86_400_000);
    expect((await processNoticeTimers(h.ctx)).reinstated).toEqual([]);
    expect(await visible(honey.productId)).toBe(404);
    expect(await activeEscrowFreezes(h.db.db, orderOnHoney)).toHaveLength(1);
    const frozen = await listQueue(h.db.db, h.clock, { queue: 'notices' });
    expect(frozen.find((i) => i.subjectKind === 'frozen_orders')?.subjectId).toBe(`${id}:${honey.productId}`);
    const strikes = (await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/strikes`)).json();
    expect(strikes).toMatchObject({ active: 1, activeSerious: 1, seriousToSuspend: 3 });
    expect(strikes.strikes[0]).toMatchObject({ noticeId: id, reasonCode: 'counterfeit', serious: true });
  });
});
