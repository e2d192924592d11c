import type { Actor, Heartland } from './heartland.ts';
import { actorFor } from './heartland.ts';

let einSeq = 0;

/**
 * A farm or maker onboarded through the API and verified by an admin. Returns its staff actor and
 * seller id. Unless `documents: false`, it also records the food facility registrations China and
 * Korea ask for (fictional numbers), so its food listings may be sold there.
 */
export async function onboardVerifiedSeller(
  h: Heartland,
  admin: Actor,
  opts: { key: string; legalName: string; usState?: string; isFarm?: boolean; documents?: boolean },
): Promise<{ staff: Actor; sellerId: string }> {
  const staff = await registerViaApi(h, `${opts.key}@sellers.test`, opts.legalName);
  const ein = `39-${String(4_000_000 + einSeq++).padStart(7, '0')}`;
  const res = await staff.post('/api/v1/sellers', {
    legalName: opts.legalName,
    ein,
    usState: opts.usState ?? 'WI',
    city: 'Wausau',
    employees: 12,
    isFarm: opts.isFarm ?? true,
    founded: 1987,
    contact: { name: 'Ann Miller', email: `${opts.key}@sellers.test`, phone: '+1 715 555 0142' },
    description: { en: `${opts.legalName}, a family business.` },
  });
  if (res.statusCode !== 201) throw new Error(`onboarding failed: ${res.statusCode} ${res.body}`);
  const sellerId = res.json().id as string;
  h.clock.advance(3_000); // the new seller_staff role is seen once the principal cache turns over
  const verified = await admin.post(`/api/v1/admin/sellers/${sellerId}/verify`, {
    reason: 'EIN and registration checked',
  });
  if (verified.statusCode !== 200) throw new Error(`verify failed: ${verified.statusCode} ${verified.body}`);
  if (opts.documents !== false) await recordFoodRegistrations(staff, sellerId);
  return { staff, sellerId };
}

/** China's GACC and Korea's MFDS food facility registrations (fictional TEST- numbers), through the API. */
export async function recordFoodRegistrations(staff: Actor, sellerId: string): Promise<void> {
  const tag = sellerId.slice(-8).toUpperCase();
  for (const doc of [
    {
      type: 'cn_gacc_food_facility_registration',
      number: `TEST-CN-${tag}`,
      issuer: 'GACC',
      issuedOn: '2024-01-01',
      expiresOn: '2028-12-31',
    },
    {
      type: 'kr_mfds_foreign_food_facility_registration',
      number: `TEST-KR-${tag}`,
      issuer: 'MFDS',
      issuedOn: '2025-06-01',
      expiresOn: '2027-05-31',
    },
  ]) {
    const res = await staff.post(`/api/v1/sellers/${sellerId}/documents`, doc);
    if (res.statusCode !== 201)
      throw new Error(`recording ${doc.type} failed: ${res.statusCode} ${res.body}`);
  }
}

/** Registers through POST /auth/register, then makes a bearer token with the session cookie. */
export async function registerViaApi(h: Heartland, email: string, displayName: string): Promise<Actor> {
  const reg = await h.app.inject({
    method: 'POST',
    url: '/api/v1/auth/register',
    payload: { email, password: 'correct horse battery', displayName },
  });
  if (reg.statusCode !== 201) throw new Error(`register failed: ${reg.statusCode} ${reg.body}`);
  const cookie = reg.cookies.find((c) => c.name === 'heartland_session');
  if (!cookie) throw new Error('register set no session cookie');
  const tok = await h.app.inject({
    method: 'POST',
    url: '/api/v1/me/api-tokens',
    payload: { name: 'tests' },
    cookies: { heartland_session: cookie.value },
  });
  if (tok.statusCode !== 201) throw new Error(`token failed: ${tok.statusCode} ${tok.body}`);
  return actorFor(h.app, reg.json().id, tok.json().token);
}

export interface ListedProduct {
  productId: string;
  variantIds: string[];
}

export async function listProduct(
  staff: Actor,
  sellerId: string,
  input: {
    categorySlug?: string;
    hsCode: string;
    en: string;
    zhHans?: string;
    ja?: string;
    ko?: string;
    priceUsd: number;
    stock: number;
    weightGrams: number;
    /** US export classification; the catalog's defaults (EAR99, no Schedule B, US) when left out. */
    eccn?: string;
    scheduleB?: string;
    countryOfOrigin?: string;
    /** Where the stock sits; the US when left out. */
    fulfilledFrom?: 'US' | 'CN_BONDED';
  },
): Promise<ListedProduct> {
  const t = (title: string) => ({ title, description: `${title}.` });
  const res = await staff.post(`/api/v1/sellers/${sellerId}/products`, {
    kind: 'goods',
    categorySlug: input.categorySlug ?? 'test-goods',
    originState: 'WI',
    hsCode: input.hsCode,
    ...(input.eccn ? { eccn: input.eccn } : {}),
    ...(input.scheduleB ? { scheduleB: input.scheduleB } : {}),
    ...(input.countryOfOrigin ? { countryOfOrigin: input.countryOfOrigin } : {}),
    status: 'active',
    translations: {
      en: t(input.en),
      ...(input.zhHans ? { 'zh-Hans': t(input.zhHans) } : {}),
      ...(input.ja ? { ja: t(input.ja) } : {}),
      ...(input.ko ? { ko: t(input.ko) } : {}),
    },
    images: [{ url: '/demo-images/test.jpg', alt: input.en }],
    variants: [
      {
        sku: `SKU-${Math.random().toString(36).slice(2, 10)}`,
        priceUsd: input.priceUsd,
        stock: input.stock,
        weightGrams: input.weightGrams,
        ...(input.fulfilledFrom ? { fulfilledFrom: input.fulfilledFrom } : {}),
      },
    ],
  });
  if (res.statusCode !== 201) throw new Error(`listing failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return { productId: body.id, variantIds: body.variants.map((v: { id: string }) => v.id) };
}
