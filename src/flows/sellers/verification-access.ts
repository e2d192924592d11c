import { isSellerStaff, type Principal, seesSeller } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';

/** The agents' queue that seller verification evidence waits in, and what its items are. */
export const VERIFICATION_QUEUE = 'seller_verifications';
export const VERIFICATION_SUBJECT_KIND = 'seller_verification_item';

const notYourSeller = (sellerId: string) =>
  forbidden('sellers.not_your_seller', 'Only this seller’s staff may do this.', { sellerId });

/** Only the seller's own staff submit its evidence. */
export function assertSellerStaff(p: Principal | null, sellerId: string): asserts p is Principal {
  if (!isSellerStaff(p, sellerId)) throw notYourSeller(sellerId);
}

/** The seller's staff, trust agents and platform admins see its evidence. */
export function assertMaySeeVerification(p: Principal | null, sellerId: string): void {
  if (!seesSeller(p, sellerId)) throw notYourSeller(sellerId);
}
