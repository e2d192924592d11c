import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { SellerId } from '../../kernel/ids.ts';
import * as catalog from '../../modules/catalog/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import { assertListingAccess } from './seller-access.ts';

/** What listing writes need: the database and clock, and the listing check run in their transaction. */
export interface ListingCtx extends Ctx {
  /** Make it once (listingCheck(ctx)) and keep it: it keeps its own fingerprint index warm. */
  listingCheck: catalog.ListingCheck;
}

/**
 * Lists a product for a seller: shown to buyers once active and the seller verified, and once the
 * listing checks (brands, images, prices) run in the same transaction find nothing to hold.
 */
export async function createListing(
  ctx: ListingCtx,
  principal: Principal | null,
  sellerId: SellerId,
  input: catalog.ProductInput,
): Promise<catalog.ProductView> {
  assertListingAccess(principal, sellerId);
  const seller = await sellers.getSeller(ctx.db, sellerId);
  return catalog.createProduct(ctx, sellerId, seller.state === 'verified', input, ctx.listingCheck);
}
