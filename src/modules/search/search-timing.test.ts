import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../db/database.ts';
import type { Locale } from '../../kernel/locales.ts';
import { MARKET_CODES } from '../../kernel/locales.ts';
import { indexDocuments } from './index-documents.ts';
import { setListingMarkets } from './listing-markets.ts';
import { searchProducts } from './search-products.ts';
import { suggest } from './suggest.ts';
import { FIXTURES, manyProducts } from './test-fixtures.ts';

/**
 * Query latency over a few hundred documents, printed for the record (no timing assertion:
 * shared CI machines are too noisy for one). Correctness is still checked: every query finds
 * something.
 */
describe('search latency over 615 documents', () => {
  let db: Database;
  const QUERIES: [string, Locale][] = [
    ['花旗参', 'zh-Hans'],
    ['西洋蔘', 'zh-Hant'],
    ['アメリカ人参', 'ja'],
    ['인삼', 'ko'],
    ['american ginseng', 'en'],
    ['ginsing', 'en'],
    ['枫糖浆', 'zh-Hans'],
    ['wisconsin cheddar', 'en'],
    ['蔓越莓', 'zh-Hans'],
    ['대두', 'ko'],
  ];

  beforeAll(async () => {
    db = await createTestDatabase();
    const docs = [...FIXTURES, ...manyProducts(600)];
    await indexDocuments(db.db, docs);
    // Most listings may be sold everywhere; every fifth not in CN, as restricted food would be.
    await setListingMarkets(
      db.db,
      docs.map((d, i) => ({
        productId: d.productId,
        windows: MARKET_CODES.filter((m) => m !== 'CN' || i % 5 !== 0).map((market) => ({
          market,
          from: new Date('2026-01-01T00:00:00Z'),
          until: i % 3 === 0 ? new Date('2027-06-01T00:00:00Z') : null,
        })),
      })),
    );
    await db.db.execute('ANALYZE search_documents');
    await db.db.execute('ANALYZE search_listing_markets');
  });
  afterAll(async () => {
    await db.close();
  });

  const percentile = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
  };

  it('measures p50/p99 for searches (with facets) and suggestions', async () => {
    const times: number[] = [];
    const filtered: number[] = [];
    const inMarket: number[] = [];
    const suggestions: number[] = [];
    const at = new Date('2026-11-24T00:00:00Z');
    for (let round = 0; round < 30; round++) {
      for (const [q, locale] of QUERIES) {
        let t = performance.now();
        const r = await searchProducts(db.db, { q, locale });
        times.push(performance.now() - t);
        expect(r.total, q).toBeGreaterThan(0);
        t = performance.now();
        await searchProducts(db.db, { q, locale, state: 'WI', sort: 'price_asc', minPriceUsd: 500n });
        filtered.push(performance.now() - t);
        t = performance.now();
        const m = await searchProducts(db.db, { q, locale, market: 'CN', at });
        inMarket.push(performance.now() - t);
        expect(m.total, q).toBeLessThanOrEqual(r.total);
        t = performance.now();
        await suggest(db.db, q.slice(0, 3), locale);
        suggestions.push(performance.now() - t);
      }
    }
    const line = (name: string, xs: number[]) =>
      `${name}: n=${xs.length} p50=${percentile(xs, 50).toFixed(2)} ms p99=${percentile(xs, 99).toFixed(2)} ms`;
    console.log(
      [
        line('search', times),
        line('search+filters', filtered),
        line('search in market', inMarket),
        line('suggest', suggestions),
      ].join('\n'),
    );
  });
});
