import { inTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import { documentView } from './document-view.ts';
import type { DocumentView } from './schemas.ts';
import { assertDocumentAccess } from './seller-access.ts';
import { refreshSellerListings } from './sync-listing-eligibility.ts';

/**
 * Records a seller's registration or certificate and, in the same transaction, re-evaluates
 * where each of its listings may be shown: a listing waiting for this document appears in the
 * market as the document commits.
 * @example
 * await recordSellerDocument(ctx, staff, { sellerId, type: 'kr_mfds_foreign_food_facility_registration',
 *   number: 'KR-2025-0001', issuer: 'MFDS', issuedOn: '2025-09-01', expiresOn: '2027-08-31' });
 */
export async function recordSellerDocument(
  ctx: Ctx,
  principal: Principal,
  input: compliance.RecordDocumentInput & { sellerId: string },
): Promise<DocumentView> {
  assertDocumentAccess(principal, input.sellerId);
  await sellers.getSeller(ctx.db, input.sellerId); // 404 for a seller that does not exist
  const doc = await inTransaction(ctx.db, async (tx) => {
    await compliance.lockSellerDocuments(tx, [input.sellerId]);
    const recorded = await compliance.recordSellerDocument(
      { db: tx, clock: ctx.clock },
      { ...input, actorId: principal.userId },
    );
    await refreshSellerListings(tx, ctx.clock, input.sellerId);
    return recorded;
  });
  return documentView(doc, ctx.clock.now());
}
