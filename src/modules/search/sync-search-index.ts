import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import { invalid } from '../../kernel/errors.js';
import { allProductIds, productsForIndex } from '../catalog/index.js';
import { ANALYZER_ID } from './analyze.js';
import { indexDocuments, removeDocuments } from './index-documents.js';
import type { IndexableProduct } from './types.js';

export const PRODUCT_CHANGED_TOPIC = 'catalog.product_changed';
export const DEFAULT_SYNC_BATCH = 200;
/** catalog.productsForIndex reads at most 1000 products per call. */
export const MAX_SYNC_BATCH = 1000;

/** Where product documents come from: catalog in production, plain functions in tests. */
export interface ProductSource {
  productsForIndex(db: Db, productIds: string[]): Promise<IndexableProduct[]>;
  allProductIds(db: Db, opts: { afterId?: string; limit: number }): Promise<string[]>;
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
    const present = new Set(docs.map((d) => d.productId));
    // A product the catalog no longer returns was deleted: drop it from the index.
    await removeDocuments(
      tx,
      ids.filter((id) => !present.has(id)),
    );
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
 * ones the catalog no longer has). Returns how many products it indexed. Safe to run from
 * several processes at once (SELECT … FOR UPDATE SKIP LOCKED; stale documents never win).
 */
export function syncSearchIndex(db: Db, opts?: { batchSize?: number }): Promise<number> {
  return syncFrom(db, catalogSource, opts);
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
    done += docs.length;
    after = ids[ids.length - 1];
    onProgress?.(done, Math.max(total, done));
  }
  // Whatever this pass did not touch belongs to no product any more.
  await db.execute(sql`DELETE FROM search_documents WHERE indexed_at < ${started}::timestamptz`);
  // Words of deleted or retitled products leave the typo vocabulary.
  await db.execute(sql`
    DELETE FROM search_terms WHERE term NOT IN (
      SELECT DISTINCT unnest(string_to_array(latin_text, ' ')) FROM search_documents)`);
  await db.execute(sql`
    INSERT INTO search_index_state (key, value) VALUES ('analyzer', ${ANALYZER_ID})
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, at = now()`);
  return done;
}

/**
 * Rebuilds the whole index from the catalog (after an analyzer or ICU change, or to repair it),
 * page by page, without taking it offline; documents of deleted products are removed at the
 * end. Returns how many products it indexed.
 */
export function reindexAll(db: Db, onProgress?: (done: number, total: number) => void): Promise<number> {
  return reindexFrom(db, catalogSource, onProgress);
}

/** True when the index was built by another analyzer or ICU version (or never): run reindexAll. */
export async function searchIndexIsStale(db: Db): Promise<boolean> {
  const { rows } = await db.execute<{ value: string }>(
    sql`SELECT value FROM search_index_state WHERE key = 'analyzer'`,
  );
  return rows[0]?.value !== ANALYZER_ID;
}
