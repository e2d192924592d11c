import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { invalid } from '../../kernel/errors.ts';
import { LOCALES } from '../../kernel/locales.ts';
import { isUsState, US_STATES } from '../../kernel/us-states.ts';
import { ANALYZER_ID, normalize, tokenize, units } from './analyze.ts';

/**
 * What built the index: the analyzer, and the shape of the document. Bump DOCUMENT_VERSION whenever a
 * document carries something new (2: the picture URL), so the next start rewrites every row.
 */
export const DOCUMENT_VERSION = 2;
export const INDEX_VERSION = `${ANALYZER_ID}/doc-${DOCUMENT_VERSION}`;

import type { IndexableProduct } from './types.ts';

/** Long descriptions add little to recall and a lot to the index: only their start is indexed. */
const MAX_FIELD_CHARS = 8_000;
/** Rows per INSERT: one jsonb parameter each, so the statement size stays bounded. */
const BATCH = 500;

interface Row {
  product_id: string;
  seller_id: string;
  category_slug: string;
  category_path: string[];
  origin_state: string;
  visible: boolean;
  min_price_usd: string;
  max_price_usd: string;
  in_stock: boolean;
  title_tokens: string;
  meta_tokens: string;
  body_tokens: string;
  latin_text: string;
  titles: Record<string, string>;
  titles_normalized: Record<string, string>;
  picture_url: string | null;
  source_updated_at: string;
  analyzer: string;
}

const terms = (texts: (string | null | undefined)[]) =>
  texts
    .filter((t): t is string => !!t)
    .map((t) => tokenize(t.slice(0, MAX_FIELD_CHARS)).join(' '))
    .filter(Boolean)
    .join(' ');

function check(doc: IndexableProduct): void {
  const bad = (reason: string) =>
    invalid('search.invalid_document', `Product ${doc.productId} cannot be indexed: ${reason}.`, {
      productId: doc.productId,
    });
  if (!doc.productId || doc.productId.length > 100) throw bad('the product id is missing or too long');
  if (!doc.sellerId || doc.sellerId.length > 100) throw bad('the seller id is missing or too long');
  if (!isUsState(doc.originState)) throw bad(`${doc.originState} is not a US state`);
  if (doc.minPriceUsd.currency !== 'USD' || doc.maxPriceUsd.currency !== 'USD')
    throw bad('prices must be USD');
  if (doc.minPriceUsd.amount < 0n || doc.maxPriceUsd.amount < doc.minPriceUsd.amount) {
    throw bad('the price range is negative or inverted');
  }
  if (Number.isNaN(Date.parse(doc.updatedAt))) throw bad('updatedAt is not a timestamp');
  if (
    doc.pictureUrl != null &&
    (doc.pictureUrl.length > 2048 || !/^(https:\/\/|\/[^/])/.test(doc.pictureUrl))
  ) {
    throw bad('the picture URL is not an https URL or a path on this site');
  }
}

/** The search row for one product: every locale's text analyzed once, with field weights. */
export function toRow(doc: IndexableProduct): Row {
  check(doc);
  const titles: Record<string, string> = {};
  const titlesNormalized: Record<string, string> = {};
  for (const locale of LOCALES) {
    const t = doc.translations[locale]?.title?.trim();
    if (t) {
      titles[locale] = t;
      titlesNormalized[locale] = normalize(t);
    }
  }
  const descriptions = LOCALES.map((l) => doc.translations[l]?.description);
  const categoryNames = LOCALES.map((l) => doc.categoryNames[l]);
  // Typo matching works on Latin words: the English title (or any title, if there is none) and brand.
  const latinSource = [titles.en ?? Object.values(titles).join(' '), doc.brand ?? ''].join(' ');
  const latin = units(normalize(latinSource))
    .filter((u) => u.script === 'latin')
    .map((u) => u.text);
  const path = doc.categoryPath.includes(doc.categorySlug)
    ? [...doc.categoryPath]
    : [...doc.categoryPath, doc.categorySlug];
  return {
    product_id: doc.productId,
    seller_id: doc.sellerId,
    category_slug: doc.categorySlug,
    category_path: path,
    origin_state: doc.originState,
    visible: doc.visible,
    min_price_usd: doc.minPriceUsd.amount.toString(),
    max_price_usd: doc.maxPriceUsd.amount.toString(),
    in_stock: doc.inStock,
    title_tokens: terms([...Object.values(titles), doc.brand]),
    meta_tokens: terms([...categoryNames, doc.categorySlug.replaceAll('-', ' '), US_STATES[doc.originState]]),
    body_tokens: terms(descriptions),
    latin_text: latin.join(' '),
    titles,
    titles_normalized: titlesNormalized,
    picture_url: doc.pictureUrl ?? null,
    source_updated_at: new Date(doc.updatedAt).toISOString(),
    analyzer: ANALYZER_ID,
  };
}

