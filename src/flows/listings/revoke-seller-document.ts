import { inTransaction } from '../../db/transaction.ts';
import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import * as compliance from '../../modules/compliance/index.ts';
import { documentView } from './document-view.ts';
import type { DocumentView } from './schemas.ts';
import { assertDocumentAccess } from './seller-access.ts';
import { refreshSellerListings } from './sync-listing-eligibility.ts';

/** Revokes a document and, in the same transaction, hides the listings that relied on it where they no longer qualify. */
export async function revokeSellerDocument(
  ctx: Ctx,
  principal: Principal,
  input: { sellerId: string; documentId: string; reason: string },
): Promise<DocumentView> {
  assertDocumentAccess(principal, input.sellerId);
  const doc = await inTransaction(ctx.db, async (tx) => {
    await compliance.lockSellerDocuments(tx, [input.sellerId]);
    const revoked = await compliance.revokeSellerDocument(
      { db: tx, clock: ctx.clock },
      { ...input, actorId: principal.userId },
    );
    await refreshSellerListings(tx, ctx.clock, input.sellerId);
    return revoked;
  });
  return documentView(doc, ctx.clock.now());
}
