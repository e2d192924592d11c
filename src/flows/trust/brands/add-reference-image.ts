import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { managedBrand } from './brand-access.ts';

/** The brand's owner adds a reference image: its fingerprint finds copies in listings. */
export async function addReferenceImage(
  ctx: FlowCtx,
  principal: Principal,
  input: { brandId: string; bytes: Buffer; productRefId: string | null },
) {
  const brand = await managedBrand(ctx.db, principal, input.brandId);
  const image = await inTransaction(ctx.db, (tx) =>
    trust.addReferenceImage(tx, ctx.clock, { ...input, brandId: brand.id, actor: principal.userId }),
  );
  const { brandId: _b, ...view } = image;
  return view;
}
