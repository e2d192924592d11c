import type { Db } from '../../../db/database.ts';
import { actsForSeller, type Principal } from '../../../kernel/access.ts';
import { forbidden, notFound } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';

/** Who manages a seller's lots and codes: its own staff, or a platform admin. */
export function assertManagesLots(p: Principal | null, sellerId: string): void {
  if (actsForSeller(p, sellerId)) return;
  throw forbidden('trust.not_your_seller', 'Only this seller’s staff may manage its lots and codes.', {
    sellerId,
  });
}

/** The lot, which must belong to the seller in the path (another seller's lot is not found). */
export async function sellersLot(db: Db, sellerId: string, lotId: string): Promise<trust.Lot> {
  const lot = await trust.getLot(db, lotId);
  if (lot.sellerId !== sellerId) throw notFound('trust.lot_not_found', 'No such lot.', { lotId });
  return lot;
}
