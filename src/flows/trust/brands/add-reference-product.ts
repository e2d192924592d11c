import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { managedBrand } from './brand-access.ts';

/** The brand's owner adds a reference product with its usual USD price: far cheaper listings are flagged. */
export async function addReferenceProduct(
  ctx: FlowCtx,
  principal: Principal,
  input: { brandId: string } & trust.ReferenceProductInput,
) {
  const brand = await managedBrand(ctx.db, principal, input.brandId);
  const product = await inTransaction(ctx.db, (tx) =>
    trust.addReferenceProduct(tx, ctx.clock, { ...input, brandId: brand.id, actor: principal.userId }),
  );
  return trust.referenceProductView(product);
}
