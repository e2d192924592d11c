import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import { invalid } from '../../kernel/errors.ts';
import { allProductIds, productsForIndex } from '../catalog/index.ts';
import { INDEX_VERSION, indexDocuments, removeDocuments } from './index-documents.ts';
import { clearListingMarkets, type ListingMarketsRefresher } from './listing-markets.ts';
import type { IndexableProduct } from './types.ts';

export const PRODUCT_CHANGED_TOPIC = 'catalog.product_changed';
export const DEFAULT_SYNC_BATCH = 200;
/** catalog.productsForIndex reads at most 1000 products per call. */
export const MAX_SYNC_BATCH = 1000;

/** Where product documents come from: catalog in production, plain functions in tests. */
export interface ProductSource {
  productsForIndex(db: Db, productIds: string[]): Promise<IndexableProduct[]>;
  allProductIds(db: Db, opts: { afterId?: string; limit: number }): Promise<string[]>;
  /**
   * Rewrites the markets where the indexed products may be shown (the listing-eligibility flow).
   * Without it, a changed product is shown in no market until its markets are written again:
   * a product whose classification changed must never keep markets computed for the old one.
   */
  listingMarkets?: ListingMarketsRefresher;
}

/** After (re)indexing products: their markets recomputed, or cleared when nobody can recompute them. */
async function updateListingMarkets(db: Db, source: ProductSource, docs: readonly IndexableProduct[]) {
  if (docs.length === 0) return;
  if (source.listingMarkets) {
    await source.listingMarkets(
      db,
      docs.map((d) => ({ productId: d.productId, sellerId: d.sellerId })),
    );
  } else {
    await clearListingMarkets(
      db,
      docs.map((d) => d.productId),
    );
  }
}

export const catalogSource: ProductSource = { productsForIndex, allProductIds };

interface OutboxRow extends Record<string, unknown> {
  id: string;
  key: string;
}

/**
 * One batch: claims unprocessed events (SKIP LOCKED, so concurrent indexers take disjoint
 * rows), re-reads the products they name, upserts or removes them and marks the events, all in
 * one transaction: a crash leaves the events unprocessed, to be retried. Returns the number of
 * distinct products indexed or removed, or null when there was nothing to do.
 */
async function syncBatch(db: Db, source: ProductSource, batchSize: number): Promise<number | null> {
  return inTransaction(db, async (tx) => {
    const { rows } = await tx.execute<OutboxRow>(sql`
      SELECT id::text AS id, key FROM outbox
      WHERE topic = ${PRODUCT_CHANGED_TOPIC} AND processed_at IS NULL
      ORDER BY id
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED`);
    if (rows.length === 0) return null;
    const ids = [...new Set(rows.map((r) => r.key))];
    const docs = await source.productsForIndex(tx, ids);
    await indexDocuments(tx, docs);
    await updateListingMarkets(tx, source, docs);
    const present = new Set(docs.map((d) => d.productId));
    // A product the catalog no longer returns was deleted: drop it from the index.
    const gone = ids.filter((id) => !present.has(id));
    await removeDocuments(tx, gone);
    await clearListingMarkets(tx, gone);
    await tx.execute(sql`
      UPDATE outbox SET processed_at = now()
      WHERE id = ANY(${sql.param(rows.map((r) => r.id))}::bigint[])`);
    return ids.length;
  });
}

export async function syncFrom(
  db: Db,
  source: ProductSource,
  opts: { batchSize?: number } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? DEFAULT_SYNC_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_SYNC_BATCH) {
    throw invalid('search.invalid_batch_size', `The batch size is 1 to ${MAX_SYNC_BATCH}.`);
  }
  let total = 0;
  for (;;) {
    const n = await syncBatch(db, source, batchSize);
    if (n === null) return total;
    total += n;
  }
}

/**
 * Consumes outbox 'catalog.product_changed' rows (marking processed_at) in batches until none
 * is left: re-reads the products via catalog.productsForIndex and upserts them (or removes the
 * ones the catalog no longer has), and has `listingMarkets` rewrite their markets in the same
 * transaction. Returns how many products it indexed. Safe to run from several processes at once
 * (SELECT … FOR UPDATE SKIP LOCKED; stale documents never win).
 */
export function syncSearchIndex(
  db: Db,
  opts: { batchSize?: number; listingMarkets?: ListingMarketsRefresher } = {},
): Promise<number> {
  return syncFrom(db, { ...catalogSource, listingMarkets: opts.listingMarkets }, opts);
}

const REINDEX_PAGE = 500;

export async function reindexFrom(
  db: Db,
  source: ProductSource,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const { rows } = await db.execute<{ started: string }>(sql`SELECT clock_timestamp()::text AS started`);
  const started = rows[0]!.started;
  // First pass counts (ids only) so progress has a denominator.
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const ids = await source.allProductIds(db, { afterId: after, limit: 10_000 });
    if (ids.length === 0) break;
    total += ids.length;
    after = ids[ids.length - 1];
  }
  let done = 0;
  after = undefined;
  for (;;) {
    const ids = await source.allProductIds(db, { afterId: after, limit: REINDEX_PAGE });
    if (ids.length === 0) break;
    const docs = await source.productsForIndex(db, ids);
    await indexDocuments(db, docs);
    await updateListingMarkets(db, source, docs);
    done += docs.length;
    after = ids[ids.length - 1];
    onProgress?.(done, Math.max(total, done));
  }
  // Whatever this pass did not touch belongs to no product any more.
  await db.execute(sql`DELETE FROM search_documents WHERE indexed_at < ${started}::timestamptz`);
  await db.execute(sql`
    DELETE FROM search_listing_markets lm
     WHERE NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.product_id = lm.product_id)`);
  // Words of deleted or retitled products leave the typo vocabulary.
  await db.execute(sql`
    DELETE FROM search_terms WHERE term NOT IN (
      SELECT DISTINCT unnest(string_to_array(latin_text, ' ')) FROM search_documents)`);
  await db.execute(sql`
    INSERT INTO search_index_state (key, value) VALUES ('analyzer', ${INDEX_VERSION})
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, at = now()`);
  return done;
}

/**
 * Rebuilds the whole index from the catalog (after an analyzer or ICU change, or to repair it),
 * page by page, without taking it offline, with each page's markets rewritten by
 * `listingMarkets`; documents of deleted products are removed at the end. Returns how many
 * products it indexed.
 */
export function reindexAll(
  db: Db,
  onProgress?: (done: number, total: number) => void,
  opts: { listingMarkets?: ListingMarketsRefresher } = {},
): Promise<number> {
  return reindexFrom(db, { ...catalogSource, listingMarkets: opts.listingMarkets }, onProgress);
}

/** True when the index was built by another analyzer, ICU or document version (or never): run reindexAll. */
export async function searchIndexIsStale(db: Db): Promise<boolean> {
  const { rows } = await db.execute<{ value: string }>(
    sql`SELECT value FROM search_index_state WHERE key = 'analyzer'`,
  );
  return rows[0]?.value !== INDEX_VERSION;
}
