import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { setSellerVisibility } from '../../modules/catalog/index.ts';
import { type SellerState, type SellerView, transitionSeller } from '../../modules/sellers/index.ts';

export type SellerVerificationAction = 'verify' | 'suspend' | 'reinstate';

/** Each action moves one state to one other: "verify" never reinstates, "reinstate" never verifies. */
const ACTIONS: Record<SellerVerificationAction, { from: SellerState; to: SellerState }> = {
  verify: { from: 'pending', to: 'verified' },
  suspend: { from: 'verified', to: 'suspended' },
  reinstate: { from: 'suspended', to: 'verified' },
};

/**
 * Verifies, suspends or reinstates a seller and shows or hides all its listings with it, in one
 * transaction: a suspended seller's listings disappear at the same instant as its standing.
 * @example
 * await changeSellerStanding(ctx, 'suspend', { sellerId, actorId: agent.userId, reason: 'Counterfeit report TK-12' });
 */
export async function changeSellerStanding(
  ctx: Ctx,
  action: SellerVerificationAction,
  input: { sellerId: SellerId; actorId: string; reason: string },
): Promise<SellerView> {
  const { from, to } = ACTIONS[action];
  return inTransaction(ctx.db, async (tx) => {
    const seller = await transitionSeller(tx, ctx.clock, { ...input, from, to });
    await setSellerVisibility(tx, seller.id, seller.state === 'verified');
    return seller;
  });
}
