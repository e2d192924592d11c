import type { Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { managedBrand } from './brand-access.ts';
import { revokeBrandAuthorization } from './brand-authorization.ts';

/** The brand's owner revokes an authorization: the seller's listings it alone covered are hidden at once. */
export async function revokeSellerAuthorization(
  ctx: FlowCtx,
  principal: Principal,
  input: { brandId: string; authorizationId: string; reason: string },
) {
  const brand = await managedBrand(ctx.db, principal, input.brandId);
  const { authorization, hidden } = await revokeBrandAuthorization(ctx, {
    ...input,
    brandId: brand.id,
    actor: principal.userId,
  });
  return { ...trust.authorizationView(authorization, ctx.clock.now()), hidden };
}
