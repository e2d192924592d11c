import type { Principal } from '../../../kernel/access.ts';
import type { Ctx } from '../../../kernel/context.ts';
import { authorizationView } from '../schemas.ts';
import { assertSeesSeller } from '../seller-access.ts';
import { sellerAuthorizations } from './authorizations.ts';
import { getBrand } from './brands.ts';

/** The brand authorizations a seller holds, each with its brand's name: for the seller and trust staff. */
export async function listSellerBrandAuthorizations(ctx: Ctx, principal: Principal | null, sellerId: string) {
  assertSeesSeller(principal, sellerId, 'Only this seller’s staff may see its authorizations.');
  const now = ctx.clock.now();
  const list = await sellerAuthorizations(ctx.db, sellerId);
  const names = new Map<string, string>();
  for (const a of list) {
    if (!names.has(a.brandId)) names.set(a.brandId, (await getBrand(ctx.db, a.brandId)).name);
  }
  return {
    authorizations: list.map((a) => ({ ...authorizationView(a, now), brandName: names.get(a.brandId)! })),
  };
}
