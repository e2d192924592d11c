import { performance } from 'node:perf_hooks';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import { isLocale, isMarketCode, LOCALES, type Locale } from '../../kernel/locales.ts';
import { isUsState, type UsState } from '../../kernel/us-states.ts';
import { money } from '../../money/index.ts';
import { shownInMarket } from './listing-markets.ts';
import { planQuery, type QueryPlan, renderGroups, unitExpr } from './query-plan.ts';
import {
  SEARCH_SORTS,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
} from './types.ts';

export const MAX_QUERY_CHARS = 200;
export const MAX_PAGE_SIZE = 50;
export const DEFAULT_PAGE_SIZE = 20;
/** Deep pages cost a sort of the whole match; nobody reads page 500 of a product search. */
export const MAX_PAGE = 500;
/** Prices above this (USD 10 billion, in cents) are not prices. */
export const MAX_PRICE_CENTS = 1_000_000_000_000n;
export const CATEGORY_SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Fixed USD price buckets for the price facet, in cents: [min, max). */
export const PRICE_BUCKETS_USD: readonly (readonly [number, number | null])[] = [
  [0, 1_000],
  [1_000, 2_500],
  [2_500, 5_000],
  [5_000, 10_000],
  [10_000, 25_000],
  [25_000, null],
];

/** Relevance: cover density with field weights {D, C, B, A}, normalized by document length. */
const WEIGHTS = '{0.05, 0.2, 0.4, 1.0}';
/** Added when every query word is found in a title: a title match beats many description mentions. */
const TITLE_BOOST = 1.0;

interface Checked {
  q: string | undefined;
  locale: Locale;
  category: string | undefined;
  market: { code: string; at: Date } | undefined;
  state: UsState | undefined;
  min: bigint | undefined;
  max: bigint | undefined;
  inStock: boolean | undefined;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

function check(query: SearchQuery): Checked {
  const fail = (field: string, message: string) =>
    invalid('search.invalid_query', message, { errors: [{ path: field, message }] });
  const q = query.q?.trim() || undefined;
  if (q && q.length > MAX_QUERY_CHARS)
    throw fail('q', `The query is longer than ${MAX_QUERY_CHARS} characters.`);
  if (!isLocale(query.locale)) throw fail('locale', `Unknown locale ${String(query.locale)}.`);
  if (query.category !== undefined && !CATEGORY_SLUG.test(query.category)) {
    throw fail('category', 'A category is a slug of lowercase letters, digits and hyphens.');
  }
  if (query.market !== undefined && !isMarketCode(query.market))
    throw fail('market', `Unknown market ${String(query.market).slice(0, 8)}.`);
  if (query.at !== undefined && (!(query.at instanceof Date) || Number.isNaN(query.at.getTime()))) {
    throw fail('at', 'at is a valid instant.');
  }
  if (query.state !== undefined && !isUsState(query.state))
    throw fail('state', `Unknown US state ${query.state}.`);
  for (const [field, v] of [
    ['minPriceUsd', query.minPriceUsd],
    ['maxPriceUsd', query.maxPriceUsd],
  ] as const) {
    if (v !== undefined && (typeof v !== 'bigint' || v < 0n || v > MAX_PRICE_CENTS)) {
      throw fail(field, 'A price bound is a whole number of cents from 0 to 10^12.');
    }
  }
  if (
    query.minPriceUsd !== undefined &&
    query.maxPriceUsd !== undefined &&
    query.minPriceUsd > query.maxPriceUsd
  ) {
    throw invalid('search.invalid_price_range', 'The minimum price is above the maximum price.');
  }
  const sort = query.sort ?? 'relevance';
  if (!(SEARCH_SORTS as readonly string[]).includes(sort)) throw fail('sort', `Unknown sort ${sort}.`);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) throw fail('page', `page is 1 to ${MAX_PAGE}.`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw fail('pageSize', `pageSize is 1 to ${MAX_PAGE_SIZE}.`);
  }
  return {
    q,
    locale: query.locale,
    category: query.category,
    market: query.market === undefined ? undefined : { code: query.market, at: query.at ?? new Date() },
    state: query.state,
    min: query.minPriceUsd,
    max: query.maxPriceUsd,
    inStock: query.inStock,
    sort,
    page,
    pageSize,
  };
}

