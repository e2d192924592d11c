import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import * as sellers from '../../modules/sellers/index.ts';
import { assertMaySeeVerification } from './verification-access.ts';

/** The document uploaded with one of the seller's verification items (404 when only its sha256 was given). */
export async function readVerificationDocument(
  ctx: Ctx,
  principal: Principal | null,
  input: { sellerId: string; itemId: string },
): Promise<sellers.VerificationDocument> {
  assertMaySeeVerification(principal, input.sellerId);
  const item = await sellers.getVerificationItem(ctx.db, input.itemId);
  if (item.sellerId !== input.sellerId) {
    throw notFound('sellers.verification_item_not_found', 'No such verification item.', {
      id: input.itemId,
    });
  }
  const doc = await sellers.getVerificationDocument(ctx.db, item.id);
  if (!doc) {
    throw notFound('sellers.document_not_stored', 'No document was uploaded with this item.', {
      id: item.id,
    });
  }
  return doc;
}
