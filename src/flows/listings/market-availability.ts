import type { Db } from '../../db/database.ts';
import type { MarketCode } from '../../kernel/locales.ts';
import type * as compliance from '../../modules/compliance/index.ts';
import * as trust from '../../modules/trust/index.ts';
import { type ListingRef, listingsEligibility } from './listing-eligibility.ts';

/** Why a listing may not be sold in a market. */
export type MarketRefusal =
  | { productId: string; reason: 'not_eligible'; eligibility: compliance.MarketEligibility }
  | { productId: string; reason: 'brand_not_authorized'; brandId: string };

/**
 * Whether listings may be sold in a market at an instant, as checkout and the product page both
 * ask it: each must be eligible there (prohibitions, the documents its seller holds), and each
 * brand it names must have authorized its seller there. Returns the first refusal, or null: an
 * ineligible listing first, in the order given; else the first unauthorized brand link (by
 * product, then brand). Four queries at most, whatever the number of listings or brands.
 * @example await marketAvailability(ctx.db, [listing], 'CN', clock.now()) // null: sold in CN
 */
export async function marketAvailability(
  db: Db,
  listings: readonly ListingRef[],
  market: MarketCode,
  at: Date,
): Promise<MarketRefusal | null> {
  const [eligibility, unauthorized] = await Promise.all([
    listingsEligibility(db, listings, market, at),
    listingsNotAuthorizedIn(db, listings, market, at),
  ]);
  for (const l of listings) {
    const e = eligibility.get(l.productId)!;
    if (e.status !== 'eligible') return { productId: l.productId, reason: 'not_eligible', eligibility: e };
  }
  const first = unauthorized[0];
  return first
    ? { productId: first.productId, reason: 'brand_not_authorized', brandId: first.brandId }
    : null;
}

/**
 * Listings that name a brand whose owner has not authorized their seller in this market (an
 * authorization may be limited to some markets, e.g. a distributor holds another country). The
 * listing check holds a listing no authorization covers anywhere; this is the per-market part.
 * Two queries: the listings' brand links, then every authorization they need; one when no
 * listing names a brand.
 */
async function listingsNotAuthorizedIn(
  db: Db,
  listings: readonly { productId: string }[],
  market: MarketCode,
  at: Date,
): Promise<{ productId: string; brandId: string }[]> {
  const links = await trust.brandLinksOfListings(
    db,
    listings.map((l) => l.productId),
  );
  const refused = await trust.unauthorizedBrandLinks(db, links, { market, at });
  return refused.map((l) => ({ productId: l.productId, brandId: l.brandId }));
}
