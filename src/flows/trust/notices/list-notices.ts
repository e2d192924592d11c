import { isTrustStaff, type Principal } from '../../../kernel/access.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/** Notices: a rights owner's own; trust staff see all. */
export async function listNotices(
  ctx: FlowCtx,
  principal: Principal,
  query: { status?: trust.NoticeListingStatus; limit?: number },
): Promise<trust.NoticeView[]> {
  return trust.listNotices(ctx.db, {
    ...(isTrustStaff(principal) ? {} : { filedBy: principal.userId }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.limit ? { limit: query.limit } : {}),
  });
}
