import { actsForSeller, type Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';

/** A seller's documents: its own staff, or a platform admin; another seller's staff are refused. */
export function assertDocumentAccess(p: Principal | null, sellerId: string): void {
  if (actsForSeller(p, sellerId)) return;
  throw forbidden('compliance.forbidden', 'Only this seller’s staff may see or change its documents.', {
    sellerId,
  });
}

/** A seller's listings: its own staff, or a platform admin; anyone else is refused. */
export function assertListingAccess(p: Principal | null, sellerId: string): void {
  if (actsForSeller(p, sellerId)) return;
  throw forbidden('catalog.forbidden', 'Only this seller’s staff may manage its listings.', { sellerId });
}
