import type { Principal } from '../../kernel/access.ts';
import type { ProductId, SellerId } from '../../kernel/ids.ts';
import * as catalog from '../../modules/catalog/index.ts';
import type { ListingCtx } from './create-listing.ts';
import { assertListingAccess } from './seller-access.ts';

/** Changes a seller's listing; the listing checks run again in the same transaction. */
export async function updateListing(
  ctx: ListingCtx,
  principal: Principal | null,
  input: { sellerId: SellerId; productId: ProductId; patch: catalog.ProductPatch },
): Promise<catalog.ProductView> {
  assertListingAccess(principal, input.sellerId);
  return catalog.updateProduct(ctx, input.sellerId, input.productId, input.patch, ctx.listingCheck);
}
