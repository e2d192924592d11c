import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import { notFound } from '../../../kernel/errors.ts';
import type { SellerId } from '../../../kernel/ids.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { assertManagesLots } from './seller-lot.ts';

/** A seller records a lot of one of its own products: farm, county, harvest date, certifications. */
export async function recordLot(
  ctx: FlowCtx,
  principal: Principal | null,
  input: Omit<trust.CreateLotInput, 'sellerId'> & { sellerId: SellerId },
): Promise<trust.Lot> {
  assertManagesLots(principal, input.sellerId);
  const product = await catalog.getProduct(ctx.db, input.productId, { includeHidden: true });
  if (product.sellerId !== input.sellerId) {
    throw notFound('catalog.product_not_found', 'No such product.', { productId: input.productId });
  }
  return inTransaction(ctx.db, (tx) => trust.createLot(tx, input, ctx.clock.now()));
}
