import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { managedBrand } from './brand-access.ts';

type DocumentInput = Omit<Parameters<typeof trust.addBrandDocument>[2], 'brandId' | 'actor'>;

/** The brand's owner adds a document proving the trademark. */
export async function addBrandDocument(
  ctx: FlowCtx,
  principal: Principal,
  input: { brandId: string } & DocumentInput,
) {
  const brand = await managedBrand(ctx.db, principal, input.brandId);
  const doc = await inTransaction(ctx.db, (tx) =>
    trust.addBrandDocument(tx, ctx.clock, { ...input, brandId: brand.id, actor: principal.userId }),
  );
  return trust.brandDocumentView(doc);
}
