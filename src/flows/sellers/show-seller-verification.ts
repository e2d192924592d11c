import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import * as sellers from '../../modules/sellers/index.ts';
import { assertMaySeeVerification } from './verification-access.ts';

/** The seller's verification level, badges, evidence and what each level still lacks, for those who may see it. */
export async function showSellerVerification(
  ctx: Ctx,
  principal: Principal | null,
  sellerId: string,
): Promise<sellers.SellerVerification> {
  assertMaySeeVerification(principal, sellerId);
  return sellers.sellerVerification(ctx.db, ctx.clock, sellerId);
}
