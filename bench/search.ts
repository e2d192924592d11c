/**
 * Search latency over a few hundred multilingual documents: full-text search (with facets), the
 * same with filters, within one market's listings, and suggestions. Moved here from the test suite,
 * where it asserted nothing: timing belongs to a benchmark. Every query must still find something.
 *
 *   npm run bench:search            (ROUNDS=30 by default; DATABASE_URL to use your own server)
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/database.ts';
import type { Locale } from '../src/kernel/locales.ts';
import { MARKET_CODES } from '../src/kernel/locales.ts';
import { indexDocuments } from '../src/modules/search/index-documents.ts';
import { setListingMarkets } from '../src/modules/search/listing-markets.ts';
import { searchProducts } from '../src/modules/search/search-products.ts';
import { suggest } from '../src/modules/search/suggest.ts';
import { FIXTURES, manyProducts } from '../src/modules/search/test-fixtures.ts';
import { freshBenchDatabase, histogram, summarize } from './lib.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 30);
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

async function main() {
  const { url, stop } = await freshBenchDatabase('bench-search');
  const database = openDatabase(url);
  try {
    const db = database.db;
    const docs = [...FIXTURES, ...manyProducts(600)];
    await indexDocuments(db, docs);
    // Most listings may be sold everywhere; every fifth not in CN, as restricted food would be.
    await setListingMarkets(
      db,
      docs.map((d, i) => ({
        productId: d.productId,
        windows: MARKET_CODES.filter((m) => m !== 'CN' || i % 5 !== 0).map((market) => ({
          market,
          from: new Date('2026-01-01T00:00:00Z'),
          until: i % 3 === 0 ? new Date('2027-06-01T00:00:00Z') : null,
        })),
      })),
    );
    await db.execute('ANALYZE search_documents');
    await db.execute('ANALYZE search_listing_markets');

    const series: Record<string, number[]> = {
      search: [],
      'search+filters': [],
      'search in market': [],
      suggest: [],
    };
    const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const r = await f();
      series[name]!.push(performance.now() - t);
      return r;
    };
    const at = new Date('2026-11-24T00:00:00Z');
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round++) {
      for (const [q, locale] of QUERIES) {
        const r = await timed('search', () => searchProducts(db, { q, locale }));
        if (r.total === 0) throw new Error(`no hit for ${q}`);
        await timed('search+filters', () =>
          searchProducts(db, { q, locale, state: 'WI', sort: 'price_asc', minPriceUsd: 500n }),
        );
        const m = await timed('search in market', () => searchProducts(db, { q, locale, market: 'CN', at }));
        if (m.total > r.total) throw new Error(`market filter widened ${q}`);
        await timed('suggest', () => suggest(db, q.slice(0, 3), locale));
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const results = Object.fromEntries(Object.entries(series).map(([k, xs]) => [k, summarize(xs, seconds)]));
    console.log(`search over ${docs.length} documents, ${ROUNDS} rounds of ${QUERIES.length} queries`);
    for (const [name, s] of Object.entries(results)) {
      console.log(`${name.padEnd(17)} n=${s.count} p50=${s.p50.toFixed(2)} ms p99=${s.p99.toFixed(2)} ms`);
    }
    console.log(`\nsearch latency\n${histogram(series.search!)}`);
    const file = `bench/results/search-${new Date().toISOString().replaceAll(':', '').slice(0, 17)}.json`;
    writeFileSync(file, `${JSON.stringify({ documents: docs.length, rounds: ROUNDS, results }, null, 2)}\n`);
    console.log(`\nwritten to ${file}`);
  } finally {
    await database.close();
    await stop();
  }
}

await main();
