import type { Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { managedBrand } from './brand-access.ts';
import { grantBrandAuthorization } from './brand-authorization.ts';

/** The brand's owner authorizes a seller; the seller's listings the authorization covers are published. */
export async function authorizeSeller(
  ctx: FlowCtx,
  principal: Principal,
  input: { brandId: string } & trust.AuthorizeSellerInput,
) {
  const brand = await managedBrand(ctx.db, principal, input.brandId);
  const { authorization, published } = await grantBrandAuthorization(ctx, {
    ...input,
    brandId: brand.id,
    actor: principal.userId,
  });
  return { ...trust.authorizationView(authorization, ctx.clock.now()), published };
}
