import { inTransaction } from '../../db/transaction.ts';
import type { Ctx } from '../../kernel/context.ts';
import * as compliance from '../../modules/compliance/index.ts';
import * as sellers from '../../modules/sellers/index.ts';
import { refreshSellerListings } from './sync-listing-eligibility.ts';

/**
 * Records a seller's registration or certificate and, in the same transaction, re-evaluates
 * where each of its listings may be shown: a listing waiting for this document appears in the
 * market as the document commits.
 * @example
 * await recordDocument(ctx, { sellerId, actorId, type: 'kr_mfds_foreign_food_facility_registration',
 *   number: 'KR-2025-0001', issuer: 'MFDS', issuedOn: '2025-09-01', expiresOn: '2027-08-31' });
 */
export async function recordDocument(
  ctx: Ctx,
  input: compliance.RecordDocumentInput & { sellerId: string; actorId: string },
): Promise<compliance.SellerDocument> {
  await sellers.getSeller(ctx.db, input.sellerId); // 404 for a seller that does not exist
  return inTransaction(ctx.db, async (tx) => {
    await compliance.lockSellerDocuments(tx, [input.sellerId]);
    const doc = await compliance.recordSellerDocument({ db: tx, clock: ctx.clock }, input);
    await refreshSellerListings(tx, ctx.clock, input.sellerId);
    return doc;
  });
}

/** Revokes a document and, in the same transaction, hides the listings that relied on it where they no longer qualify. */
export async function revokeDocument(
  ctx: Ctx,
  input: { sellerId: string; documentId: string; actorId: string; reason: string },
): Promise<compliance.SellerDocument> {
  return inTransaction(ctx.db, async (tx) => {
    await compliance.lockSellerDocuments(tx, [input.sellerId]);
    const doc = await compliance.revokeSellerDocument({ db: tx, clock: ctx.clock }, input);
    await refreshSellerListings(tx, ctx.clock, input.sellerId);
    return doc;
  });
}
