import { type Principal, seesSeller } from '../../../kernel/access.ts';
import { forbidden } from '../../../kernel/errors.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/** Every trust decision on a listing with the rule that made it: for its seller and the trust agents. */
export async function readListingDecisions(ctx: FlowCtx, principal: Principal | null, productId: string) {
  const product = await catalog.getProduct(ctx.db, productId, { includeHidden: true });
  if (!seesSeller(principal, product.sellerId)) {
    throw forbidden(
      'trust.not_your_listing',
      'Only the listing’s seller and trust agents see its decisions.',
    );
  }
  return {
    productId: product.id,
    trustHold: product.trustHold,
    decisions: await trust.listDecisions(ctx.db, product.id),
  };
}
