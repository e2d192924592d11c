import { isSellerStaff, isTrustStaff, type Principal } from '../../../kernel/access.ts';
import { forbidden } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/**
 * The notice as this caller may see it: whole for its filer and trust staff; a seller named by it
 * sees only its own listings; anyone else is refused.
 */
export function noticeFor(p: Principal, notice: trust.NoticeView): trust.NoticeView {
  if (isTrustStaff(p) || notice.filedBy === p.userId) return notice;
  const own = notice.listings.filter((l) => isSellerStaff(p, l.sellerId));
  if (own.length === 0) throw forbidden('trust.not_your_notice', 'This notice names none of your listings.');
  return { ...notice, listings: own };
}

/** A notice, as its filer, trust staff or a seller it names may see it. */
export async function readNotice(
  ctx: FlowCtx,
  principal: Principal,
  noticeId: string,
): Promise<trust.NoticeView> {
  return noticeFor(principal, await trust.getNotice(ctx.db, noticeId));
}
