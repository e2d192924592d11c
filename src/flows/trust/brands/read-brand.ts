import { isTrustStaff, type Principal } from '../../../kernel/access.ts';
import { notFound } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/**
 * A brand as this caller may see it: whole (documents, reference products) for its owner and
 * trust staff; only a verified brand's basics for anyone else, to whom an unverified one does not exist.
 */
export async function readBrand(ctx: FlowCtx, principal: Principal | null, brandId: string) {
  const brand = await trust.getBrand(ctx.db, brandId);
  if (isTrustStaff(principal) || principal?.userId === brand.ownerUserId)
    return trust.brandDetail(ctx.db, brand);
  if (brand.status !== 'verified')
    throw notFound('trust.brand_not_found', 'No such brand.', { brandId: brand.id });
  return trust.publicBrandView(brand);
}