/**
 * Upserts products into the index. A document older than the one indexed (by the catalog's
 * `updatedAt`) is ignored, so concurrent or late indexers never roll a product back. Rows are
 * written in product-id order, so two indexers with overlapping batches cannot deadlock.
 */
export async function indexDocuments(db: Db, docs: readonly IndexableProduct[]): Promise<void> {
  const latest = new Map<string, Row>();
  for (const doc of docs) {
    const row = toRow(doc);
    const prior = latest.get(row.product_id);
    if (!prior || prior.source_updated_at <= row.source_updated_at) latest.set(row.product_id, row);
  }
  const rows = [...latest.values()].sort((a, b) => (a.product_id < b.product_id ? -1 : 1));
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = JSON.stringify(rows.slice(i, i + BATCH));
    await db.execute(sql`
      INSERT INTO search_documents (product_id, seller_id, category_slug, category_path, origin_state, visible,
        min_price_usd, max_price_usd, in_stock, title_tokens, meta_tokens, body_tokens, latin_text, titles,
        titles_normalized, picture_url, source_updated_at, analyzer, indexed_at)
      SELECT product_id, seller_id, category_slug, category_path, origin_state, visible,
        min_price_usd, max_price_usd, in_stock, title_tokens, meta_tokens, body_tokens, latin_text, titles,
        titles_normalized, picture_url, source_updated_at, analyzer, clock_timestamp()
      FROM jsonb_to_recordset(${batch}::jsonb) AS r(product_id text, seller_id text, category_slug text,
        category_path text[], origin_state text, visible boolean, min_price_usd bigint, max_price_usd bigint,
        in_stock boolean, title_tokens text, meta_tokens text, body_tokens text, latin_text text, titles jsonb,
        titles_normalized jsonb, picture_url text, source_updated_at timestamptz, analyzer text)
      ON CONFLICT (product_id) DO UPDATE SET
        seller_id = EXCLUDED.seller_id, category_slug = EXCLUDED.category_slug,
        category_path = EXCLUDED.category_path, origin_state = EXCLUDED.origin_state,
        visible = EXCLUDED.visible, min_price_usd = EXCLUDED.min_price_usd,
        max_price_usd = EXCLUDED.max_price_usd, in_stock = EXCLUDED.in_stock,
        title_tokens = EXCLUDED.title_tokens, meta_tokens = EXCLUDED.meta_tokens,
        body_tokens = EXCLUDED.body_tokens, latin_text = EXCLUDED.latin_text, titles = EXCLUDED.titles,
        titles_normalized = EXCLUDED.titles_normalized, picture_url = EXCLUDED.picture_url,
        source_updated_at = EXCLUDED.source_updated_at,
        analyzer = EXCLUDED.analyzer, indexed_at = EXCLUDED.indexed_at
      WHERE search_documents.source_updated_at <= EXCLUDED.source_updated_at`);
  }
  await addTerms(db, rows);
}

/** Adds title and brand words to the typo-correction vocabulary (sorted: a fixed lock order). */
async function addTerms(db: Db, rows: readonly Row[]): Promise<void> {
  const words = new Set<string>();
  for (const r of rows) {
    for (const w of r.latin_text.split(' '))
      if (w.length >= 3 && w.length <= 60 && !/^\d+$/.test(w)) words.add(w);
  }
  if (words.size === 0) return;
  await db.execute(sql`
    INSERT INTO search_terms (term)
    SELECT t FROM unnest(${sql.param([...words].sort())}::text[]) AS t ORDER BY t
    ON CONFLICT (term) DO NOTHING`);
}

/** Removes products from the index (deleted in the catalog). Unknown ids are ignored. */
export async function removeDocuments(db: Db, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  await db.execute(sql`
    DELETE FROM search_documents
    WHERE product_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(productIds)}::jsonb))`);
}
