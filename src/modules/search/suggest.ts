import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import { isLocale, isMarketCode, type Locale } from '../../kernel/locales.ts';
import { normalize, units } from './analyze.ts';
import { shownInMarket } from './listing-markets.ts';
import { planPrefix } from './query-plan.ts';
import { pickTitle } from './search-products.ts';
import type { Suggestion } from './types.ts';

export const MAX_SUGGESTIONS = 8;
export const MAX_PREFIX_CHARS = 100;

interface Row extends Record<string, unknown> {
  product_id: string;
  titles: Record<string, string>;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Instant-search suggestions: up to 8 visible products (in `market`, only those shown there) whose text contains the prefix (the last
 * word may be unfinished: "ging" → ginseng, 花旗 → 花旗参), titles in `locale` starting with
 * the prefix first. When the words find nothing, the Latin words are matched by trigram word
 * similarity instead (typos: "chedar").
 */
export async function suggest(
  db: Db,
  prefix: string,
  locale: Locale,
  opts: { market?: string; at?: Date } = {},
): Promise<Suggestion[]> {
  if (!isLocale(locale)) throw invalid('search.invalid_query', `Unknown locale ${String(locale)}.`);
  if (opts.market !== undefined && !isMarketCode(opts.market)) {
    throw invalid('search.invalid_query', `Unknown market ${String(opts.market).slice(0, 8)}.`);
  }
  // Like search: in a market, only listings a buyer there may be shown.
  const inMarket = opts.market ? shownInMarket(opts.market, opts.at ?? new Date()) : sql`true`;
  const p = prefix.trim();
  if (p.length > MAX_PREFIX_CHARS) {
    throw invalid('search.invalid_query', `The prefix is longer than ${MAX_PREFIX_CHARS} characters.`);
  }
  const tsq = planPrefix(p);
  if (!tsq) return [];
  const starts = `${likeEscape(normalize(p))}%`;
  const { rows } = await db.execute<Row>(sql`
    SELECT product_id, titles FROM search_documents
    WHERE visible AND tsv @@ to_tsquery('simple', ${tsq}) AND ${inMarket}
    ORDER BY coalesce(titles_normalized->>${locale}, titles_normalized->>'en') LIKE ${starts} DESC,
             ts_rank_cd(tsv, to_tsquery('simple', ${tsq})) DESC,
             length(coalesce(titles->>${locale}, titles->>'en', '')), product_id
    LIMIT ${MAX_SUGGESTIONS}`);
  const found: Row[] = [...rows];
  const latin = units(normalize(p))
    .filter((u) => u.script === 'latin')
    .map((u) => u.text)
    .join(' ');
  if (found.length === 0 && latin.length >= 3) {
    const { rows: fuzzy } = await db.execute<Row>(sql`
      SELECT product_id, titles FROM search_documents
      WHERE visible AND ${latin} <% latin_text AND ${inMarket}
      ORDER BY word_similarity(${latin}, latin_text) DESC, product_id
      LIMIT ${MAX_SUGGESTIONS}`);
    found.push(...fuzzy);
  }
  return found.map((r) => ({ productId: r.product_id, title: pickTitle(r.titles, locale) }));
}
