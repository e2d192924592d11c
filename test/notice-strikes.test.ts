import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processNoticeTimers } from '../src/flows/trust/notices/notice-timers.ts';
import { getSeller } from '../src/modules/sellers/index.ts';
import { listDecisions } from '../src/modules/trust/index.ts';
import { type ListedProduct, listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { counterBody, upheldNotice } from './support/notices.ts';

const DAY = 86_400_000;
const copyright = {
  rights: {
    kind: 'copyright',
    office: 'US Copyright Office',
    registrationNumber: 'VA0002345678',
    ownerName: 'Prairie Photo Co.',
  },
  reasonCode: 'copyright_image',
};

/** Issue 4, repeat infringers: strikes count for 365 days; three serious ones suspend the seller. */
describe('strikes and suspension', () => {
  let h: Heartland;
  let agent: Actor;
  let owner: Actor;
  let farm: { staff: Actor; sellerId: string };
  let late: { staff: Actor; sellerId: string };
  const listings: ListedProduct[] = [];
  const lateListings: ListedProduct[] = [];

  const strikes = async (s: { staff: Actor; sellerId: string }) =>
    (await s.staff.get(`/api/v1/sellers/${s.sellerId}/strikes`)).json();
  const visible = async (productId: string) =>
    (await h.app.inject({ method: 'GET', url: `/api/v1/products/${productId}/raw` })).statusCode;

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@strikes.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@strikes.test', [{ role: 'trust_agent' }]);
    owner = await h.actor('brand@strikes.test', [{ role: 'brand_owner' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'ozark', legalName: 'Ozark Roots LLC' });
    late = await onboardVerifiedSeller(h, admin, { key: 'slow', legalName: 'Slow Creek Farm LLC' });
    for (let i = 0; i < 5; i++) {
      const input = { hsCode: '121120', en: `Root lot ${i}`, priceUsd: 3_000, stock: 5, weightGrams: 100 };
      listings.push(await listProduct(farm.staff, farm.sellerId, input));
      if (i < 3) lateListings.push(await listProduct(late.staff, late.sellerId, input));
    }
  });
  afterAll(() => h.close());

  let firstNotice: string;

  it('an uncontested takedown becomes a removal after 14 days; a strike is serious per its reason', async () => {
    firstNotice = await upheldNotice(owner, agent, [listings[0]!.productId]);
    await upheldNotice(owner, agent, [listings[1]!.productId]);
    await upheldNotice(owner, agent, [listings[2]!.productId], copyright);
    h.clock.advance(13 * DAY);
    expect((await processNoticeTimers(h.ctx)).removed).toEqual([]);
    h.clock.advance(1 * DAY + 60_000);
    expect((await processNoticeTimers(h.ctx)).removed).toHaveLength(3);
    // Too late to counter-notify now.
    const late = await farm.staff.post(
      `/api/v1/notices/${firstNotice}/listings/${listings[0]!.productId}/counter-notice`,
      counterBody,
    );
    expect(late.statusCode).toBe(409);
    expect(await strikes(farm)).toMatchObject({ active: 3, activeSerious: 2 });
    expect((await getSeller(h.db.db, farm.sellerId)).state).toBe('verified');
    expect(await visible(listings[4]!.productId)).toBe(200);
  });

  it('the third serious strike suspends the seller and hides all its listings', async () => {
    const id = await upheldNotice(owner, agent, [listings[3]!.productId], { reasonCode: 'trademark_misuse' });
    const path = `/api/v1/notices/${id}/listings/${listings[3]!.productId}`;
    expect((await farm.staff.post(`${path}/counter-notice`, counterBody)).statusCode).toBe(201);
    const answered = await owner.post(`${path}/answer`, {
      outcome: 'action_filed',
      courtCaseReference: '2:26-cv-00077 (W.D. Mo.)',
    });
    expect(answered.statusCode).toBe(200);
    expect(await strikes(farm)).toMatchObject({ active: 4, activeSerious: 3 });
    expect((await getSeller(h.db.db, farm.sellerId)).state).toBe('suspended');
    expect(await visible(listings[4]!.productId)).toBe(404);
    const decisions = await listDecisions(h.db.db, farm.sellerId);
    expect(decisions).toEqual([
      expect.objectContaining({ decision: 'suspended', rule: 'strikes.three_serious', actor: 'system' }),
    ]);
  });

  it('a strike is withdrawn when its listing is reinstated', async () => {
    const res = await agent.post(`/api/v1/trust/notices/${firstNotice}/decision`, {
      decision: 'reject',
      reason: 'The court found the goods genuine.',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().listings[0]).toMatchObject({
      status: 'reinstated',
      closingRule: 'notice.agent_rejected',
    });
    const s = await strikes(farm);
    expect(s).toMatchObject({ active: 3, activeSerious: 2 });
    expect(
      s.strikes.find((x: { noticeId: string }) => x.noticeId === firstNotice).withdrawnAt,
    ).not.toBeNull();
    // Suspension is not undone by itself: an agent reinstates the seller.
    expect((await getSeller(h.db.db, farm.sellerId)).state).toBe('suspended');
  });

  it('strikes older than 365 days do not count', async () => {
    await upheldNotice(owner, agent, [lateListings[0]!.productId]);
    await upheldNotice(owner, agent, [lateListings[1]!.productId]);
    h.clock.advance(15 * DAY);
    expect((await processNoticeTimers(h.ctx)).removed).toHaveLength(2);
    expect(await strikes(late)).toMatchObject({ active: 2, activeSerious: 2 });
    h.clock.advance(366 * DAY);
    expect(await strikes(late)).toMatchObject({ active: 0, activeSerious: 0 });
    await upheldNotice(owner, agent, [lateListings[2]!.productId]);
    h.clock.advance(15 * DAY);
    expect((await processNoticeTimers(h.ctx)).removed).toHaveLength(1);
    const s = await strikes(late);
    expect(s).toMatchObject({ active: 1, activeSerious: 1 });
    expect(s.strikes).toHaveLength(3);
    expect((await getSeller(h.db.db, late.sellerId)).state).toBe('verified');
  });
});
