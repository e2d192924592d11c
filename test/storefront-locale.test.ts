import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncListingIndex } from '../src/flows/listings/sync-listing-eligibility.ts';
import { listProduct, onboardVerifiedSeller } from './support/fixtures.ts';
import { type Actor, type Heartland, startHeartland } from './support/heartland.ts';

/** The rules' titles as the data writes them, by rule id and language (data/trade-rules/<market>.json). */
function ruleTitles(market: string): Map<string, Record<string, string>> {
  const file = path.resolve(import.meta.dirname, `../data/trade-rules/${market}.json`);
  const { rules } = JSON.parse(readFileSync(file, 'utf8')) as {
    rules: { id: string; title: Record<string, string> }[];
  };
  const all = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../data/trade-rules/all.json'), 'utf8'),
  ) as { rules: { id: string; title: Record<string, string> }[] };
  return new Map([...rules, ...all.rules].map((r) => [r.id, r.title]));
}

/**
 * The storefront speaks the shopper's language beyond the seller's own text: the trade rules behind
 * a delivered price, the product named on an authenticity check, and pictures carried by search hits.
 */
describe('the storefront in the shopper’s language', () => {
  let h: Heartland;
  let farm: { staff: Actor; sellerId: string };
  let ginseng: { productId: string; variantIds: string[] };
  let codes: string[];

  beforeAll(async () => {
    h = await startHeartland();
    const admin = await h.actor('admin@heartland.test', [{ role: 'platform_admin' }]);
    farm = await onboardVerifiedSeller(h, admin, {
      key: 'marathon',
      legalName: 'Marathon Root Ginseng Farm LLC',
    });
    ginseng = await listProduct(farm.staff, farm.sellerId, {
      hsCode: '121120',
      en: 'Wisconsin American Ginseng Root, 4 oz',
      zhHans: '威斯康星花旗参 原枝 4盎司',
      ja: 'ウィスコンシン産アメリカ人参 4オンス',
      priceUsd: 8900,
      stock: 20,
      weightGrams: 130,
    });
    await syncListingIndex(h.ctx);
    const lot = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/lots`, {
      productId: ginseng.productId,
      lotNumber: 'MRG-2026-09',
      farmName: 'Marathon Root Ginseng Farm',
      usState: 'WI',
      county: 'Marathon',
      harvestedOrMadeOn: '2026-09-20',
      certifications: [],
    });
    expect(lot.statusCode, lot.body).toBe(201);
    const issued = await farm.staff.post(`/api/v1/sellers/${farm.sellerId}/lots/${lot.json().id}/codes`, {
      count: 4,
      reference: 'labels-1',
    });
    codes = issued.json().codes;
  }, 120_000);
  afterAll(() => h.close());

  const get = (url: string) => h.app.inject({ method: 'GET', url });
  type TaxRule = { ruleId: string; title: string; description: string; descriptionLang: string };

  it.each([
    ['CN', 'zh-Hans', 'cn'],
    ['TW', 'zh-Hant', 'tw'],
    ['JP', 'ja', 'jp'],
    ['KR', 'ko', 'kr'],
    ['SG', 'en', 'sg'],
  ])(
    'a product page in %s / %s names every tax rule in that language, from the data',
    async (market, locale, file) => {
      const res = await get(
        `/api/v1/storefront/products/${ginseng.productId}?market=${market}&locale=${locale}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const rules: TaxRule[] = res.json().variants[0].taxRules;
      expect(rules.length).toBeGreaterThan(0);
      expect(new Set(rules.map((r) => r.ruleId)).size, 'each rule once').toBe(rules.length);
      const titles = ruleTitles(file);
      for (const r of rules) {
        expect(r.title, r.ruleId).toBe(titles.get(r.ruleId)?.[locale]);
        // The full text stays the data's English, marked so the page can say so.
        expect(r.descriptionLang).toBe('en');
        expect(r.description.length).toBeGreaterThan(0);
      }
    },
  );

  it('a zh-Hans product page carries the Chinese rule titles, the same rules as the English page', async () => {
    const zh = await get(`/api/v1/storefront/products/${ginseng.productId}?market=CN&locale=zh-Hans`);
    const en = await get(`/api/v1/storefront/products/${ginseng.productId}?market=CN&locale=en`);
    const zhRules: TaxRule[] = zh.json().variants[0].taxRules;
    const enRules: TaxRule[] = en.json().variants[0].taxRules;
    expect(zhRules.map((r) => r.ruleId)).toEqual(enRules.map((r) => r.ruleId));
    expect(zhRules.map((r) => r.ruleId)).toContain('CN.route.cbec_9610');
    expect(zhRules.find((r) => r.ruleId === 'CN.route.cbec_9610')!.title).toBe(
      '通关方式：跨境电商直购进口（9610）',
    );
    for (const r of zhRules) expect(r.title, r.ruleId).toMatch(/\p{Script=Han}/u);
    expect(enRules.find((r) => r.ruleId === 'CN.route.cbec_9610')!.title).toMatch(/^Route: /);
  });

  it('names the product on an authenticity check in the shopper’s language, else in English, saying which', async () => {
    const scan = async (code: string, query: string) => {
      const res = await get(`/api/v1/authenticity/${encodeURIComponent(code)}?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await scan(codes[0]!, 'market=CN&locale=zh-Hans')).product).toEqual({
      id: ginseng.productId,
      title: '威斯康星花旗参 原枝 4盎司',
      titleLocale: 'zh-Hans',
    });
    expect((await scan(codes[1]!, 'market=JP&locale=ja')).product.title).toBe(
      'ウィスコンシン産アメリカ人参 4オンス',
    );
    // No Korean title: the English one, marked English so the page sets lang="en" on it.
    expect((await scan(codes[2]!, 'market=KR&locale=ko')).product).toMatchObject({
      title: 'Wisconsin American Ginseng Root, 4 oz',
      titleLocale: 'en',
    });
    expect((await scan(codes[3]!, 'market=CN')).product.titleLocale).toBe('en');
    const bad = await get(`/api/v1/authenticity/${encodeURIComponent(codes[0]!)}?market=CN&locale=fr`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('gives search hits the listing’s picture, and keeps the picture redirect for old links', async () => {
    const res = await get('/api/v1/search?q=ginseng&locale=zh-Hans&market=CN');
    expect(res.statusCode, res.body).toBe(200);
    const hit = res.json().hits.find((x: { productId: string }) => x.productId === ginseng.productId);
    expect(hit).toMatchObject({ title: '威斯康星花旗参 原枝 4盎司', pictureUrl: '/demo-images/test.jpg' });
    const old = await get(`/api/v1/storefront/products/${ginseng.productId}/picture`);
    expect(old.statusCode).toBe(302);
    expect(old.headers.location).toBe(hit.pictureUrl);
  });
});
