import { isTrustStaff, type Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { assertBrandManager } from './brand-access.ts';

/** The brand's authorizations, revoked and expired ones included: for its owner and trust staff. */
export async function listBrandAuthorizations(ctx: FlowCtx, principal: Principal | null, brandId: string) {
  const brand = await trust.getBrand(ctx.db, brandId);
  if (!isTrustStaff(principal)) assertBrandManager(principal, brand);
  const now = ctx.clock.now();
  const list = await trust.listAuthorizations(ctx.db, brand.id);
  return { authorizations: list.map((a) => trust.authorizationView(a, now)) };
}