/** The title in `locale`, else English, else the first translation there is. */
export function pickTitle(titles: Record<string, string>, locale: Locale): string {
  return titles[locale] ?? titles.en ?? LOCALES.map((l) => titles[l]).find(Boolean) ?? '';
}

/** The language `pickTitle` found the title in, so a page can mark a fallback (lang="en"). */
export function titleLocaleOf(titles: Record<string, string>, locale: Locale): Locale {
  if (titles[locale]) return locale;
  if (titles.en) return 'en';
  return LOCALES.find((l) => titles[l]) ?? 'en';
}

/** The text part: every group must match; a title match of every group earns the title boost. */
function textMatch(plan: QueryPlan): { where: SQL; score: SQL } {
  const all = renderGroups(plan.groups)!;
  const inTitle = renderGroups(plan.groups, 'A')!;
  return {
    where: sql`tsv @@ to_tsquery('simple', ${all})`,
    score: sql`ts_rank_cd(${WEIGHTS}::float4[], tsv, to_tsquery('simple', ${all}), 1)
      + CASE WHEN tsv @@ to_tsquery('simple', ${inTitle}) THEN ${TITLE_BOOST}::float4 ELSE 0 END`,
  };
}

/** Similarity (pg_trgm, 0..1) an indexed word needs to stand in for a misspelt query word. */
const MIN_CORRECTION_SIMILARITY = 0.4;
const CORRECTIONS_PER_WORD = 3;

/**
 * Typo tolerance: each plain Latin query word may also match the indexed title/brand words most
 * similar to it by trigrams (ginsing → ginseng, chedar → cheddar). Null when no word has one.
 */
async function correctTypos(db: Db, plan: QueryPlan): Promise<QueryPlan | null> {
  const words = [...new Set(plan.groups.flatMap((g) => (g.fuzzy ? [g.fuzzy] : [])))];
  if (words.length === 0) return null;
  const { rows } = await db.execute<{ w: string; term: string }>(sql`
    SELECT q.w, t.term
    FROM unnest(${sql.param(words)}::text[]) AS q(w)
    CROSS JOIN LATERAL (
      SELECT term FROM search_terms
      WHERE term % q.w AND similarity(term, q.w) >= ${MIN_CORRECTION_SIMILARITY}
      ORDER BY similarity(term, q.w) DESC, term
      LIMIT ${CORRECTIONS_PER_WORD}) t`);
  if (rows.length === 0) return null;
  const byWord = new Map<string, string[]>();
  for (const r of rows) byWord.set(r.w, [...(byWord.get(r.w) ?? []), r.term]);
  return {
    ...plan,
    groups: plan.groups.map((g) => {
      const terms = g.fuzzy ? byWord.get(g.fuzzy) : undefined;
      if (!terms) return g;
      return { expr: { or: [g.expr, ...terms.map((text) => unitExpr({ script: 'latin', text }))] } };
    }),
  };
}

function orderBy(sort: SearchSort, hasText: boolean): SQL {
  switch (sort) {
    case 'price_asc':
      return sql`min_price_usd ASC, product_id ASC`;
    case 'price_desc':
      return sql`min_price_usd DESC, product_id ASC`;
    case 'newest':
      return sql`source_updated_at DESC, product_id ASC`;
    case 'relevance':
      return hasText
        ? sql`score DESC, source_updated_at DESC, product_id ASC`
        : sql`source_updated_at DESC, product_id ASC`;
  }
}

interface ResultRow extends Record<string, unknown> {
  total: number;
  categories: { slug: string; count: number }[];
  states: { code: string; count: number }[];
  prices: number[];
  hits: {
    product_id: string;
    seller_id: string;
    category_slug: string;
    origin_state: string;
    min_price_usd: string;
    titles: Record<string, string>;
    picture_url: string | null;
    score: number;
  }[];
}

