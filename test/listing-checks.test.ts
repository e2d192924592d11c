import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scene, watermark } from '../src/modules/trust/fingerprints/test-images.ts';
import { onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';
import { file, formData } from './support/multipart.ts';

/**
 * Issue 4, listing checks: a listing that names a registered brand without its authorization, uses
 * a brand's picture (as is, re-compressed, resized or watermarked), copies another seller's
 * picture, or prices a branded product far below the brand's reference is held for a trust agent;
 * an honest listing goes live. Every outcome is a decision naming its rule.
 */
describe('listing checks before a listing goes live', () => {
  let h: Heartland;
  let agent: Actor;
  let brandOwner: Actor;
  let reseller: { staff: Actor; sellerId: string }; // authorized by the brand
  let stranger: { staff: Actor; sellerId: string }; // not authorized
  let onlooker: { staff: Actor; sellerId: string };
  let brandImage: Buffer;
  let brandId: string;

  const upload = async (who: { staff: Actor; sellerId: string }, bytes: Buffer): Promise<string> => {
    const jpeg = await sharp(bytes).jpeg({ quality: 90 }).toBuffer();
    const res = await who.staff.post(
      `/api/v1/sellers/${who.sellerId}/images`,
      formData({ file: file(jpeg, 'listing.jpg', 'image/jpeg') }),
    );
    expect(res.statusCode, res.body).toBe(201);
    return res.json().url as string;
  };

  const list = async (
    who: { staff: Actor; sellerId: string },
    input: { en: string; zhHans?: string; imageUrl?: string; priceUsd?: number; brand?: string },
  ) => {
    const t = (title: string) => ({ title, description: `${title}.` });
    const res = await who.staff.post(`/api/v1/sellers/${who.sellerId}/products`, {
      kind: 'goods',
      categorySlug: 'test-goods',
      originState: 'WI',
      hsCode: '121120',
      status: 'active',
      ...(input.brand ? { brand: input.brand } : {}),
      translations: { en: t(input.en), ...(input.zhHans ? { 'zh-Hans': t(input.zhHans) } : {}) },
      images: input.imageUrl ? [{ url: input.imageUrl, alt: input.en }] : [],
      variants: [
        {
          sku: `SKU-${Math.random().toString(36).slice(2, 10)}`,
          priceUsd: input.priceUsd ?? 7_800,
          stock: 10,
          weightGrams: 150,
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; visible: boolean; trustHold: string | null };
  };

  const decisionsOf = async (productId: string) =>
    (await agent.get(`/api/v1/trust/listings/${productId}/decisions`)).json().decisions as {
      decision: string;
      rule: string;
      detail: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    agent = await h.actor('agent@heartland.test', [{ role: 'trust_agent' }]);
    brandOwner = await h.actor('owner@marathonroot.test', [{ role: 'brand_owner' }]);
    reseller = await onboardVerifiedSeller(h, admin, { key: 'reseller', legalName: 'Authorized Roots LLC' });
    stranger = await onboardVerifiedSeller(h, admin, {
      key: 'stranger',
      legalName: 'Best Deals Trading LLC',
    });
    onlooker = await onboardVerifiedSeller(h, admin, { key: 'onlooker', legalName: 'Onlooker Farm LLC' });

    const brand = await brandOwner.post('/api/v1/brands', {
      name: 'Marathon Root',
      terms: { en: ['Marathon Root'], 'zh-Hans': ['马拉松根'], 'zh-Hant': ['馬拉松根'] },
      trademark: {
        office: 'USPTO',
        registrationNumber: '5123456',
        classes: [5, 30],
        ownerName: 'Marathon Root Inc.',
      },
    });
    expect(brand.statusCode, brand.body).toBe(201);
    brandId = brand.json().id as string;
    const certificate = await brandOwner.post(
      `/api/v1/brands/${brandId}/documents`,
      formData({
        kind: 'trademark_certificate',
        file: file(Buffer.from('%PDF-1.4 registration certificate'), 'uspto-5123456.pdf'),
      }),
    );
    expect(certificate.statusCode, certificate.body).toBe(201);
    const review = await agent.post(`/api/v1/trust/brands/${brandId}/review`, {
      decision: 'verify',
      reason: 'USPTO record matches the certificate',
    });
    expect(review.statusCode, review.body).toBe(200);
    brandImage = await scene(4242);
    const ref = await brandOwner.post(
      `/api/v1/brands/${brandId}/reference-images`,
      formData({ file: file(brandImage, 'reference.png', 'image/png') }),
    );
    expect(ref.statusCode, ref.body).toBe(201);
    const refProduct = await brandOwner.post(`/api/v1/brands/${brandId}/reference-products`, {
      name: 'Marathon Root ginseng, 4 oz',
      categorySlug: 'test-goods',
      referencePriceUsd: 8_000,
    });
    expect(refProduct.statusCode, refProduct.body).toBe(201);
    const auth = await brandOwner.post(`/api/v1/brands/${brandId}/authorizations`, {
      sellerId: reseller.sellerId,
    });
    expect(auth.statusCode, auth.body).toBe(201);
  });
  afterAll(() => h.close());

  it('holds a listing naming the brand, in English or in Chinese, from a seller it has not authorized', async () => {
    const english = await list(stranger, { en: 'Marathon Root ginseng roots, 4 oz' });
    expect(english).toMatchObject({ visible: false, trustHold: 'held_for_review' });
    expect((await h.app.inject({ method: 'GET', url: `/api/v1/products/${english.id}` })).statusCode).toBe(
      404,
    );
    expect((await decisionsOf(english.id)).at(-1)).toMatchObject({
      decision: 'held',
      rule: 'listing.brand_unauthorized',
    });
    const chinese = await list(stranger, { en: 'Wisconsin ginseng, 4 oz', zhHans: '马拉松根 花旗参 4盎司' });
    expect(chinese.trustHold).toBe('held_for_review');

    const queue = (await agent.get('/api/v1/trust/queues/held_listings')).json().items as {
      subjectId: string;
    }[];
    expect(queue.map((i) => i.subjectId)).toEqual(expect.arrayContaining([english.id, chinese.id]));
  });

  it('publishes the same listing from the authorized reseller, with the brand’s own picture', async () => {
    const url = await upload(reseller, brandImage);
    const listing = await list(reseller, {
      en: 'Marathon Root ginseng roots, 4 oz',
      imageUrl: url,
      priceUsd: 7_800,
    });
    expect(listing).toMatchObject({ visible: true, trustHold: null });
    expect((await decisionsOf(listing.id)).at(-1)).toMatchObject({
      decision: 'published',
      rule: 'listing.checks_passed',
    });
  });

  it('flags a branded product priced below half the brand’s reference price, even from the reseller', async () => {
    const cheap = await list(reseller, { en: 'Marathon Root ginseng roots, 4 oz', priceUsd: 3_999 });
    expect(cheap.trustHold).toBe('held_for_review');
    const [finding] = (await decisionsOf(cheap.id)).at(-1)!.detail.findings as { rule: string }[];
    expect(finding).toMatchObject({ rule: 'listing.price_below_reference' });
    // Exactly half is not "below half".
    expect((await list(reseller, { en: 'Marathon Root ginseng roots, 4 oz', priceUsd: 4_000 })).visible).toBe(
      true,
    );
  });

  it.each([
    ['the brand image as is', (b: Buffer) => Promise.resolve(b)],
    ['re-compressed at JPEG quality 30', (b: Buffer) => sharp(b).jpeg({ quality: 30 }).toBuffer()],
    ['resized to half', (b: Buffer) => sharp(b).resize(320).toBuffer()],
    ['watermarked', (b: Buffer) => watermark(b)],
  ])('holds an unbranded listing whose picture is %s', async (_, derive) => {
    const url = await upload(stranger, await derive(brandImage));
    const listing = await list(stranger, { en: 'Premium ginseng roots, 4 oz', imageUrl: url });
    expect(listing.trustHold).toBe('held_for_review');
    const last = (await decisionsOf(listing.id)).at(-1)!;
    expect(last.rule).toBe('listing.image_matches_brand_reference');
  });

  it('publishes a listing with an unrelated picture', async () => {
    const url = await upload(stranger, await scene(77));
    const listing = await list(stranger, { en: 'Wild-simulated ginseng, 2 oz', imageUrl: url });
    expect(listing).toMatchObject({ visible: true, trustHold: null });
  });

  it('holds a copy of another seller’s earlier picture, and leaves the original alone', async () => {
    const original = await list(onlooker, {
      en: 'Maple syrup, 1 quart',
      imageUrl: await upload(onlooker, await scene(9)),
    });
    expect(original.visible).toBe(true);
    const copyBytes = await sharp(await scene(9))
      .jpeg({ quality: 35 })
      .toBuffer();
    const copy = await list(stranger, {
      en: 'Maple syrup, 32 oz',
      imageUrl: await upload(stranger, copyBytes),
    });
    expect(copy.trustHold).toBe('held_for_review');
    const last = (await decisionsOf(copy.id)).at(-1)!;
    expect(last).toMatchObject({ rule: 'listing.image_copied_from_other_seller' });
    expect(last.detail.findings).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ otherListingId: original.id }) }),
    ]);
    expect((await decisionsOf(original.id)).at(-1)).toMatchObject({ decision: 'published' });
  });

  it('lets an agent publish or remove a held listing; only its seller and agents read its decisions', async () => {
    const a = await list(stranger, { en: 'Marathon Root compatible gift box' });
    const b = await list(stranger, { en: 'Marathon Root ginseng, 8 oz' });
    const publish = await agent.post(`/api/v1/trust/listings/${a.id}/decision`, {
      decision: 'publish',
      reason: 'A gift box sold empty; the brand is named to say what fits.',
    });
    expect(publish.json()).toMatchObject({ visible: true, trustHold: null });
    const remove = await agent.post(`/api/v1/trust/listings/${b.id}/decision`, {
      decision: 'remove',
      reason: 'No authorization and no proof of genuine stock.',
    });
    expect(remove.json()).toMatchObject({ visible: false, trustHold: 'taken_down' });
    expect(
      (await agent.post(`/api/v1/trust/listings/${b.id}/decision`, { decision: 'publish', reason: 'again' }))
        .statusCode,
    ).toBe(409);
    expect((await decisionsOf(b.id)).map((d) => [d.decision, d.rule])).toEqual([
      ['held', 'listing.brand_unauthorized'],
      ['removed', 'agent.review_removed'],
    ]);
    expect((await stranger.staff.get(`/api/v1/trust/listings/${b.id}/decisions`)).statusCode).toBe(200);
    expect((await onlooker.staff.get(`/api/v1/trust/listings/${b.id}/decisions`)).statusCode).toBe(403);
    expect(
      (
        await stranger.staff.post(`/api/v1/trust/listings/${b.id}/decision`, {
          decision: 'publish',
          reason: 'mine',
        })
      ).statusCode,
    ).toBe(403);
    const closed = (await agent.get('/api/v1/trust/queues/held_listings?state=closed')).json().items as {
      subjectId: string;
      outcome: string;
    }[];
    expect(closed.find((i) => i.subjectId === b.id)?.outcome).toBe('removed');
  });

  it('sells a branded listing only in the markets its authorization names', async () => {
    const admin = await h.actor('admin2@heartland.test', [{ role: 'platform_admin' }]);
    const regional = await onboardVerifiedSeller(h, admin, {
      key: 'regional',
      legalName: 'Japan Roots Distributor LLC',
    });
    const brandId =
      (await h.app.inject({ method: 'GET', url: '/api/v1/brands' })).json().brands?.[0]?.id ??
      (await h.app.inject({ method: 'GET', url: '/api/v1/brands' })).json()[0].id;
    const auth = await brandOwner.post(`/api/v1/brands/${brandId}/authorizations`, {
      sellerId: regional.sellerId,
      markets: ['JP'],
    });
    expect(auth.statusCode, auth.body).toBe(201);
    const listing = await list(regional, { en: 'Marathon Root ginseng roots, 4 oz' });
    expect(listing.visible).toBe(true);
    const page = (market: string) =>
      h.app.inject({ method: 'GET', url: `/api/v1/storefront/products/${listing.id}?market=${market}` });
    expect((await page('JP')).statusCode).toBe(200);
    const cn = await page('CN');
    expect(cn.statusCode).toBe(404);
    expect(cn.json().code).toBe('storefront.not_available_in_market');

    const buyer = await h.actor('buyer@shanghai.test', [{ role: 'buyer' }]);
    const variantId = (
      await h.app.inject({ method: 'GET', url: `/api/v1/storefront/products/${listing.id}?market=JP` })
    ).json().variants[0].id;
    const quote = await buyer.post('/api/v1/checkout/quotes', {
      market: 'CN',
      shippingMethod: 'express',
      lines: [{ variantId, quantity: 1 }],
    });
    expect(quote.statusCode).toBe(422);
    expect(quote.json()).toMatchObject({ code: 'trust.brand_not_authorized_in_market', brandId });
    const jp = await buyer.post('/api/v1/checkout/quotes', {
      market: 'JP',
      shippingMethod: 'express',
      lines: [{ variantId, quantity: 1 }],
    });
    expect(jp.statusCode, jp.body).toBe(201);
  });
});
