import { isTrustStaff, type Principal } from '../../../kernel/access.ts';
import { forbidden } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/** An attachment of a notice's evidence: for the notice's filer and trust staff only. */
export async function readNoticeAttachment(
  ctx: FlowCtx,
  principal: Principal,
  input: { noticeId: string; attachmentId: string },
): Promise<trust.NoticeAttachment> {
  const notice = await trust.getNotice(ctx.db, input.noticeId);
  if (!isTrustStaff(principal) && notice.filedBy !== principal.userId) {
    throw forbidden('trust.not_your_notice', 'Only the notice’s filer and trust agents see its evidence.');
  }
  return trust.getNoticeAttachment(ctx.db, notice.id, input.attachmentId);
}
