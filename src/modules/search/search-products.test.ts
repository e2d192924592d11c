import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import { isDomainError } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/locales.ts';
import { indexDocuments, removeDocuments } from './index-documents.ts';
import { searchProducts } from './search-products.ts';
import { suggest } from './suggest.ts';
import { FIXTURES, HIDDEN_ID, ids, pid } from './test-fixtures.ts';
import type { SearchQuery } from './types.ts';

const GINSENG_ROOT = pid(1);
const GINSENG_TEA = pid(2);
const WILD_RICE = pid(3);
const MAPLE_WI = pid(4);
const MAPLE_MI = pid(5);
const CHEDDAR = pid(6);
const CHERRIES = pid(7);
const CRANBERRIES = pid(8);
const HONEY = pid(9);
const POPCORN = pid(10);
const JERKY = pid(11);
const SOYBEANS = pid(12);
const SKILLET = pid(13);
const CARROT_JUICE = pid(15);

describe('searchProducts over the fixture catalog', () => {
  let db: Database;
  const search = (q: string, extra: Partial<SearchQuery> = {}) =>
    searchProducts(db.db, { q, locale: 'zh-Hans', ...extra });
  const found = async (q: string, extra: Partial<SearchQuery> = {}) => ids((await search(q, extra)).hits);

  beforeAll(async () => {
    db = await createTestDatabase();
    await indexDocuments(db.db, FIXTURES);
  });
  afterAll(async () => {
    await db.close();
  });

  it('finds American ginseng by its Chinese, Japanese, Korean and English names', async () => {
    expect(await found('花旗参')).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    // No fixture contains 西洋参: found through the synonym group only.
    expect(FIXTURES.some((f) => JSON.stringify(f.translations).includes('西洋'))).toBe(false);
    expect(await found('西洋参')).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    expect(await found('西洋蔘')).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    expect(await found('花旗蔘')).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    expect(await found('アメリカ人参', { locale: 'ja' })).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    expect(await found('american ginseng', { locale: 'en' })).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    // Carrot juice has no Traditional title: English, and said to be English.
    const [juice] = (await search('胡萝卜汁', { locale: 'zh-Hant' })).hits;
    expect(juice).toMatchObject({
      productId: CARROT_JUICE,
      title: 'Michigan Carrot Juice, 1 L',
      titleLocale: 'en',
    });
    expect((await search('胡萝卜汁')).hits[0]).toMatchObject({ titleLocale: 'zh-Hans' });
    const top = await search('American Ginseng', { locale: 'en' });
    expect(top.hits[0]).toMatchObject({
      productId: GINSENG_ROOT,
      title: 'Wisconsin American Ginseng Roots, 4 oz',
    });
  });

  it('does not confuse ginseng with carrots (人参 alone means carrot in Japanese)', async () => {
    expect(await found('アメリカ人参')).not.toContain(CARROT_JUICE);
    expect(await found('人参')).toEqual([GINSENG_ROOT, GINSENG_TEA, CARROT_JUICE]);
  });

  it('matches Korean words inside compounds, and compounds only where they are written', async () => {
    expect(await found('인삼', { locale: 'ko' })).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    expect(await found('인삼차', { locale: 'ko' })).toEqual([GINSENG_TEA]);
    expect(await found('대두', { locale: 'ko' })).toEqual([SOYBEANS]);
    expect(await found('유기농', { locale: 'ko' })).toEqual([SOYBEANS]);
  });

  it('corrects Latin typos by trigram similarity when the words find nothing', async () => {
    // The honey mentions ginseng tea in its description: found too, ranked last.
    const r = await search('ginsing', { locale: 'en' });
    expect(r.hits.map((h) => h.productId)).toEqual([GINSENG_ROOT, GINSENG_TEA, HONEY]);
    expect(await found('chedar', { locale: 'en' })).toEqual([CHEDDAR]);
    expect(await found('wisconsn chedar', { locale: 'en' })).toEqual([CHEDDAR]);
    expect((await search('xqzv', { locale: 'en' })).total).toBe(0);
  });

  it('finds cheddar as cheese in any language, and maple syrup in both Chinese scripts', async () => {
    expect(await found('奶酪')).toEqual([CHEDDAR]);
    expect(await found('芝士')).toEqual([CHEDDAR]);
    expect(await found('チェダー', { locale: 'ja' })).toEqual([CHEDDAR]);
    expect(await found('車打', { locale: 'zh-Hant' })).toEqual([CHEDDAR]);
    expect(await found('枫糖浆')).toEqual([MAPLE_WI, MAPLE_MI]);
    expect(await found('楓糖漿', { locale: 'zh-Hant' })).toEqual([MAPLE_WI, MAPLE_MI]);
    expect(await found('メープルシロップ', { locale: 'ja' })).toEqual([MAPLE_WI, MAPLE_MI]);
  });

  it('finds an English-only product with a query in another language (through synonyms)', async () => {
    const r = await search('蔓越莓');
    expect(ids(r.hits)).toEqual([CRANBERRIES]);
    expect(r.hits[0]!.title).toBe('Sweetened Dried Cranberries, Wisconsin, 1 lb'); // falls back to English
    expect(await found('クランベリー', { locale: 'ja' })).toEqual([CRANBERRIES]);
    expect(await found('菰米')).toEqual([WILD_RICE]);
    expect(await found('野米')).toEqual([WILD_RICE]);
    expect(await found('爆米花')).toEqual([POPCORN]);
    expect(await found('육포', { locale: 'ko' })).toEqual([JERKY]);
    expect(await found('牛肉乾', { locale: 'zh-Hant' })).toEqual([JERKY]);
    expect(await found('꿀', { locale: 'ko' })).toEqual([HONEY]);
  });

  it('requires every query word, and ranks title matches above description mentions', async () => {
    expect(await found('威斯康星 枫糖浆')).toEqual([MAPLE_WI]);
    expect(await found('minnesota rice', { locale: 'en' })).toEqual([WILD_RICE]);
    const r = await search('ginseng', { locale: 'en' });
    expect(ids(r.hits)).toEqual([GINSENG_ROOT, GINSENG_TEA, HONEY]);
    expect(r.hits.at(-1)!.productId).toBe(HONEY); // "ginseng" only in its description
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits.at(-1)!.score);
  });

  it('never returns a hidden product, by any query, browse or suggestion', async () => {
    for (const q of ['花旗参', 'ginseng slices', '切片', 'american ginseng', 'ginsing']) {
      expect(await found(q)).not.toContain(HIDDEN_ID);
    }
    const all = await searchProducts(db.db, { locale: 'en', pageSize: 50 });
    expect(all.total).toBe(FIXTURES.length - 1);
    expect(ids(all.hits)).not.toContain(HIDDEN_ID);
    expect((await suggest(db.db, '花旗参切', 'zh-Hans')).map((s) => s.productId)).not.toContain(HIDDEN_ID);
  });

  it('filters by category anywhere in the path, state, price and stock', async () => {
    const browse = (extra: Partial<SearchQuery>) => searchProducts(db.db, { locale: 'en', ...extra });
    expect(ids((await browse({ category: 'fruit' })).hits)).toEqual([CHERRIES, CRANBERRIES]);
    expect(ids((await browse({ category: 'maple-syrup', state: 'MI' })).hits)).toEqual([MAPLE_MI]);
    expect(ids((await browse({ minPriceUsd: 1_000n, maxPriceUsd: 1_250n })).hits)).toEqual([
      CHEDDAR,
      CHERRIES,
    ]);
    expect(ids((await browse({ q: 'ginseng', inStock: true })).hits)).toEqual([GINSENG_ROOT, HONEY]);
    expect(ids((await browse({ q: 'ginseng', inStock: false })).hits)).toEqual([GINSENG_TEA]);
    expect((await browse({ category: 'nothing-here' })).total).toBe(0);
  });

  it('counts facets over the whole matched set', async () => {
    const r = await searchProducts(db.db, { q: 'wisconsin', locale: 'en', pageSize: 1 });
    // Wisconsin: ginseng root, ginseng tea, maple syrup, cheddar, cranberries (the hidden slices not).
    expect(r.total).toBe(5);
    expect(r.hits).toHaveLength(1);
    expect(r.facets.states).toEqual([{ code: 'WI', count: 5 }]);
    expect(r.facets.categories).toEqual([
      { slug: 'cheese', count: 1 },
      { slug: 'dried-fruit', count: 1 },
      { slug: 'ginseng', count: 1 },
      { slug: 'herbal-tea', count: 1 },
      { slug: 'maple-syrup', count: 1 },
    ]);
    // Prices: 8.50, 12.50, 19.95, 24.50, 89.00.
    expect(r.facets.priceRangesUsd).toEqual([
      { min: 0, max: 1000, count: 1 },
      { min: 1000, max: 2500, count: 3 },
      { min: 2500, max: 5000, count: 0 },
      { min: 5000, max: 10000, count: 1 },
      { min: 10000, max: 25000, count: 0 },
      { min: 25000, max: null, count: 0 },
    ]);
    const all = await searchProducts(db.db, { locale: 'en' });
    expect(all.facets.states).toEqual([
      { code: 'WI', count: 5 },
      { code: 'MI', count: 3 },
      { code: 'MN', count: 2 },
      { code: 'IA', count: 1 },
      { code: 'IL', count: 1 },
      { code: 'NE', count: 1 },
      { code: 'OH', count: 1 },
    ]);
  });

  it('sorts by price both ways and by newest, and pages without overlap', async () => {
    const prices = async (sort: SearchQuery['sort']) =>
      (await searchProducts(db.db, { locale: 'en', sort, pageSize: 50 })).hits.map(
        (h) => h.minPriceUsd.amount,
      );
    const asc = await prices('price_asc');
    expect(asc).toEqual([...asc].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(asc[0]).toBe(550n);
    expect(await prices('price_desc')).toEqual([...asc].reverse());
    const newest = await searchProducts(db.db, { locale: 'en', sort: 'newest', pageSize: 2 });
    expect(newest.hits.map((h) => h.productId)).toEqual([CARROT_JUICE, SKILLET]);
    const p1 = await searchProducts(db.db, { locale: 'en', sort: 'price_asc', pageSize: 4, page: 1 });
    const p2 = await searchProducts(db.db, { locale: 'en', sort: 'price_asc', pageSize: 4, page: 2 });
    expect(p2.hits.map((h) => h.minPriceUsd.amount)).toEqual(asc.slice(4, 8));
    expect(ids(p1.hits).filter((id) => ids(p2.hits).includes(id))).toEqual([]);
  });

  it('shows titles in the requested locale, falling back to English', async () => {
    const title = async (locale: Locale) =>
      (await searchProducts(db.db, { q: '花旗参', locale })).hits[0]!.title;
    expect(await title('zh-Hant')).toBe('威斯康星花旗蔘 原枝 4盎司');
    expect(await title('ko')).toBe('위스콘신 미국 인삼 뿌리 113g');
    expect((await search('cranberries', { locale: 'ko' })).hits[0]!.title).toContain('Cranberries');
  });

  it('refuses bad queries with search.* invalid errors', async () => {
    const code = async (q: Partial<SearchQuery>) => {
      try {
        await searchProducts(db.db, { locale: 'en', ...q } as SearchQuery);
        return 'ok';
      } catch (e) {
        return isDomainError(e) ? `${e.kind}:${e.code}` : String(e);
      }
    };
    expect(await code({ pageSize: 51 })).toBe('invalid:search.invalid_query');
    expect(await code({ page: 0 })).toBe('invalid:search.invalid_query');
    expect(await code({ q: 'x'.repeat(201) })).toBe('invalid:search.invalid_query');
    expect(await code({ minPriceUsd: -1n })).toBe('invalid:search.invalid_query');
    expect(await code({ minPriceUsd: 10n, maxPriceUsd: 9n })).toBe('invalid:search.invalid_price_range');
    expect(await code({ category: 'Bad Slug' })).toBe('invalid:search.invalid_query');
    expect(await code({ locale: 'fr' as Locale })).toBe('invalid:search.invalid_query');
    expect(await code({ q: '!!! ???' })).toBe('ok');
  });

  it('survives any query text (tsquery syntax, quotes, backslashes, emoji) without a database error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 40 }), async (q) => {
        const r = await searchProducts(db.db, { q, locale: 'en' });
        expect(r.hits.map((h) => h.productId)).not.toContain(HIDDEN_ID);
      }),
      { numRuns: 150 },
    );
    for (const q of ["'", "\\'", '&|!():*', "a' | 'b", "ginseng' & !'x"]) {
      await expect(searchProducts(db.db, { q, locale: 'en' })).resolves.toBeDefined();
      await expect(suggest(db.db, q, 'en')).resolves.toBeDefined();
    }
  });

  it('suggests titles for a prefix, in the buyer’s locale, typos included', async () => {
    expect(await suggest(db.db, 'gins', 'en')).toEqual([
      { productId: GINSENG_ROOT, title: 'Wisconsin American Ginseng Roots, 4 oz' },
      { productId: GINSENG_TEA, title: 'Wisconsin Ginseng Tea, 20 tea bags' },
    ]);
    expect(ids(await suggest(db.db, 'wisconsin gins', 'en'))).toEqual([GINSENG_ROOT, GINSENG_TEA]);
    expect((await suggest(db.db, '花旗', 'zh-Hans')).map((s) => s.title)).toEqual([
      '威斯康星花旗参 整根 4盎司',
      '威斯康星花旗参茶 20袋',
    ]);
    // Titles that start with the prefix come first.
    expect((await suggest(db.db, '密歇根', 'zh-Hans'))[0]!.title.startsWith('密歇根')).toBe(true);
    expect((await suggest(db.db, 'chedar', 'en')).map((s) => s.productId)).toEqual([CHEDDAR]);
    expect(await suggest(db.db, '  ', 'en')).toEqual([]);
    expect((await suggest(db.db, 'w', 'en')).length).toBeLessThanOrEqual(8);
  });

  it('keeps the newest version of a document and removes deleted ones', async () => {
    const honey = FIXTURES.find((f) => f.productId === HONEY)!;
    const newer = {
      ...honey,
      updatedAt: '2026-11-01T00:00:00.000Z',
      minPriceUsd: { amount: 1_700n, currency: 'USD' as const },
    };
    await indexDocuments(db.db, [newer]);
    await indexDocuments(db.db, [honey]); // a late, older event must not roll the price back
    const r = await search('蜂蜜');
    expect(r.hits.map((h) => h.minPriceUsd.amount)).toEqual([1_700n]);
    await removeDocuments(db.db, [HONEY]);
    expect((await search('蜂蜜')).total).toBe(0);
    await indexDocuments(db.db, [{ ...newer, updatedAt: '2026-11-02T00:00:00.000Z' }]);
    const { rows } = await db.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM search_documents WHERE product_id = ${HONEY}`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses a malformed document instead of indexing it', async () => {
    const bad = { ...FIXTURES[0]!, minPriceUsd: { amount: 10n, currency: 'CNY' as const } };
    await expect(indexDocuments(db.db, [bad])).rejects.toMatchObject({ code: 'search.invalid_document' });
    for (const pictureUrl of ['javascript:alert(1)', '//evil.example/x.jpg', `/${'x'.repeat(2048)}`]) {
      await expect(indexDocuments(db.db, [{ ...FIXTURES[0]!, pictureUrl }])).rejects.toMatchObject({
        code: 'search.invalid_document',
      });
    }
  });

  it('gives each hit the picture of its document, and follows a new picture', async () => {
    const r = await search('', { locale: 'en', pageSize: 50 });
    expect(r.hits.length).toBeGreaterThan(5);
    for (const h of r.hits) {
      const doc = FIXTURES.find((f) => f.productId === h.productId)!;
      expect(h.pictureUrl).toBe(doc.pictureUrl ?? null);
    }
    expect(r.hits.some((h) => h.pictureUrl === null)).toBe(true);
    const cheddar = FIXTURES.find((f) => f.productId === CHEDDAR)!;
    await indexDocuments(db.db, [
      { ...cheddar, pictureUrl: 'https://cdn.example/cheddar.webp', updatedAt: '2026-11-03T00:00:00.000Z' },
    ]);
    const [hit] = (await search('cheddar', { locale: 'en' })).hits;
    expect(hit).toMatchObject({ productId: CHEDDAR, pictureUrl: 'https://cdn.example/cheddar.webp' });
  });
});
