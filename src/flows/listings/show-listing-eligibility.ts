import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { type ProductEligibility, productEligibility } from './listing-eligibility.ts';
import { assertDocumentAccess } from './seller-access.ts';

/**
 * Where one of a seller's listings may be sold, per market, for the seller's staff or a platform
 * admin (the documents decide it, so the documents' access rule applies).
 */
export async function showListingEligibility(
  ctx: Ctx,
  principal: Principal | null,
  input: { sellerId: string; productId: string; on?: string },
): Promise<ProductEligibility> {
  assertDocumentAccess(principal, input.sellerId);
  return productEligibility(ctx, input);
}