async function run(db: Db, c: Checked, plan: QueryPlan | null): Promise<ResultRow> {
  const where: SQL[] = [sql`visible`];
  if (c.category) where.push(sql`category_path @> ARRAY[${c.category}]::text[]`);
  if (c.market) where.push(shownInMarket(c.market.code, c.market.at));
  if (c.state) where.push(sql`origin_state = ${c.state}`);
  if (c.min !== undefined) where.push(sql`min_price_usd >= ${c.min.toString()}::bigint`);
  if (c.max !== undefined) where.push(sql`min_price_usd <= ${c.max.toString()}::bigint`);
  if (c.inStock !== undefined) where.push(sql`in_stock = ${c.inStock}`);
  let score = sql`0`;
  if (plan) {
    const m = textMatch(plan);
    where.push(m.where);
    score = m.score;
  }
  const buckets = sql.join(
    PRICE_BUCKETS_USD.map(([lo, hi]) =>
      hi === null
        ? sql`count(*) FILTER (WHERE min_price_usd >= ${lo})::int`
        : sql`count(*) FILTER (WHERE min_price_usd >= ${lo} AND min_price_usd < ${hi})::int`,
    ),
    sql`, `,
  );
  const offset = (c.page - 1) * c.pageSize;
  const { rows } = await db.execute<ResultRow>(sql`
    WITH m AS MATERIALIZED (
      SELECT product_id, seller_id, category_slug, origin_state, min_price_usd, source_updated_at, titles,
             picture_url, (${score})::float8 AS score
      FROM search_documents
      WHERE ${sql.join(where, sql` AND `)}
    )
    SELECT
      (SELECT count(*)::int FROM m) AS total,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('slug', slug, 'count', n) ORDER BY n DESC, slug), '[]')
         FROM (SELECT category_slug AS slug, count(*)::int AS n FROM m GROUP BY 1) f) AS categories,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('code', code, 'count', n) ORDER BY n DESC, code), '[]')
         FROM (SELECT origin_state AS code, count(*)::int AS n FROM m GROUP BY 1) f) AS states,
      (SELECT jsonb_build_array(${buckets}) FROM m) AS prices,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('product_id', product_id, 'seller_id', seller_id,
                'category_slug', category_slug, 'origin_state', origin_state,
                'min_price_usd', min_price_usd::text, 'titles', titles, 'picture_url', picture_url,
                'score', score) ORDER BY rn), '[]')
         FROM (SELECT *, row_number() OVER (ORDER BY ${orderBy(c.sort, plan !== null)}) AS rn
               FROM m ORDER BY ${orderBy(c.sort, plan !== null)}
               LIMIT ${c.pageSize} OFFSET ${offset}) p) AS hits`);
  return rows[0]!;
}

/**
 * Searches visible products (with `market`: only those whose listing is eligible there at `at`). Every query word must match (synonyms and CJK bigrams expand a
 * word into an OR/AND group); when nothing matches, plain Latin words are retried together with
 * the indexed words closest to them by trigram similarity (ginsing → ginseng). Facets count the
 * whole matched set.
 *
 * @example await searchProducts(db, { q: '西洋参', locale: 'zh-Hans', state: 'WI', sort: 'price_asc' })
 */
export async function searchProducts(db: Db, query: SearchQuery): Promise<SearchResult> {
  const started = performance.now();
  const c = check(query);
  const plan = c.q ? planQuery(c.q) : null;
  let row: ResultRow | null = null;
  if (plan && plan.groups.length === 0)
    row = null; // only punctuation or symbols: nothing can match
  else {
    row = await run(db, c, plan);
    const corrected = plan && row.total === 0 ? await correctTypos(db, plan) : null;
    if (corrected) row = await run(db, c, corrected);
  }
  const hits: SearchHit[] = (row?.hits ?? []).map((h) => ({
    productId: h.product_id,
    sellerId: h.seller_id,
    title: pickTitle(h.titles, c.locale),
    titleLocale: titleLocaleOf(h.titles, c.locale),
    categorySlug: h.category_slug,
    originState: h.origin_state as UsState,
    minPriceUsd: money(BigInt(h.min_price_usd), 'USD'),
    pictureUrl: h.picture_url,
    score: Math.round(h.score * 10_000) / 10_000,
  }));
  return {
    total: row?.total ?? 0,
    hits,
    facets: {
      categories: row?.categories ?? [],
      states: row?.states ?? [],
      priceRangesUsd: PRICE_BUCKETS_USD.map(([min, max], i) => ({ min, max, count: row?.prices[i] ?? 0 })),
    },
    tookMs: Math.round((performance.now() - started) * 100) / 100,
  };
}
