import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/** What the trust console's brand case reads beyond the brand itself: its owner's other brands. */
describe('a brand case: the owner’s other brands', () => {
  let h: Heartland;
  let owner: Actor;
  let rival: Actor;
  let agent: Actor;
  let admin: Actor;
  const register = async (by: Actor, name: string, registrationNumber: string) => {
    const res = await by.post('/api/v1/brands', {
      name,
      terms: { en: [name] },
      trademark: { office: 'USPTO', registrationNumber, classes: [30], ownerName: `${name} LLC` },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const ownerBrands = (by: Actor, brandId: string) => by.get(`/api/v1/trust/brands/${brandId}/owner-brands`);

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@brand-case.test', [{ role: 'platform_admin' }]);
    owner = await h.actor('owner@brand-case.test', [{ role: 'brand_owner' }]);
    rival = await h.actor('rival@brand-case.test', [{ role: 'brand_owner' }]);
    agent = await h.actor('agent@brand-case.test', [{ role: 'trust_agent' }]);
  });
  afterAll(() => h.close());

  it('lists the owner’s other brands, pending and rejected too, never the rival’s', async () => {
    const first = await register(owner, 'Prairie Kettle', '6001001');
    const second = await register(owner, 'Prairie Kettle Gold', '6001002');
    const rejected = await register(owner, 'Kettle Prairie', '6001003');
    const theirs = await register(rival, 'Ridge Jerky', '6001004');
    const decided = await agent.post(`/api/v1/trust/brands/${rejected}/review`, {
      decision: 'reject',
      reason: 'The certificate names another owner.',
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const res = await ownerBrands(agent, first);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { ownerUserId: string; brands: { id: string; status: string }[] };
    expect(body.ownerUserId).toBe(owner.userId);
    expect(body.brands.map((b) => [b.id, b.status]).sort()).toEqual(
      [
        [second, 'pending'],
        [rejected, 'rejected'],
      ].sort(),
    );
    expect(body.brands.map((b) => b.id)).not.toContain(theirs);
    expect((await ownerBrands(admin, theirs)).json().brands).toEqual([]);
  });

  it('is for trust agents and admins only; a bad or unknown id is a problem', async () => {
    const brandId = await register(owner, 'Loess Hills Honey', '6001005');
    expect((await ownerBrands(owner, brandId)).statusCode).toBe(403);
    expect((await ownerBrands(rival, brandId)).statusCode).toBe(403);
    const anon = await h.app.inject({ method: 'GET', url: `/api/v1/trust/brands/${brandId}/owner-brands` });
    expect(anon.statusCode).toBe(401);
    const bad = await ownerBrands(agent, 'brd_nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await ownerBrands(agent, `brd_${'0'.repeat(32)}`)).statusCode).toBe(404);
  });
});
