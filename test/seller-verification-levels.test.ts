import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDecisions, listQueue } from '../src/modules/trust/index.ts';
import { onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file, formData } from './support/multipart.ts';

/** Verification levels: evidence in, an agent's decision, the level and badges out. */
describe('seller verification levels', () => {
  let h: Heartland;
  let admin: Actor;
  let agent: Actor;
  let buyer: Actor;
  let farm: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };

  beforeAll(async () => {
    h = await startHeartland();
    admin = await h.actor('admin@levels.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@levels.test', [{ role: 'trust_agent' }]);
    buyer = await h.actor('buyer@levels.test', [{ role: 'buyer' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'levels-farm',
      legalName: 'Hilltop Ginseng',
      documents: false,
    });
    other = await onboardVerifiedSeller(h, admin, {
      key: 'levels-other',
      legalName: 'Prairie Mills',
      isFarm: false,
      documents: false,
    });
  });
  afterAll(() => h.close());

  const itemsUrl = () => `/api/v1/sellers/${farm.sellerId}/verification/items`;
  /** Evidence with a scan goes as multipart/form-data; the rest as JSON. */
  const submit = (evidence: Record<string, unknown>) =>
    farm.staff.post(itemsUrl(), evidence.document ? formData(evidence) : evidence);
  const decide = (itemId: string, decision: 'approve' | 'reject', by: Actor = agent) =>
    by.post(`/api/v1/trust/seller-verification/${itemId}/decision`, {
      decision,
      reason: 'Checked against the state registry.',
    });
  const standing = async () => (await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/verification`)).json();

  const registration = {
    kind: 'business_registration',
    stateOfRegistration: 'WI',
    entityNumber: 'H012345',
    document: { content: file(Buffer.from('%PDF-1.4 articles'), 'articles.pdf', 'application/pdf') },
  };
  const address = {
    kind: 'business_address',
    street: '4120 County Rd N',
    city: 'Wausau',
    state: 'WI',
    zip: '54401',
  };
  const bank = {
    kind: 'bank_account',
    holderName: 'Hilltop Ginseng LLC',
    routingNumber: '011000015',
    accountNumber: '9876543210',
    accountType: 'checking',
  };

  it('lets only the seller’s own staff submit, and only staff, agents and admins read', async () => {
    expect((await other.staff.post(itemsUrl(), address)).statusCode).toBe(403);
    expect((await buyer.post(itemsUrl(), address)).statusCode).toBe(403);
    expect((await agent.post(itemsUrl(), address)).statusCode).toBe(403);
    expect((await other.staff.get(`/api/v1/sellers/${farm.sellerId}/verification`)).statusCode).toBe(403);
    expect((await buyer.get(`/api/v1/sellers/${farm.sellerId}/verification`)).statusCode).toBe(403);
    expect((await agent.get(`/api/v1/sellers/${farm.sellerId}/verification`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/sellers/${farm.sellerId}/verification`)).statusCode).toBe(200);
    expect(
      (
        await other.staff.post(
          '/api/v1/trust/seller-verification/svi_0123456789abcdef0123456789abcdef/decision',
          { decision: 'approve', reason: 'x' },
        )
      ).statusCode,
    ).toBe(403);
    expect((await submit({ ...bank, routingNumber: '011000016' })).statusCode).toBe(400);
    expect((await submit({ ...address, zip: '5440' })).statusCode).toBe(400);
    const tooBig = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024, 0x20)]);
    const big = await submit({ ...registration, document: { content: file(tooBig, 'scan.pdf') } });
    expect([big.statusCode, big.json().code]).toEqual([413, 'upload.too_large']);
  });

  it('climbs the levels as an agent approves each piece of evidence, listing what is missing', async () => {
    const start = await standing();
    expect(start.level).toBe(0);
    expect(start.missing).toEqual(['business_registration']);
    expect(start.progress.find((p: { code: string }) => p.code === 'verified_farm').missing).toEqual([
      'farm_document',
    ]);

    const reg = await submit(registration);
    expect(reg.statusCode).toBe(201);
    expect(reg.json().status).toBe('pending');
    expect((await submit(registration)).statusCode).toBe(409); // one pending item per kind
    const queue = await listQueue(h.db.db, h.clock, {
      queue: 'seller_verifications',
      sellerId: farm.sellerId,
    });
    expect(queue.map((q) => q.subjectId)).toEqual([reg.json().id]);
    expect((await standing()).level).toBe(0); // pending evidence does not count

    const insider = await h.actor('insider@levels.test', [
      { role: 'trust_agent' },
      { role: 'seller_staff', scopeId: farm.sellerId },
    ]);
    expect((await decide(reg.json().id, 'approve', insider)).statusCode).toBe(403);
    expect((await decide(reg.json().id, 'approve')).statusCode).toBe(200);
    expect((await decide(reg.json().id, 'reject')).statusCode).toBe(409);
    expect(
      await listQueue(h.db.db, h.clock, { queue: 'seller_verifications', sellerId: farm.sellerId }),
    ).toEqual([]);
    const decisions = await listDecisions(h.db.db, farm.sellerId);
    expect(decisions.at(-1)).toMatchObject({
      subjectKind: 'seller',
      decision: 'verification_approved',
      rule: 'seller_verification.business_registration',
    });
    let s = await standing();
    expect([s.level, s.levelCode, s.missing]).toEqual([1, 'business_verified', ['business_address']]);

    const addr = await submit(address);
    await decide(addr.json().id, 'reject');
    expect((await standing()).level).toBe(1);
    await decide((await submit(address)).json().id, 'approve');
    s = await standing();
    expect([s.level, s.missing]).toEqual([2, ['bank_account']]);

    const acct = await submit(bank);
    expect(acct.json().details).toEqual({
      holderName: 'Hilltop Ginseng LLC',
      routingNumber: '011000015',
      accountType: 'checking',
      accountLast4: '3210',
    });
    expect(acct.body).not.toContain('9876543210');
    await decide(acct.json().id, 'approve');
    s = await standing();
    expect([s.level, s.levelCode, s.missing, s.badges]).toEqual([
      3,
      'payout_verified',
      [],
      ['payout_verified'],
    ]);
  });

  it('shows the farm badge for an organic certificate until it expires', async () => {
    const organic = await submit({
      kind: 'farm_document',
      documentKind: 'usda_organic_certificate',
      number: 'MOSA-2026-118',
      certifier: 'MOSA',
      expiresOn: '2027-01-31',
    });
    expect(organic.statusCode).toBe(201);
    await decide(organic.json().id, 'approve');
    const zh = await h.app.inject({ url: `/api/v1/sellers/${farm.sellerId}/badges?locale=zh-Hans` });
    expect(zh.json()).toEqual({
      sellerId: farm.sellerId,
      level: 3,
      badges: [
        { code: 'payout_verified', label: '全面认证卖家' },
        { code: 'verified_farm', label: '认证美国农场' },
      ],
    });
    h.clock.set('2027-02-01T12:00:00Z');
    const later = await h.app.inject({ url: `/api/v1/sellers/${farm.sellerId}/badges` });
    expect(later.json().badges.map((b: { code: string }) => b.code)).toEqual(['payout_verified']);
    expect(
      (await h.app.inject({ url: `/api/v1/sellers/${other.sellerId}/badges?locale=ko` })).json(),
    ).toEqual({
      sellerId: other.sellerId,
      level: 0,
      badges: [],
    });
  });
});
