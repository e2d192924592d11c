import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { isDomainError, notFound } from '../../kernel/errors.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { MARKET_CODES, type MarketCode } from '../../kernel/locales.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as search from '../../modules/search/index.ts';

/**
 * Where a listing may be sold: the product's classification (catalog) against each market's
 * prohibitions and document requirements (compliance), given the documents its seller holds.
 * The answer is kept in search's own table, so buyers see a listing only where it is eligible.
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

/**
 * Category slug → slugs from the root down to it. The tree changes only by an admin's hand, so
 * the checkout reads it from a copy up to five seconds old rather than ask the database each time.
 */
async function categoryPaths(db: Db): Promise<Map<string, string[]>> {
  return new Map((await catalog.listCategories(db)).map((c) => [c.slug, c.path]));
}

/** The same, from a copy at most five seconds old (the checkout's hot path). */
async function recentCategoryPaths(db: Db): Promise<Map<string, string[]>> {
  const now = Date.now();
  if (cachedPaths && cachedPaths.db === db && now - cachedPaths.at < PATHS_TTL_MS) return cachedPaths.paths;
  const paths = catalog.listCategories(db).then((cs) => new Map(cs.map((c) => [c.slug, c.path])));
  cachedPaths = { db, at: now, paths };
  paths.catch(() => {
    if (cachedPaths?.paths === paths) cachedPaths = null;
  });
  return paths;
}

function factsFor(
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

/** One listing in one market at an instant (checkout, the storefront). */
export async function listingEligibility(
  ctx: Ctx,
  product: ListingRef,
  market: MarketCode,
  at: Date,
): Promise<compliance.MarketEligibility> {
  const [documents, paths] = await Promise.all([
    compliance.listSellerDocuments(ctx.db, product.sellerId),
    categoryPaths(ctx.db),
  ]);
  return compliance.evaluateListing(factsFor(product, paths, documents), market, { at });
}

/**
 * Several listings in one market at an instant (a checkout's cart): two queries whatever the
 * number of listings or sellers. Keyed by product id.
 */
export async function listingsEligibility(
  ctx: Ctx,
  products: readonly ListingRef[],
  market: MarketCode,
  at: Date,
): Promise<Map<string, compliance.MarketEligibility>> {
  const [documents, paths] = await Promise.all([
    compliance.documentsOfSellers(
      ctx.db,
      products.map((p) => p.sellerId),
    ),
    recentCategoryPaths(ctx.db),
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

/** The periods in which a listing may be shown, per market, as instants for search. */
function marketWindows(facts: compliance.ListingFacts, at: Date): search.ListingMarketWindow[] {
  return MARKET_CODES.flatMap((market) => {
    const today = compliance.marketDate(market, at);
    return compliance.eligibleWindows(facts, market, today).map((w) => ({
      market,
      from: compliance.marketDayStart(market, w.from),
      until: w.until === null ? null : compliance.marketDayStart(market, compliance.addDays(w.until, 1)),
    }));
  });
}

/**
 * Rewrites where the given listings may be shown, under the sellers' document locks: a document
 * being recorded at the same moment is either seen here or re-evaluates these listings after.
 */
async function writeListingMarkets(
  tx: Db,
  clock: Clock,
  products: readonly ListingRef[],
  documents: Map<string, compliance.SellerDocument[]>,
): Promise<void> {
  const paths = await categoryPaths(tx);
  const at = clock.now();
  await search.setListingMarkets(
    tx,
    products.map((p) => ({
      productId: p.productId,
      windows: marketWindows(factsFor(p, paths, documents.get(p.sellerId) ?? []), at).filter(
        (w) => !p.bondedOnly || w.market === 'CN',
      ),
    })),
  );
}

const isBondedOnly = (p: { variants: readonly { fulfilledFrom: string }[] }): boolean =>
  p.variants.length > 0 && p.variants.every((v) => v.fulfilledFrom === 'CN_BONDED');

/** What eligibility needs of products known only by id; ids the catalog does not have are left out. */
async function listingRefs(db: Db, productIds: readonly string[]): Promise<ListingRef[]> {
  const out: ListingRef[] = [];
  for (const id of productIds) {
    try {
      const p = await catalog.getProduct(db, id, { includeHidden: true });
      out.push({
        productId: p.id,
        sellerId: p.sellerId,
        kind: p.kind,
        hsCode: p.hsCode,
        categorySlug: p.categorySlug,
        bondedOnly: isBondedOnly(p),
      });
    } catch (e) {
      if (!(isDomainError(e) && e.kind === 'not_found')) throw e;
    }
  }
  return out;
}

/** Recomputes the markets of some products (search calls it for every product it indexes). */
export async function refreshListingMarkets(
  ctx: Ctx,
  products: readonly { productId: string; sellerId: string }[],
): Promise<void> {
  if (products.length === 0) return;
  await inTransaction(ctx.db, async (tx) => {
    const sellerIds = [...new Set(products.map((p) => p.sellerId))];
    await compliance.lockSellerDocuments(tx, sellerIds);
    const refs = await listingRefs(
      tx,
      products.map((p) => p.productId),
    );
    const found = new Set(refs.map((r) => r.productId));
    await search.clearListingMarkets(
      tx,
      products.map((p) => p.productId).filter((id) => !found.has(id)),
    );
    await writeListingMarkets(tx, ctx.clock, refs, await compliance.documentsOfSellers(tx, sellerIds));
  });
}

const SELLER_PAGE = 500;

/** Recomputes the markets of every listing of a seller (after its documents changed). Call inside a transaction. */
export async function refreshSellerListings(tx: Db, clock: Clock, sellerId: string): Promise<void> {
  await compliance.lockSellerDocuments(tx, [sellerId]);
  const documents = await compliance.documentsOfSellers(tx, [sellerId]);
  let afterId: string | undefined;
  for (;;) {
    const page = await catalog.listSellerProducts(tx, sellerId as SellerId, {
      afterId,
      limit: SELLER_PAGE,
    });
    if (page.length === 0) return;
    await writeListingMarkets(
      tx,
      clock,
      page.map((p) => ({
        productId: p.id,
        sellerId: p.sellerId,
        kind: p.kind,
        hsCode: p.hsCode,
        categorySlug: p.categorySlug,
        bondedOnly: isBondedOnly(p),
      })),
      documents,
    );
    afterId = page[page.length - 1]!.id;
  }
}

/** The refresher search's indexer calls: markets kept current with every product change. */
export function listingMarketsRefresher(clock: Clock): search.ListingMarketsRefresher {
  return (db, products) => refreshListingMarkets({ db, clock }, products);
}

/** search.syncSearchIndex with markets kept current: what the server's background job runs. */
export function syncListingIndex(ctx: Ctx, opts: { batchSize?: number } = {}): Promise<number> {
  return search.syncSearchIndex(ctx.db, { ...opts, listingMarkets: listingMarketsRefresher(ctx.clock) });
}

/** search.reindexAll with every product's markets recomputed (`heartland reindex`). */
export function reindexListings(
  ctx: Ctx,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  return search.reindexAll(ctx.db, onProgress, { listingMarkets: listingMarketsRefresher(ctx.clock) });
}
