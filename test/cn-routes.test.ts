import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncListingIndex } from '../src/flows/listings/sync-listing-eligibility.ts';
import { placeBody } from './support/addresses.ts';
import {
  type ListedProduct,
  listProduct,
  onboardVerifiedSeller,
  registerViaApi,
} from './support/fixtures.ts';
import { type Actor, expectLedgerSound, type Heartland, startHeartland } from './support/heartland.ts';

/**
 * Mainland China's three consumer routes through the real checkout (reference §1, §2): courier
 * parcels from the US clear as cross-border direct purchase (9610), bonded-zone stock as bonded
 * online purchase (1210), and surface mail as personal postal articles (行邮).
 */
describe('China routes at checkout', () => {
  let h: Heartland;
  let seller: { staff: Actor; sellerId: string };
  let fromUs: ListedProduct;
  let bonded: ListedProduct;
  let buyer: Actor;

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    seller = await onboardVerifiedSeller(h, admin, {
      key: 'canvas',
      legalName: 'Duluth Canvas Works',
      isFarm: false,
    });
    // Canvas bags (4202.92) are on the Positive List and need no documents.
    fromUs = await listProduct(seller.staff, seller.sellerId, {
      hsCode: '420292',
      en: 'Waxed canvas tote',
      priceUsd: 6_000,
      stock: 50,
      weightGrams: 600,
    });
    bonded = await listProduct(seller.staff, seller.sellerId, {
      hsCode: '420292',
      en: 'Waxed canvas tote (Ningbo bonded stock)',
      priceUsd: 6_000,
      stock: 50,
      weightGrams: 600,
      fulfilledFrom: 'CN_BONDED',
    });
    buyer = await registerViaApi(h, 'zhao.min@buyers.test', '赵敏');
    const id = await buyer.put('/api/v1/me/buyer-identities/CN', {
      realName: '赵敏',
      idNumber: '11010519491231002X',
    });
    expect(id.statusCode).toBe(200);
  });
  afterAll(() => h.close());

  const quote = (who: Actor, market: string, shippingMethod: string, variantIds: string[]) =>
    who.post('/api/v1/checkout/quotes', {
      market,
      shippingMethod,
      lines: variantIds.map((variantId) => ({ variantId, quantity: 1 })),
    });

  it('splits US and bonded stock into two parcels: 9610 by courier, 1210 delivered within China', async () => {
    const res = await quote(buyer, 'CN', 'express', [fromUs.variantIds[0]!, bonded.variantIds[0]!]);
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q.orders.map((o: { regime: string }) => o.regime)).toEqual(['CN_CBEC_9610', 'CN_CBEC_1210']);
    const [us, cn] = q.orders;
    // Same goods, same rate: the same 9.1% CBEC tax rate, but the bonded parcel's freight is the
    // domestic card's (600 g → the 1 kg band: US$4.00) instead of the US courier's (US$36.00).
    expect(us.shippingUsd.amount).toBe(3_600);
    expect(cn.shippingUsd.amount).toBe(400);
    expect(cn.rules.some((r: { ruleId: string }) => r.ruleId === 'CN_BONDED-CN.express.upto_1000g')).toBe(
      true,
    );
    for (const o of q.orders) {
      expect(o.lines[0].duty.amount).toBe(0);
      // VAT 13% × 70% on (price + freight), rounded once, half to even.
      expect(o.lines[0].importVat.amount).toBe(Math.round((o.dutiableValue.amount * 91) / 1000));
    }

    const placed = await buyer.post(`/api/v1/checkout/quotes/${q.id}/place`, placeBody('CN'));
    expect(placed.statusCode).toBe(201);
    const allowance = (await buyer.get('/api/v1/me/cn-allowance')).json();
    expect(allowance.used.amount).toBe(us.dutiableValue.amount + cn.dutiableValue.amount);
    await h.settle(1000);
    await expectLedgerSound(h.db);
  });

  it('sends surface mail as personal postal articles: 20% on the price, no allowance, no ID needed', async () => {
    const before = (await buyer.get('/api/v1/me/cn-allowance')).json().used.amount;
    const res = await quote(buyer, 'CN', 'surface', [fromUs.variantIds[0]!]);
    expect(res.statusCode).toBe(201);
    const o = res.json().orders[0];
    expect(o.regime).toMatch(/^CN_POSTAL/);
    // A bag is category 2 (20%, reference §2): US$60.00 at the quote's rate; freight is not taxed.
    const tax = o.lines[0].duty.amount + o.lines[0].importVat.amount + o.lines[0].consumptionTax.amount;
    expect(o.lines[0].duty.amount).toBe(tax);
    expect(tax).toBe(Math.round(o.lines[0].goods.amount * 0.2));
    // Above the CNY 50 waiver: it is charged.
    expect(tax).toBeGreaterThan(5_000);
    const placed = await buyer.post(`/api/v1/checkout/quotes/${res.json().id}/place`, placeBody('CN'));
    expect(placed.statusCode).toBe(201);
    expect((await buyer.get('/api/v1/me/cn-allowance')).json().used.amount).toBe(before);

    // A buyer who never gave a real-name identity may still receive a postal parcel, not a CBEC one.
    const anonymous = await registerViaApi(h, 'no.id@buyers.test', 'Lin');
    const postal = await quote(anonymous, 'CN', 'surface', [fromUs.variantIds[0]!]);
    expect(
      (await anonymous.post(`/api/v1/checkout/quotes/${postal.json().id}/place`, placeBody('CN'))).statusCode,
    ).toBe(201);
    const cbec = await quote(anonymous, 'CN', 'express', [fromUs.variantIds[0]!]);
    const refused = await anonymous.post(`/api/v1/checkout/quotes/${cbec.json().id}/place`, placeBody('CN'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('orders.buyer_identity_required');
  });

  it('shows bonded-zone stock only to mainland China, and refuses it elsewhere', async () => {
    await syncListingIndex(h.ctx);
    const found = async (market: string) =>
      (await buyer.get(`/api/v1/search?q=${encodeURIComponent('canvas tote')}&locale=en&market=${market}`))
        .json()
        .hits.map((x: { productId: string }) => x.productId);
    expect(await found('CN')).toEqual(expect.arrayContaining([fromUs.productId, bonded.productId]));
    const hk = await found('HK');
    expect(hk).toContain(fromUs.productId);
    expect(hk).not.toContain(bonded.productId);

    const res = await quote(buyer, 'HK', 'express', [bonded.variantIds[0]!]);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('orders.bonded_stock_cn_only');
  });

  it('refuses a bonded service listing at creation', async () => {
    const res = await seller.staff.post(`/api/v1/sellers/${seller.sellerId}/products`, {
      kind: 'service',
      categorySlug: 'test-goods',
      originState: 'WI',
      hsCode: null,
      status: 'active',
      translations: { en: { title: 'Consulting', description: 'Consulting.' } },
      images: [],
      variants: [{ sku: 'SVC-1', priceUsd: 1000, stock: 5, weightGrams: null, fulfilledFrom: 'CN_BONDED' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('bonded zone');
  });
});
