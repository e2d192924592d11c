import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction.ts';
import {
  expireAuthorizations,
  revokeBrandAuthorization,
} from '../src/flows/trust/brands/brand-authorization.ts';
import { getProduct, setTrustHold } from '../src/modules/catalog/index.ts';
import { scene } from '../src/modules/trust/fingerprints/test-images.ts';
import * as trust from '../src/modules/trust/index.ts';
import { type ListedProduct, listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file, formData } from './support/multipart.ts';

/** Issue 4, the brand registry: a brand is proven, then its owner alone says who may sell it. */
describe('brand registry and seller authorizations through the API', () => {
  let h: Heartland;
  let owner: Actor;
  let rival: Actor;
  let agent: Actor;
  let farm: { staff: Actor; sellerId: string };
  let other: { staff: Actor; sellerId: string };
  let brandId: string;

  const pdf = Buffer.from('%PDF-1.4\n% trademark registration certificate\n');
  const brandBody = {
    name: 'Marathon Root',
    terms: { en: ['Marathon Root'], 'zh-Hans': ['马拉松根'], 'zh-Hant': ['馬拉松根'] },
    trademark: {
      office: 'USPTO',
      registrationNumber: '7,123,456',
      classes: [5, 30],
      ownerName: 'Marathon Root LLC',
    },
  };
  const anon = (url: string) => h.app.inject({ method: 'GET', url });
  const visible = async (productId: string) => (await anon(`/api/v1/products/${productId}/raw`)).statusCode;
  const holdOf = async (productId: string) =>
    (await getProduct(h.ctx.db, productId, { includeHidden: true })).trustHold;
  // Titles that name no brand: the integrator's listing check is not under test here, so the
  // link it would write is written directly.
  const list = (en: string): Promise<ListedProduct> =>
    listProduct(farm.staff, farm.sellerId, {
      hsCode: '121120',
      en,
      priceUsd: 7_800,
      stock: 20,
      weightGrams: 160,
    });
  const link = (productId: string, sellerId = farm.sellerId) =>
    trust.linkListingToBrand(h.ctx.db, { brandId, sellerId, productId, matchedTerm: 'Marathon Root' });
  const authorize = (by: Actor, body: Record<string, unknown>) =>
    by.post(`/api/v1/brands/${brandId}/authorizations`, body);
  const revoke = (by: Actor, authorizationId: string) =>
    by.post(`/api/v1/brands/${brandId}/authorizations/${authorizationId}/revoke`, {
      reason: 'Contract ended',
    });

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    owner = await h.actor('owner@brands.test', [{ role: 'brand_owner' }]);
    rival = await h.actor('rival@brands.test', [{ role: 'brand_owner' }]);
    agent = await h.actor('agent@trust.test', [{ role: 'trust_agent' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'marathon', legalName: 'Marathon Ginseng LLC' });
    other = await onboardVerifiedSeller(h, admin, { key: 'other', legalName: 'Other Farm LLC' });
  });
  afterAll(() => h.close());

  it('registers a brand that a trust agent verifies on its documents', async () => {
    const res = await owner.post('/api/v1/brands', brandBody);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'pending',
      trademark: { office: 'USPTO', registrationNumber: '7123456', classes: [5, 30] },
      documents: [],
    });
    brandId = res.json().id;
    expect(brandId).toMatch(/^brd_[0-9a-f]{32}$/);

    // Pending: unknown to the public and to other brand owners, known to its owner and agents.
    expect((await anon(`/api/v1/brands/${brandId}`)).statusCode).toBe(404);
    expect((await rival.get(`/api/v1/brands/${brandId}`)).statusCode).toBe(404);
    expect((await agent.get(`/api/v1/brands/${brandId}`)).statusCode).toBe(200);
    const queue = await trust.listQueue(h.ctx.db, h.clock, { queue: 'brand_verifications' });
    expect(queue.map((q) => q.subjectId)).toContain(brandId);

    // The same trademark cannot be claimed twice.
    expect((await rival.post('/api/v1/brands', brandBody)).statusCode).toBe(409);

    const review = (decision: string) =>
      agent.post(`/api/v1/trust/brands/${brandId}/review`, {
        decision,
        reason: 'Registration checked on TSDR',
      });
    expect((await review('verify')).statusCode).toBe(422); // no documents yet
    const doc = () =>
      formData({ kind: 'trademark_certificate', file: file(pdf, 'reg-7123456.pdf', 'application/pdf') });
    expect((await rival.post(`/api/v1/brands/${brandId}/documents`, doc())).statusCode).toBe(403);
    const added = await owner.post(`/api/v1/brands/${brandId}/documents`, doc());
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      contentType: 'application/pdf',
      kind: 'trademark_certificate',
      fileName: 'reg-7123456.pdf',
    });

    const verified = await review('verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.json().status).toBe('verified');
    expect((await review('reject')).statusCode).toBe(409);
    expect((await trust.listDecisions(h.ctx.db, brandId)).at(-1)).toMatchObject({
      subjectKind: 'brand',
      decision: 'verified',
    });

    const pub = await anon(`/api/v1/brands/${brandId}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().documents).toBeUndefined();
    expect((await anon('/api/v1/brands')).json().brands.map((b: { id: string }) => b.id)).toEqual([brandId]);
    expect((await owner.get(`/api/v1/brands/${brandId}`)).json().documents).toHaveLength(1);
  });

  it('stores reference products with prices and fingerprints reference images', async () => {
    const ref = await owner.post(`/api/v1/brands/${brandId}/reference-products`, {
      name: 'Marathon Root ginseng, 4 oz',
      categorySlug: 'test-goods',
      referencePriceUsd: 8_900,
    });
    expect(ref.statusCode).toBe(201);
    expect(ref.json().referencePriceUsd).toEqual({ amount: 8_900, currency: 'USD' });
    const picture = await scene(7);
    const image = await owner.post(
      `/api/v1/brands/${brandId}/reference-images`,
      formData({ file: file(picture, 'root.png', 'image/png'), productRefId: ref.json().id }),
    );
    expect(image.statusCode).toBe(201);
    const imageRef = image.json().imageRef as string;
    expect(imageRef).toMatch(new RegExp(`^brand:${brandId}:[0-9a-f]{64}$`));
    expect(trust.brandIdOfReferenceImageRef(imageRef)).toBe(brandId);
    expect((await trust.verifiedBrandReferenceImageRefs(h.ctx.db)).has(imageRef)).toBe(true);
    const [product] = await trust.brandReferenceProducts(h.ctx.db, brandId);
    expect(product).toMatchObject({ referencePriceUsd: 8_900n, imageRefs: [imageRef] });

    const notImage = formData({ file: file(Buffer.from('just some text, not a picture'), 'root.png') });
    const refused = await owner.post(`/api/v1/brands/${brandId}/reference-images`, notImage);
    expect([refused.statusCode, refused.json().code]).toEqual([415, 'upload.unsupported_type']);
    const rivals = await rival.post(
      `/api/v1/brands/${brandId}/reference-images`,
      formData({ file: file(picture, 'root.png', 'image/png') }),
    );
    expect(rivals.statusCode).toBe(403);
  });

  it('refuses bad input with 400', async () => {
    const tm = brandBody.trademark;
    const bad = [
      await owner.post('/api/v1/brands', {
        ...brandBody,
        trademark: { ...tm, registrationNumber: '7000002', classes: [46] },
      }),
      await owner.post('/api/v1/brands', { ...brandBody, trademark: { ...tm, office: 'XIPO' } }),
      await owner.post('/api/v1/brands', { ...brandBody, trademark: { ...tm, registrationNumber: '12' } }),
      await authorize(owner, { sellerId: farm.sellerId, markets: ['XX'] }),
      await authorize(owner, { sellerId: farm.sellerId, validUntil: '2026-01-01T00:00:00Z' }),
      await authorize(owner, { sellerId: farm.sellerId, validUntil: 'next year' }),
      await authorize(owner, { sellerId: farm.sellerId, productIds: [`prd_${'0'.repeat(32)}`] }),
      await owner.post(
        `/api/v1/brands/${brandId}/documents`,
        formData({ kind: 'passport', file: file(pdf, 'x.pdf') }),
      ),
      await owner.post(
        `/api/v1/brands/${brandId}/reference-images`,
        formData({ file: file(await scene(8), 'x.png'), productRefId: 'brp_nope' }),
      ),
      await owner.post(`/api/v1/brands/${brandId}/reference-products`, {
        name: 'Free',
        referencePriceUsd: 0,
      }),
    ];
    expect(bad.map((r) => r.statusCode)).toEqual(bad.map(() => 400));
    expect((await owner.get('/api/v1/brands/brd_nope')).statusCode).toBe(400);
  });

  it('lets only the brand’s owner manage its authorizations', async () => {
    const body = { sellerId: farm.sellerId };
    expect((await authorize(rival, body)).statusCode).toBe(403); // another brand's owner
    expect((await authorize(farm.staff, body)).statusCode).toBe(403); // a seller
    expect((await authorize(agent, body)).statusCode).toBe(403); // a trust agent
    expect((await rival.get(`/api/v1/brands/${brandId}/authorizations`)).statusCode).toBe(403);
    expect((await farm.staff.get(`/api/v1/brands/${brandId}/authorizations`)).statusCode).toBe(403);

    const granted = await authorize(owner, body);
    expect(granted.statusCode).toBe(201);
    const id = granted.json().id;
    expect((await revoke(rival, id)).statusCode).toBe(403);
    expect((await revoke(farm.staff, id)).statusCode).toBe(403);
    expect((await agent.get(`/api/v1/brands/${brandId}/authorizations`)).json().authorizations).toHaveLength(
      1,
    );

    const mine = `/api/v1/sellers/${farm.sellerId}/brand-authorizations`;
    expect((await other.staff.get(mine)).statusCode).toBe(403);
    expect((await rival.get(mine)).statusCode).toBe(403);
    const seen = await farm.staff.get(mine);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().authorizations[0]).toMatchObject({ brandName: 'Marathon Root', active: true });
    expect((await agent.get(mine)).statusCode).toBe(200);
    expect((await revoke(owner, id)).statusCode).toBe(200);
  });

  it('hides a linked listing the moment its authorization is revoked', async () => {
    const granted = await authorize(owner, { sellerId: farm.sellerId });
    const ginseng = await list('American ginseng root, 4 oz');
    await link(ginseng.productId);
    expect(await visible(ginseng.productId)).toBe(200);

    const res = await revoke(owner, granted.json().id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      active: false,
      reason: 'Contract ended',
      hidden: [ginseng.productId],
    });
    expect(await visible(ginseng.productId)).toBe(404);
    expect(await holdOf(ginseng.productId)).toBe('unauthorized');
    expect((await trust.listDecisions(h.ctx.db, ginseng.productId)).at(-1)).toMatchObject({
      subjectKind: 'listing',
      decision: 'hidden',
      rule: 'brand.authorization_revoked',
    });
    expect((await revoke(owner, granted.json().id)).statusCode).toBe(409);

    // Authorized again, for this product in China only: published again.
    const again = await authorize(owner, {
      sellerId: farm.sellerId,
      productIds: [ginseng.productId],
      markets: ['CN'],
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().published).toEqual([ginseng.productId]);
    expect(await visible(ginseng.productId)).toBe(200);
    expect((await trust.listDecisions(h.ctx.db, ginseng.productId)).at(-1)).toMatchObject({
      decision: 'published',
      rule: 'brand.authorized',
    });

    // While a second authorization covers the listing, revoking one hides nothing.
    const wide = await authorize(owner, { sellerId: farm.sellerId });
    const partial = await revoke(owner, again.json().id);
    expect(partial.json().hidden).toEqual([]);
    expect(await visible(ginseng.productId)).toBe(200);
    await revoke(owner, wide.json().id);
    expect(await holdOf(ginseng.productId)).toBe('unauthorized');
  });

  it('hides the listing when its two authorizations are revoked at the same time', async () => {
    const cheese = await list('Ginseng cheddar, 8 oz');
    await link(cheese.productId);
    const a = (await authorize(owner, { sellerId: farm.sellerId })).json().id;
    const b = (await authorize(owner, { sellerId: farm.sellerId, productIds: [cheese.productId] })).json().id;
    expect(await visible(cheese.productId)).toBe(200);
    // A revokes `a` and stays open; B, revoking `b` meanwhile, must wait and then see `a` gone.
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const first = inTransaction(h.ctx.db, async (tx) => {
      await trust.revokeAuthorization(tx, h.clock, { authorizationId: a, actor: owner.userId, reason: 'x' });
      await gate;
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = revokeBrandAuthorization(h.ctx, {
      brandId,
      authorizationId: b,
      actor: owner.userId,
      reason: 'y',
    });
    await new Promise((r) => setTimeout(r, 200));
    release();
    await first;
    expect((await second).hidden).toContain(cheese.productId);
    expect(await holdOf(cheese.productId)).toBe('unauthorized');
  });

  it('publishes a listing held for review for lack of authorization, and no other held listing', async () => {
    const heldForBrand = await list('Ginseng slices, 2 oz');
    const heldForPrice = await list('Ginseng tea, 20 bags');
    for (const [p, rule] of [
      [heldForBrand, 'listing.brand_unauthorized'],
      [heldForPrice, 'listing.price_below_reference'],
    ] as const) {
      await link(p.productId);
      await setTrustHold(h.ctx.db, [p.productId], 'held_for_review');
      await trust.recordDecision(h.ctx.db, h.clock, {
        subjectKind: 'listing',
        subjectId: p.productId,
        sellerId: farm.sellerId,
        decision: 'held',
        rule,
        actor: 'system',
      });
    }
    const res = await authorize(owner, { sellerId: farm.sellerId });
    expect(res.json().published).toContain(heldForBrand.productId);
    expect(res.json().published).not.toContain(heldForPrice.productId);
    expect(await visible(heldForBrand.productId)).toBe(200);
    expect(await holdOf(heldForPrice.productId)).toBe('held_for_review');
    await revoke(owner, res.json().id);
    // Revocation hides held ones as unauthorized too; a takedown would be left as it is.
    expect(await holdOf(heldForPrice.productId)).toBe('unauthorized');
  });

  it('hides listings when an authorization runs out, once, on the timer', async () => {
    const honey = await list('Ginseng honey, 8 oz');
    await link(honey.productId);
    const until = new Date(h.clock.now().getTime() + 86_400_000).toISOString();
    const granted = await authorize(owner, { sellerId: farm.sellerId, validUntil: until });
    expect(granted.statusCode).toBe(201);
    expect(await visible(honey.productId)).toBe(200);
    expect((await expireAuthorizations(h.ctx)).expired).toEqual([]);

    h.clock.advanceDays(2);
    const run = await expireAuthorizations(h.ctx);
    expect(run.expired).toEqual([granted.json().id]);
    expect(run.hidden).toContain(honey.productId);
    expect(await visible(honey.productId)).toBe(404);
    expect((await trust.listDecisions(h.ctx.db, honey.productId)).at(-1)?.rule).toBe(
      'brand.authorization_expired',
    );
    expect(await expireAuthorizations(h.ctx)).toEqual({ expired: [], hidden: [] });
  });
});
