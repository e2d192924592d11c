import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../kernel/errors.ts';
import { isId } from '../../../kernel/ids.ts';
import type { Locale } from '../../../kernel/locales.ts';
import {
  type PublicReview,
  type RatingSummary,
  type Review,
  type ReviewRow,
  ratingSummary,
  toPublicReview,
  toReview,
} from './review-view.ts';

export const reviewNotFound = (reviewId: string) =>
  notFound('trust.review_not_found', 'No such review.', { reviewId });

/** One review whatever its status: callers decide who may see a held or removed one. */
export async function getReview(db: Db, id: string, opts: { forUpdate?: boolean } = {}): Promise<Review> {
  if (!isId('rev', id)) throw reviewNotFound(id);
  const lock = opts.forUpdate ? sql` FOR UPDATE` : sql``;
  const { rows } = await db.execute<ReviewRow>(sql`SELECT * FROM trust_reviews WHERE id = ${id}${lock}`);
  if (!rows[0]) throw reviewNotFound(id);
  return toReview(rows[0]);
}

/** The review of each line of an order there is one for (the buyer's own view). */
export async function reviewsOfOrder(db: Db, orderId: string): Promise<Review[]> {
  const { rows } = await db.execute<ReviewRow>(
    sql`SELECT * FROM trust_reviews WHERE order_id = ${orderId} ORDER BY line_no`,
  );
  return rows.map(toReview);
}

export const MAX_REVIEWS_PAGE = 100;

/**
 * Published reviews of a product, newest first, optionally only those written in one locale.
 * The cursor is the last review id of the previous page (ids are time-ordered).
 */
export async function listProductReviews(
  db: Db,
  input: { productId: string; locale?: Locale; limit?: number; cursor?: string },
): Promise<{ reviews: PublicReview[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(input.limit ?? 20), 1), MAX_REVIEWS_PAGE);
  const where = [sql`product_id = ${input.productId}`, sql`status = 'published'`];
  if (input.locale) where.push(sql`locale = ${input.locale}`);
  if (input.cursor) where.push(sql`id < ${input.cursor}`);
  const { rows } = await db.execute<ReviewRow>(sql`
    SELECT * FROM trust_reviews WHERE ${sql.join(where, sql` AND `)} ORDER BY id DESC LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit).map((r) => toPublicReview(toReview(r)));
  return { reviews: page, nextCursor: rows.length > limit ? page.at(-1)!.id : null };
}

async function countsBy(db: Db, column: 'product_id' | 'seller_id', id: string) {
  const { rows } = await db.execute<{ product_id: string; rating: number; n: string }>(sql`
    SELECT product_id, rating, count(*)::text AS n FROM trust_reviews
     WHERE ${sql.raw(column)} = ${id} AND status = 'published' GROUP BY product_id, rating ORDER BY product_id`);
  return rows;
}

/** Count, average and histogram of a product's published reviews. */
export async function productRatingSummary(db: Db, productId: string): Promise<RatingSummary> {
  const rows = await countsBy(db, 'product_id', productId);
  return ratingSummary(new Map(rows.map((r) => [r.rating, Number(r.n)])));
}

/** A seller's published reviews summed across its products, and per product. */
export async function sellerRatingSummary(
  db: Db,
  sellerId: string,
): Promise<{ summary: RatingSummary; products: { productId: string; summary: RatingSummary }[] }> {
  const rows = await countsBy(db, 'seller_id', sellerId);
  const all = new Map<number, number>();
  const byProduct = new Map<string, Map<number, number>>();
  for (const r of rows) {
    all.set(r.rating, (all.get(r.rating) ?? 0) + Number(r.n));
    const m = byProduct.get(r.product_id) ?? new Map<number, number>();
    m.set(r.rating, Number(r.n));
    byProduct.set(r.product_id, m);
  }
  return {
    summary: ratingSummary(all),
    products: [...byProduct].map(([productId, m]) => ({ productId, summary: ratingSummary(m) })),
  };
}
