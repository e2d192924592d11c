import { recordAudit } from '../../../db/audit.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Principal } from '../../../kernel/access.ts';
import { invalid } from '../../../kernel/errors.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { takeDownListings } from './take-down.ts';

/**
 * A rights owner files a notice. A trusted reporter's listings go down at once; any other notice
 * waits in the agents' 'notices' queue. Unknown product ids are refused, naming them.
 */
export async function fileNotice(
  ctx: FlowCtx,
  principal: Principal,
  input: trust.FileNoticeInput,
): Promise<trust.NoticeView> {
  const ids = [...new Set(input.productIds)];
  const found = await catalog.productsForIndex(ctx.db, ids);
  const sellerOf = new Map(found.map((p) => [p.productId as string, p.sellerId as string]));
  const unknown = ids.filter((id) => !sellerOf.has(id));
  if (unknown.length > 0) {
    throw invalid('trust.unknown_listings', 'Some product ids name no listing.', { productIds: unknown });
  }
  const evidence = trust.prepareEvidence(input.evidence);
  const noticeId = await inTransaction(ctx.db, async (tx) => {
    const trusted = await trust.isTrustedReporter(tx, principal.userId);
    const id = await trust.insertNotice(tx, {
      filedBy: principal.userId,
      rights: input.rights,
      brandId: input.brandId ?? null,
      reasonCode: input.reasonCode,
      statement: input.statement,
      evidence,
      listings: ids.map((productId) => ({ productId, sellerId: sellerOf.get(productId)! })),
      trustedReporter: trusted,
      at: ctx.clock.now(),
    });
    await recordAudit(tx, {
      actor: principal.userId,
      action: 'trust.notice_filed',
      subject: id,
      detail: { reasonCode: input.reasonCode, listings: ids.length, trustedReporter: trusted },
    });
    const notice = await trust.getNotice(tx, id);
    if (trusted) {
      await takeDownListings(tx, ctx.clock, {
        notice,
        productIds: ids,
        rule: 'notice.trusted_reporter',
        actor: principal.userId,
      });
    } else {
      await trust.openQueueItem(tx, ctx.clock, {
        queue: 'notices',
        subjectKind: 'notice',
        subjectId: id,
        summary: `${input.reasonCode} notice by ${input.rights.ownerName} naming ${ids.length} listing(s)`,
      });
    }
    return id;
  });
  return trust.getNotice(ctx.db, noticeId);
}
