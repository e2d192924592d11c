import type { Locale } from '../../../kernel/locales.ts';

export type ReviewStatus = 'held' | 'published' | 'removed';

/** A review as the trust team sees it, held text and moderation rules included. */
export interface Review {
  id: string;
  orderId: string;
  lineNo: number;
  productId: string;
  sellerId: string;
  buyerId: string;
  /** The buyer's name masked when the review was written, e.g. 'k***m'. */
  buyer: string;
  rating: number;
  title: string;
  body: string;
  locale: Locale;
  status: ReviewStatus;
  /** The moderation rules the text broke (empty when it was published at once). */
  heldRules: string[];
  createdAt: string;
  publishedAt: string | null;
  reply: {
    body: string;
    locale: Locale;
    status: ReviewStatus;
    heldRules: string[];
    repliedBy: string;
    repliedAt: string;
  } | null;
}

/** What anyone may read: a published review, the buyer masked, the seller's reply only once published. */
export interface PublicReview {
  id: string;
  productId: string;
  buyer: string;
  rating: number;
  title: string;
  body: string;
  locale: Locale;
  publishedAt: string;
  reply: { body: string; locale: Locale; repliedAt: string } | null;
}

export interface RatingSummary {
  count: number;
  /** The mean rating with one decimal ('4.3'), rounded half up; null without reviews. */
  average: string | null;
  /** Reviews per star: keys '1' to '5'. */
  histogram: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface ReviewRow extends Record<string, unknown> {
  id: string;
  order_id: string;
  line_no: number;
  product_id: string;
  seller_id: string;
  buyer_id: string;
  buyer_display: string;
  rating: number;
  title: string;
  body: string;
  locale: Locale;
  status: ReviewStatus;
  held_rules: string[];
  created_at: Date | string;
  published_at: Date | string | null;
  reply_body: string | null;
  reply_locale: Locale | null;
  reply_status: ReviewStatus | null;
  reply_rules: string[] | null;
  replied_by: string | null;
  replied_at: Date | string | null;
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

export function toReview(r: ReviewRow): Review {
  return {
    id: r.id,
    orderId: r.order_id,
    lineNo: r.line_no,
    productId: r.product_id,
    sellerId: r.seller_id,
    buyerId: r.buyer_id,
    buyer: r.buyer_display,
    rating: r.rating,
    title: r.title,
    body: r.body,
    locale: r.locale,
    status: r.status,
    heldRules: r.held_rules,
    createdAt: iso(r.created_at)!,
    publishedAt: iso(r.published_at),
    reply:
      r.reply_body === null
        ? null
        : {
            body: r.reply_body,
            locale: r.reply_locale!,
            status: r.reply_status!,
            heldRules: r.reply_rules ?? [],
            repliedBy: r.replied_by!,
            repliedAt: iso(r.replied_at)!,
          },
  };
}

export function toPublicReview(r: Review): PublicReview {
  return {
    id: r.id,
    productId: r.productId,
    buyer: r.buyer,
    rating: r.rating,
    title: r.title,
    body: r.body,
    locale: r.locale,
    publishedAt: r.publishedAt ?? r.createdAt,
    reply:
      r.reply && r.reply.status === 'published'
        ? { body: r.reply.body, locale: r.reply.locale, repliedAt: r.reply.repliedAt }
        : null,
  };
}

/**
 * A buyer's name as the public sees it: first and last character of the name (the part before
 * an '@' if it is an e-mail address), the rest hidden.
 * @example maskDisplayName('Kim Min-jun') // 'K***n'
 */
export function maskDisplayName(name: string): string {
  const chars = [...name.split('@')[0]!.trim()];
  if (chars.length === 0) return '***';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}***${chars.at(-1)}`;
}

/** Count, one-decimal average (half up, in integers) and histogram from reviews per star. */
export function ratingSummary(countsByRating: ReadonlyMap<number, number>): RatingSummary {
  const histogram = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let count = 0;
  let sum = 0;
  for (const star of [1, 2, 3, 4, 5] as const) {
    const n = countsByRating.get(star) ?? 0;
    histogram[String(star) as keyof typeof histogram] = n;
    count += n;
    sum += star * n;
  }
  if (count === 0) return { count, average: null, histogram };
  // tenths = round(10·sum/count) half up, without floating point.
  const tenths = Math.floor((20 * sum + count) / (2 * count));
  return { count, average: `${Math.floor(tenths / 10)}.${tenths % 10}`, histogram };
}
