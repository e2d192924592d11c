import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed-demo.ts';
import { type Heartland, startHeartland } from './support/heartland.ts';

/** Buyers type in their own language; the demo catalog must answer (titles shown here in English to check). */
describe('search over the demo catalog', () => {
  let h: Heartland;
  beforeAll(async () => {
    h = await startHeartland();
    await seedDemo(h.ctx, { pictures: false }); // pictures are checked in demo-eligibility.test.ts
  }, 300_000);
  afterAll(() => h.close());

  const search = async (q: string, extra = '') => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/search?q=${encodeURIComponent(q)}&locale=en${extra}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      total: number;
      hits: { title: string; originState: string }[];
      facets: { states: { code: string; count: number }[]; categories: { slug: string; count: number }[] };
    };
  };

  it.each([
    ['花旗参', /ginseng/i], // Simplified Chinese, the common name
    ['西洋参', /ginseng/i], // the other Chinese name
    ['花旗蔘', /ginseng/i], // Traditional
    ['アメリカ人参', /ginseng/i], // Japanese
    ['인삼', /ginseng/i], // Korean
    ['american ginseng', /ginseng/i],
    ['ginsing', /ginseng/i], // a typo
    ['野米', /wild rice/i],
    ['ワイルドライス', /wild rice/i],
    ['와일드 라이스', /wild rice/i],
    ['枫糖浆', /maple/i],
    ['楓糖漿', /maple/i],
    ['メープルシロップ', /maple/i],
    ['메이플 시럽', /maple/i],
    ['切达', /cheddar/i],
    ['チェダー', /cheddar/i],
    ['蔓越莓', /cranberr/i],
    ['牛肉干', /jerky/i],
    ['육포', /jerky/i],
    ['爆米花', /popcorn/i],
    ['蜂蜜', /honey/i],
    ['꿀', /honey/i],
  ])('%s finds %s', async (q, expected) => {
    const r = await search(q);
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits[0]!.title).toMatch(expected);
    // Most of the first page is on topic.
    const onTopic = r.hits.slice(0, 5).filter((x) => expected.test(x.title)).length;
    expect(onTopic).toBeGreaterThanOrEqual(Math.min(3, r.hits.length));
  });

  it('facets by US state and category, and filters by them', async () => {
    const all = await search('ginseng');
    expect(all.facets.states.find((s: { code: string }) => s.code === 'WI')).toBeDefined();
    const wi = await search('ginseng', '&state=WI');
    expect(wi.hits.every((x) => x.originState === 'WI')).toBe(true);
  });

  it('never shows a pending seller’s listings', async () => {
    const demo = (f: string) =>
      JSON.parse(readFileSync(new URL(`../data/demo/${f}`, import.meta.url), 'utf8'));
    const pending = new Set(
      demo('sellers.json')
        .filter((s: { verified: boolean }) => !s.verified)
        .map((s: { key: string }) => s.key),
    );
    const hidden = demo('products.json').filter((p: { seller: string }) => pending.has(p.seller));
    expect(hidden.length).toBeGreaterThan(0);
    for (const p of hidden) {
      const title: string = p.translations.en.title;
      const r = await search(title);
      expect(r.hits.map((x) => x.title)).not.toContain(title);
    }
  });
});
