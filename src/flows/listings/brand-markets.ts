import type { Db } from '../../db/database.ts';
import type { MarketCode } from '../../kernel/locales.ts';
import * as trust from '../../modules/trust/index.ts';

/**
 * Listings that name a brand whose owner has not authorized their seller in this market (an
 * authorization may be limited to some markets, e.g. a distributor holds another country). The
 * listing check holds a listing no authorization covers anywhere; this is the per-market part,
 * asked at checkout and on the product page. One query when no listing in the cart names a brand.
 */
export async function listingsNotAuthorizedIn(
  db: Db,
  listings: readonly { productId: string; sellerId: string }[],
  market: MarketCode,
  at: Date,
): Promise<{ productId: string; brandId: string }[]> {
  const links = await trust.brandLinksOfListings(
    db,
    listings.map((l) => l.productId),
  );
  const refused: { productId: string; brandId: string }[] = [];
  for (const link of links) {
    const authorized = await trust.isSellerAuthorized(db, {
      brandId: link.brandId,
      sellerId: link.sellerId,
      productId: link.productId,
      market,
      at,
    });
    if (!authorized) refused.push({ productId: link.productId, brandId: link.brandId });
  }
  return refused;
}
