import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listQueue } from '../src/modules/trust/index.ts';
import { type ListedProduct, listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { noticeBody } from './support/notices.ts';

const MINUTE = 60_000;

/** Issue 4, trusted reporters: an accurate history lets a rights owner take listings down itself. */
describe('trusted reporters and the published figures', () => {
  let h: Heartland;
  let agent: Actor;
  let owner: Actor;
  let granted: Actor;
  let farm: { staff: Actor; sellerId: string };
  const listings: ListedProduct[] = [];
  const start = new Date('2026-11-24T00:00:00Z');

  const file = async (who: Actor, productId: string) => {
    const res = await who.post('/api/v1/notices', noticeBody([productId]));
    expect(res.statusCode).toBe(201);
    return res.json();
  };
  const decide = (noticeId: string, decision: 'uphold' | 'reject') =>
    agent.post(`/api/v1/trust/notices/${noticeId}/decision`, { decision, reason: 'Reviewed the evidence' });
  const queued = async (noticeId: string) =>
    (await listQueue(h.db.db, h.clock, { queue: 'notices' })).some((i) => i.subjectId === noticeId);

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@reporters.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@reporters.test', [{ role: 'trust_agent' }]);
    owner = await h.actor('brand@reporters.test', [{ role: 'brand_owner' }]);
    granted = await h.actor('granted@reporters.test', [{ role: 'brand_owner' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'copycat', legalName: 'Copycat Goods LLC' });
    for (let i = 0; i < 15; i++) {
      listings.push(
        await listProduct(farm.staff, farm.sellerId, {
          hsCode: '121120',
          en: `Lookalike ginseng ${i}`,
          priceUsd: 2_000,
          stock: 5,
          weightGrams: 100,
        }),
      );
    }
  });
  afterAll(() => h.close());

  it('after 10 upheld notices, the next notice takes its listing down at once', async () => {
    for (let i = 0; i < 10; i++) {
      const n = await file(owner, listings[i]!.productId);
      expect(n.trustedReporter).toBe(false);
      h.clock.advance(10 * MINUTE);
      expect((await decide(n.id, 'uphold')).statusCode).toBe(200);
    }
    const n = await file(owner, listings[10]!.productId);
    expect(n.trustedReporter).toBe(true);
    expect(n.listings[0]).toMatchObject({ status: 'taken_down', takedownRule: 'notice.trusted_reporter' });
    expect(await queued(n.id)).toBe(false);
    // An agent reverses it: 10 of 11 upheld, still at least 90%.
    expect((await decide(n.id, 'reject')).json().listings[0].status).toBe('reinstated');
    expect((await file(owner, listings[11]!.productId)).trustedReporter).toBe(true);
  });

  it('rejections that push accuracy under 90% drop the reporter: the next notice waits in the queue', async () => {
    const [trusted] = (await owner.get('/api/v1/notices?status=taken_down')).json().notices;
    expect(trusted.listings[0].productId).toBe(listings[11]!.productId);
    await decide(trusted.id, 'reject'); // 10 of 12: 83%
    const n = await file(owner, listings[12]!.productId);
    expect(n.trustedReporter).toBe(false);
    expect(n.listings[0].status).toBe('pending_review');
    expect(await queued(n.id)).toBe(true);
  });

  it('an agent may grant and revoke the tier explicitly', async () => {
    const path = `/api/v1/trust/reporters/${granted.userId}/tier`;
    expect((await owner.post(path, { trusted: true, reason: 'self-service' })).statusCode).toBe(403);
    const g = await agent.post(path, { trusted: true, reason: 'National brand with a legal team, vetted' });
    expect(g.json()).toMatchObject({ trusted: true, decided: 0, accuracy: null });
    const n = await file(granted, listings[13]!.productId);
    expect(n.listings[0].status).toBe('taken_down');
    await agent.post(path, { trusted: false, reason: 'Filed against genuine resellers' });
    expect((await file(granted, listings[14]!.productId)).listings[0].status).toBe('pending_review');
  });

  it('publishes the figures to anyone', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/trust/figures?from=${start.toISOString()}&to=${new Date(h.clock.now().getTime() + MINUTE).toISOString()}`,
    });
    expect(res.statusCode).toBe(200);
    // 10 agent takedowns 10 minutes after filing; 3 trusted takedowns at once → median 10 minutes.
    expect(res.json()).toMatchObject({
      removals: { total: 13, proactive: 0, onNotice: 13, proactiveShare: '0.0000' },
      medianMinutesToTakedown: '10.0',
      takedownsMeasured: 13,
      noticesUpheld: { upheld: 10, decided: 12, share: '0.8333' },
    });
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/trust/figures?from=2027-01-01&to=2026-01-01',
    });
    expect(bad.statusCode).toBe(400);
  });
});
