import type { Db } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import { MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';

/**
 * Where a listing may be sold: the product's classification (catalog) against each market's
 * prohibitions and document requirements (compliance), given the documents its seller holds.
 */

/** What of a product decides its eligibility. */
export interface ListingRef {
  productId: string;
  sellerId: string;
  kind: compliance.ProductKind;
  hsCode: string | null;
  categorySlug: string;
  /** Every variant's stock sits in a Chinese bonded zone: it can be delivered only in mainland China. */
  bondedOnly?: boolean;
}

export interface ProductEligibility {
  productId: string;
  sellerId: string;
  kind: compliance.ProductKind;
  hsCode: string | null;
  markets: compliance.MarketEligibility[];
}

const PATHS_TTL_MS = 5_000;
let cachedPaths: { db: Db; at: number; paths: Promise<Map<string, string[]>> } | null = null;

/** Category slug → slugs from the root down to it. */
export async function categoryPaths(db: Db): Promise<Map<string, string[]>> {
  return new Map((await catalog.listCategories(db)).map((c) => [c.slug, c.path]));
}

/**
 * The same, from a copy at most five seconds old (the checkout's hot path): the tree changes only
 * by an admin's hand, so it need not be asked of the database each time.
 */
async function recentCategoryPaths(db: Db): Promise<Map<string, string[]>> {
  const now = Date.now();
  if (cachedPaths && cachedPaths.db === db && now - cachedPaths.at < PATHS_TTL_MS) return cachedPaths.paths;
  const paths = catalog.listCategories(db).then((cs) => new Map(cs.map((c) => [c.slug, c.path])));
  cachedPaths = { db, at: now, paths };
  // A failed read is not kept: the caller still gets the rejection, the next call asks again.
  paths.catch(() => {
    if (cachedPaths?.paths === paths) cachedPaths = null;
  });
  return paths;
}

export function factsFor(
  product: ListingRef,
  paths: Map<string, string[]>,
  documents: readonly compliance.SellerDocument[],
): compliance.ListingFacts {
  return {
    productKind: product.kind,
    hsCode: product.hsCode,
    categoryPath: paths.get(product.categorySlug) ?? [product.categorySlug],
    documents,
  };
}

/**
 * A seller's product in every market, on a day (each market's today when omitted): eligible,
 * restricted (with what to obtain) or prohibited, why, and until when.
 * @example await productEligibility(ctx, { sellerId, productId }) // markets[0]: { market: 'CN', status: 'restricted', missing: [...] }
 */
export async function productEligibility(
  ctx: Ctx,
  input: { sellerId: string; productId: string; on?: string },
): Promise<ProductEligibility> {
  const product = await catalog.getProduct(ctx.db, input.productId, { includeHidden: true });
  if (product.sellerId !== input.sellerId) {
    throw notFound('catalog.product_not_found', 'No such product.', { productId: input.productId });
  }
  const [documents, paths] = await Promise.all([
    compliance.listSellerDocuments(ctx.db, product.sellerId),
    categoryPaths(ctx.db),
  ]);
  const facts = factsFor({ ...product, productId: product.id }, paths, documents);
  const at = ctx.clock.now();
  return {
    productId: product.id,
    sellerId: product.sellerId,
    kind: product.kind,
    hsCode: product.hsCode,
    markets: MARKET_CODES.map((m) => compliance.evaluateListing(facts, m, { at, day: input.on })),
  };
}

/**
 * Several listings in one market at an instant (a cart, a product page): two queries whatever the
 * number of listings or sellers. Keyed by product id.
 */
export async function listingsEligibility(
  db: Db,
  products: readonly ListingRef[],
  market: MarketCode,
  at: Date,
): Promise<Map<string, compliance.MarketEligibility>> {
  const [documents, paths] = await Promise.all([
    compliance.documentsOfSellers(
      db,
      products.map((p) => p.sellerId),
    ),
    recentCategoryPaths(db),
  ]);
  return new Map(
    products.map((p) => [
      p.productId,
      compliance.evaluateListing(factsFor(p, paths, documents.get(p.sellerId) ?? []), market, {
        at,
        untilNotNeeded: true,
      }),
    ]),
  );
}
