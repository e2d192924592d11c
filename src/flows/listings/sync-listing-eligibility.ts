import type { Db } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { MARKET_CODES } from '../../kernel/locales.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as search from '../../modules/search/index.ts';
import { categoryPaths, factsFor, type ListingRef } from './listing-eligibility.ts';

/**
 * Keeps where each listing may be shown in search's own table, so buyers see a listing only where
 * it is eligible: recomputed with every product change (the indexer), and for all of a seller's
 * listings when its documents change.
 */

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

const listingRef = (p: catalog.ProductView): ListingRef => ({
  productId: p.id,
  sellerId: p.sellerId,
  kind: p.kind,
  hsCode: p.hsCode,
  categorySlug: p.categorySlug,
  bondedOnly: isBondedOnly(p),
});

/** Recomputes the markets of some products (search calls it for every product it indexes). */
export async function refreshListingMarkets(
  ctx: Ctx,
  products: readonly { productId: string; sellerId: string }[],
): Promise<void> {
  if (products.length === 0) return;
  await inTransaction(ctx.db, async (tx) => {
    const sellerIds = [...new Set(products.map((p) => p.sellerId))];
    await compliance.lockSellerDocuments(tx, sellerIds);
    // One read for the whole batch; ids the catalog does not have are left out.
    const refs = (
      await catalog.getProducts(
        tx,
        products.map((p) => p.productId),
      )
    ).map(listingRef);
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
    await writeListingMarkets(tx, clock, page.map(listingRef), documents);
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
