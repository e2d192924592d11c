import type { Principal } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import * as compliance from '../../modules/compliance/index.ts';
import { documentView } from './document-view.ts';
import type { DocumentView } from './schemas.ts';
import { assertDocumentAccess } from './seller-access.ts';

/** A seller's registrations and certificates, revoked ones included, with their status today. */
export async function listSellerDocuments(
  ctx: Ctx,
  principal: Principal | null,
  sellerId: string,
): Promise<DocumentView[]> {
  assertDocumentAccess(principal, sellerId);
  const at = ctx.clock.now();
  return (await compliance.listSellerDocuments(ctx.db, sellerId)).map((d) => documentView(d, at));
}
