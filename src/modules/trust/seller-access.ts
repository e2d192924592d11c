import { type Principal, seesSeller } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';

/** A seller's private trust records are for its own staff, platform admins and trust agents. */
export function assertSeesSeller(p: Principal | null, sellerId: string, message: string): void {
  if (!seesSeller(p, sellerId)) throw forbidden('trust.not_your_seller', message, { sellerId });
}
