import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { ProductId, SellerId } from '../../kernel/ids.ts';
import * as catalog from '../../modules/catalog/index.ts';
import { assertListingAccess } from './seller-access.ts';

/** A seller's listings, hidden ones included, newest first, for its staff or a platform admin. */
export async function listSellerListings(
  ctx: Ctx,
  principal: Principal | null,
  input: { sellerId: SellerId; limit?: number; afterId?: ProductId },
): Promise<catalog.ProductView[]> {
  assertListingAccess(principal, input.sellerId);
  return catalog.listSellerProducts(ctx.db, input.sellerId, { limit: input.limit, afterId: input.afterId });
}
