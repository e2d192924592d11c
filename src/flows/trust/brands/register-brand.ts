import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/** A brand owner registers a brand with its trademark; it waits for a trust agent to verify it. */
export async function registerBrand(ctx: FlowCtx, principal: Principal, input: trust.RegisterBrandInput) {
  const brand = await inTransaction(ctx.db, (tx) =>
    trust.registerBrand(tx, ctx.clock, principal.userId, input),
  );
  return trust.brandDetail(ctx.db, brand);
}
