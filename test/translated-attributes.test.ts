import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/**
 * Variant attribute values ("Barn red", "30 bags") carried by each product translation: written with
 * the listing, checked against its variants, and served on the storefront in the shopper's language,
 * each value falling back to the seller's English and saying so.
 */
describe('translated variant attributes', () => {
  let h: Heartland;
  let farm: { staff: Actor; sellerId: string };
  const text = (title: string) => ({ title, description: `${title}, made in Minnesota.` });
  const variants = [
    { sku: 'NSC-TOTE-RED', priceUsd: 8900, stock: 5, weightGrams: 900, attributes: { color: 'Barn red' } },
    {
      sku: 'NSC-TOTE-TAN',
      priceUsd: 8900,
      stock: 5,
      weightGrams: 900,
      attributes: { color: 'Field tan', size: '16 in' },
    },
  ];
  const tote = (translations: Record<string, unknown>, vs: unknown[] = variants) => ({
    kind: 'goods',
    categorySlug: 'test-goods',
    originState: 'MN',
    hsCode: '420292',
    status: 'active',
    translations: { en: text('Waxed canvas market tote'), ...translations },
    images: [{ url: '/demo-images/test.jpg', alt: 'A canvas tote' }],
    variants: vs,
  });
  const create = (body: unknown) => farm.staff.post(`/api/v1/sellers/${farm.sellerId}/products`, body);
  const patch = (id: string, body: unknown) =>
    farm.staff.patch(`/api/v1/sellers/${farm.sellerId}/products/${id}`, body);
  const storefront = (id: string, locale: string) =>
    h.app.inject({ method: 'GET', url: `/api/v1/storefront/products/${id}?market=CN&locale=${locale}` });

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    farm = await onboardVerifiedSeller(h, admin, { key: 'northshore', legalName: 'North Shore Canvas LLC' });
  }, 120_000);
  afterAll(() => h.close());

  it('stores the translated values with the product and returns them, trimmed', async () => {
    const res = await create(
      tote({
        'zh-Hans': {
          ...text('油蜡帆布托特包'),
          variantAttributes: {
            'NSC-TOTE-RED': { color: '  谷仓红 ' },
            'NSC-TOTE-TAN': { color: '原野棕', size: '16英寸' },
          },
        },
        ja: {
          ...text('ワックスキャンバス トートバッグ'),
          variantAttributes: { 'NSC-TOTE-RED': { color: 'バーンレッド' } },
        },
        ko: text('왁스 캔버스 토트백'),
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.translations['zh-Hans'].variantAttributes).toEqual({
      'NSC-TOTE-RED': { color: '谷仓红' },
      'NSC-TOTE-TAN': { color: '原野棕', size: '16英寸' },
    });
    expect(p.translations.ja.variantAttributes).toEqual({ 'NSC-TOTE-RED': { color: 'バーンレッド' } });
    expect(p.translations.ko).toEqual(text('왁스 캔버스 토트백')); // none given: none stored
    expect(p.translations.en.variantAttributes).toBeUndefined();
    const listed = await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/products`);
    const mine = listed.json().find((x: { id: string }) => x.id === p.id);
    expect(mine.translations['zh-Hans'].variantAttributes['NSC-TOTE-TAN'].size).toBe('16英寸');
  });

  it('serves each value in the shopper’s language, falling back to English value by value', async () => {
    const created = await create(
      tote(
        {
          'zh-Hans': {
            ...text('油蜡帆布托特包'),
            variantAttributes: { 'NSC-TOTE-B-TAN': { color: '原野棕' } },
          },
          ja: text('ワックスキャンバス トートバッグ'),
        },
        variants.map((v) => ({ ...v, sku: v.sku.replace('TOTE', 'TOTE-B') })),
      ),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;

    const zh = await storefront(id, 'zh-Hans');
    expect(zh.statusCode, zh.body).toBe(200);
    const [red, tan] = zh.json().variants;
    expect(red.attributes).toEqual({ color: 'Barn red' });
    expect(red.attributesLang).toEqual({ color: 'en' });
    expect(tan.attributes).toEqual({ color: '原野棕', size: '16 in' });
    expect(tan.attributesLang).toEqual({ color: 'zh-Hans', size: 'en' });

    // A translation without values, and English itself, show the seller's own words as English.
    const ja = (await storefront(id, 'ja')).json().variants[1];
    expect(ja.attributes).toEqual({ color: 'Field tan', size: '16 in' });
    expect(ja.attributesLang).toEqual({ color: 'en', size: 'en' });
    const en = (await storefront(id, 'en')).json().variants[1];
    expect(en.attributesLang).toEqual({ color: 'en', size: 'en' });
  });

  it('refuses values for a SKU or attribute the product lacks with a 422 naming the field', async () => {
    const unknownSku = await create(
      tote({ ko: { ...text('왁스 캔버스 토트백'), variantAttributes: { 'NSC-NOPE': { color: '빨강' } } } }),
    );
    expect(unknownSku.statusCode).toBe(422);
    expect(unknownSku.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknownSku.json().code).toBe('catalog.unknown_variant_attribute');
    expect(unknownSku.json().errors).toEqual([
      { path: 'translations.ko.variantAttributes.NSC-NOPE', message: expect.stringContaining('NSC-NOPE') },
    ]);

    const unknownKey = await create(
      tote({
        ko: { ...text('왁스 캔버스 토트백'), variantAttributes: { 'NSC-TOTE-RED': { material: '캔버스' } } },
      }),
    );
    expect(unknownKey.statusCode).toBe(422);
    expect(unknownKey.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'translations.ko.variantAttributes.NSC-TOTE-RED.material',
    ]);

    // Malformed values are the schema's business: a 400 naming the field.
    const long = await create(
      tote({ ko: { ...text('토트백'), variantAttributes: { 'NSC-TOTE-RED': { color: 'x'.repeat(201) } } } }),
    );
    expect(long.statusCode).toBe(400);
    expect(JSON.stringify(long.json().errors)).toContain('variantAttributes');
    const blank = await create(
      tote({ ko: { ...text('토트백'), variantAttributes: { 'NSC-TOTE-RED': { color: '   ' } } } }),
    );
    expect(blank.statusCode).toBe(400);
    // English is the variants' own words: it takes no translated values.
    const english = await create({
      ...tote({}),
      translations: { en: { ...text('Tote'), variantAttributes: { 'NSC-TOTE-RED': { color: 'Red' } } } },
    });
    expect(english.statusCode).toBe(400);
  });

  it('updates the values with the translations, and checks them against the variants in the same change', async () => {
    const created = await create(
      tote({ 'zh-Hant': text('油蠟帆布托特包') }, [
        { sku: 'NSC-TOTE-C', priceUsd: 8900, stock: 5, weightGrams: 900, attributes: { color: 'Barn red' } },
        { sku: 'NSC-TOTE-D', priceUsd: 8900, stock: 5, weightGrams: 900, attributes: { color: 'Navy' } },
      ]),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const zhHant = (values: Record<string, Record<string, string>>) => ({
      translations: {
        en: text('Waxed canvas market tote'),
        'zh-Hant': { ...text('油蠟帆布托特包'), variantAttributes: values },
      },
    });

    const updated = await patch(
      id,
      zhHant({ 'NSC-TOTE-C': { color: '穀倉紅' }, 'NSC-TOTE-D': { color: '深藍色' } }),
    );
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().translations['zh-Hant'].variantAttributes).toEqual({
      'NSC-TOTE-C': { color: '穀倉紅' },
      'NSC-TOTE-D': { color: '深藍色' },
    });
    const page = (await storefront(id, 'zh-Hant')).json();
    expect(page.variants.map((v: { attributes: { color: string } }) => v.attributes.color)).toEqual([
      '穀倉紅',
      '深藍色',
    ]);

    // A patch naming a SKU the product does not have is refused, and nothing of it is kept.
    const refused = await patch(id, { ...zhHant({ 'NSC-TOTE-Z': { color: '綠' } }), brand: 'Changed' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('translations.zh-Hant.variantAttributes.NSC-TOTE-Z');
    const after = (await farm.staff.get(`/api/v1/sellers/${farm.sellerId}/products`))
      .json()
      .find((x: { id: string }) => x.id === id);
    expect(after.brand).toBeNull();
    expect(after.translations['zh-Hant'].variantAttributes['NSC-TOTE-C']).toEqual({ color: '穀倉紅' });

    // Translations and variants changed together are checked against the new variants.
    const both = await patch(id, {
      ...zhHant({ 'NSC-TOTE-E': { color: '橄欖綠' } }),
      variants: [{ sku: 'NSC-TOTE-E', priceUsd: 8900, weightGrams: 900, attributes: { color: 'Olive' } }],
    });
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().translations['zh-Hant'].variantAttributes).toEqual({
      'NSC-TOTE-E': { color: '橄欖綠' },
    });

    // A variant change alone drops the values of SKUs retired and keys no longer there.
    const retired = await patch(id, {
      variants: [
        { sku: 'NSC-TOTE-E', priceUsd: 8900, weightGrams: 900, attributes: { size: '16 in' } },
        { sku: 'NSC-TOTE-F', priceUsd: 8900, weightGrams: 900, attributes: { color: 'Khaki' } },
      ],
    });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().translations['zh-Hant']).toEqual(text('油蠟帆布托特包'));
  });
});
