import type { Db } from '../../db/database.ts';
import type { Clock } from '../../kernel/clock.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/locales.ts';
import { sellerVerification } from './verification-items.ts';
import { badgeLabel } from './verification-levels.ts';

export interface PublicBadges {
  sellerId: string;
  level: number;
  badges: { code: string; label: string }[];
}

/** What the storefront shows: a verified seller's level and badges labelled in the buyer's locale. */
export async function publicSellerBadges(
  db: Db,
  clock: Clock,
  sellerId: string,
  locale: Locale,
): Promise<PublicBadges> {
  const v = await sellerVerification(db, clock, sellerId);
  // Pending and suspended sellers are not public (as in GET /sellers/:id).
  if (v.sellerState !== 'verified') throw notFound('sellers.not_found', 'No such seller.', { sellerId });
  return {
    sellerId: v.sellerId,
    level: v.level,
    badges: v.badges.map((code) => ({ code, label: badgeLabel(code, locale) })),
  };
}
