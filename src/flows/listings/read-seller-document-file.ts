import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import * as compliance from '../../modules/compliance/index.ts';
import { assertDocumentAccess } from './seller-access.ts';

/** The file of one of a seller's documents, as uploaded, for the seller's staff or a platform admin. */
export async function readSellerDocumentFile(
  ctx: Ctx,
  principal: Principal | null,
  input: { sellerId: string; documentId: string },
): Promise<Awaited<ReturnType<typeof compliance.getSellerDocumentFile>>> {
  assertDocumentAccess(principal, input.sellerId);
  return compliance.getSellerDocumentFile(ctx.db, input.sellerId, input.documentId);
}
