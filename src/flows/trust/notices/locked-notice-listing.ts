import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';

/** The notice with one of its listings, its listings locked for the caller's transaction. */
export async function lockedListing(
  tx: Db,
  noticeId: string,
  productId: string,
): Promise<{ notice: trust.NoticeView; listing: trust.NoticeListingView }> {
  const listings = await trust.lockNoticeListings(tx, noticeId);
  const listing = listings.find((l) => l.productId === productId);
  if (!listing) {
    throw notFound('trust.notice_listing_not_found', 'The notice does not name this listing.', {
      noticeId,
      productId,
    });
  }
  return { notice: await trust.getNotice(tx, noticeId), listing };
}
