import { z } from 'zod';
import { zId } from '../../kernel/ids.ts';
import { LOCALES } from '../../kernel/locales.ts';
import type { BrandAuthorization } from './brands/authorizations.ts';
import type { Brand, BrandDocument } from './brands/brands.ts';
import type { ReferenceProduct } from './brands/reference.ts';
import { BRAND_DOCUMENT_KINDS, BRAND_STATUSES, TRADEMARK_OFFICES } from './brands/schemas.ts';
import { NOTICE_LISTING_STATES } from './notices/listing-states.ts';
import { RIGHTS_KINDS } from './notices/reasons.ts';
import { TRUST_QUEUES } from './policy.ts';
import { MAX_REVIEWS_PAGE } from './reviews/read-reviews.ts';

/**
 * The trust API's request and response shapes (the routes never return database rows), shared by this
 * module's routes and the trust flow areas. Each area keeps the suffix it already used most:
 * brands, reviews and authenticity say `…View`; notices and queues say `…Json`.
 */

// Brands

export const TrademarkView = z.object({
  office: z.enum(TRADEMARK_OFFICES),
  registrationNumber: z.string(),
  classes: z.array(z.number().int()),
  ownerName: z.string(),
});
export const PublicBrandView = z.object({
  id: z.string(),
  name: z.string(),
  terms: z.partialRecord(z.enum(LOCALES), z.array(z.string())),
  trademark: TrademarkView,
  status: z.enum(BRAND_STATUSES),
});
export const BrandDocumentView = z.object({
  id: z.string(),
  kind: z.enum(BRAND_DOCUMENT_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  createdAt: z.string(),
});
export const UsdView = z.object({ amount: z.number().int(), currency: z.literal('USD') });
export const ReferenceProductView = z.object({
  id: z.string(),
  name: z.string(),
  categorySlug: z.string().nullable(),
  referencePriceUsd: UsdView,
  imageRefs: z.array(z.string()),
  createdAt: z.string(),
});
export const BrandView = PublicBrandView.extend({
  ownerUserId: z.string().optional(),
  statusReason: z.string().nullable().optional(),
  reviewedAt: z.string().nullable().optional(),
  createdAt: z.string(),
  documents: z.array(BrandDocumentView).optional(),
  referenceProducts: z.array(ReferenceProductView).optional(),
});
/** The other brands of a brand's owner, any status: an agent weighs a registration against them. */
export const OwnerBrandsView = z.object({
  ownerUserId: z.string(),
  brands: z.array(PublicBrandView.extend({ createdAt: z.string() })),
});
export const AuthorizationView = z.object({
  id: z.string(),
  brandId: z.string(),
  sellerId: z.string(),
  productIds: z.array(z.string()).nullable(),
  markets: z.array(z.string()).nullable(),
  validUntil: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  reason: z.string().nullable(),
  /** In force now: not revoked, not expired. */
  active: z.boolean(),
});
export const SellerAuthorizationsView = z.object({
  authorizations: z.array(AuthorizationView.extend({ brandName: z.string() })),
});

export const publicBrandView = (b: Brand) => ({
  id: b.id,
  name: b.name,
  terms: b.terms,
  trademark: b.trademark,
  status: b.status,
  createdAt: b.createdAt,
});

export const referenceProductView = (p: ReferenceProduct) => ({
  id: p.id,
  name: p.name,
  categorySlug: p.categorySlug,
  referencePriceUsd: { amount: Number(p.referencePriceUsd), currency: 'USD' as const },
  imageRefs: p.imageRefs,
  createdAt: p.createdAt,
});

export const brandDocumentView = ({ brandId: _b, ...d }: BrandDocument) => d;

export function authorizationView(a: BrandAuthorization, now: Date) {
  const active =
    a.revokedAt === null && (a.validUntil === null || new Date(a.validUntil).getTime() > now.getTime());
  return { ...a, active };
}

// Notices

const EvidenceJson = z.object({
  description: z.string(),
  url: z.string().optional(),
  attachment: z
    .object({
      id: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      sizeBytes: z.number().int(),
      sha256: z.string(),
    })
    .optional(),
});

export const NoticeListingJson = z.object({
  productId: z.string(),
  sellerId: z.string(),
  status: z.enum(NOTICE_LISTING_STATES),
  takedownRule: z.string().nullable(),
  takenDownAt: z.string().nullable(),
  counterDueAt: z.string().nullable(),
  counterNotice: z
    .object({
      filedAt: z.string(),
      filedBy: z.string(),
      statement: z.string(),
      evidence: z.array(EvidenceJson),
    })
    .nullable(),
  answerDueAt: z.string().nullable(),
  answer: z.object({ answeredAt: z.string(), courtCaseReference: z.string() }).nullable(),
  closedAt: z.string().nullable(),
  closingRule: z.string().nullable(),
  closingReason: z.string().nullable(),
});

export const NoticeJson = z.object({
  id: z.string(),
  filedBy: z.string(),
  rights: z.object({
    kind: z.enum(RIGHTS_KINDS),
    office: z.string(),
    registrationNumber: z.string(),
    ownerName: z.string(),
  }),
  brandId: z.string().nullable(),
  reasonCode: z.string(),
  statement: z.string(),
  goodFaithDeclaration: z.literal(true),
  evidence: z.array(EvidenceJson),
  trustedReporter: z.boolean(),
  filedAt: z.string(),
  listings: z.array(NoticeListingJson),
});
export const NoticesJson = z.object({ notices: z.array(NoticeJson) });

export const StrikesJson = z.object({
  sellerId: z.string(),
  active: z.number().int(),
  activeSerious: z.number().int(),
  windowDays: z.number().int(),
  seriousToSuspend: z.number().int(),
  strikes: z.array(
    z.object({
      id: z.string(),
      noticeId: z.string(),
      productId: z.string(),
      reasonCode: z.string(),
      serious: z.boolean(),
      struckAt: z.string(),
      expiresAt: z.string(),
      withdrawnAt: z.string().nullable(),
      active: z.boolean(),
    }),
  ),
});

export const ReporterJson = z.object({
  userId: z.string(),
  trusted: z.boolean(),
  agentRevoked: z.boolean(),
  upheld: z.number().int(),
  decided: z.number().int(),
  accuracy: z.string().nullable(),
});

export const FiguresJson = z.object({
  from: z.string(),
  to: z.string(),
  removals: z.object({
    total: z.number().int(),
    proactive: z.number().int(),
    onNotice: z.number().int(),
    proactiveShare: z.string().nullable(),
  }),
  medianMinutesToTakedown: z.string().nullable(),
  takedownsMeasured: z.number().int(),
  noticesUpheld: z.object({
    upheld: z.number().int(),
    decided: z.number().int(),
    share: z.string().nullable(),
  }),
});

export const NoticeReasonsJson = z.object({
  reasons: z.array(
    z.object({
      code: z.string(),
      labels: z.record(z.string(), z.string()),
      rightsKinds: z.array(z.string()),
      serious: z.boolean(),
      source: z.string(),
    }),
  ),
});

// Queues and decisions

export const QueueItemJson = z.object({
  id: z.string(),
  queue: z.enum(TRUST_QUEUES),
  subjectKind: z.string(),
  subjectId: z.string(),
  sellerId: z.string().nullable(),
  summary: z.string(),
  openedAt: z.string(),
  dueAt: z.string(),
  claimedBy: z.string().nullable(),
  claimedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  overdue: z.boolean().describe('Open past its service level (or closed after it).'),
});

export const QueuesSummaryJson = z.object({
  queues: z.array(
    z.object({
      queue: z.enum(TRUST_QUEUES),
      open: z.number().int(),
      overdue: z.number().int(),
      oldestOpenedAt: z.string().nullable(),
      serviceLevelMinutes: z.number().int(),
    }),
  ),
});

export const DecisionJson = z.object({
  id: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  sellerId: z.string().nullable(),
  decision: z.string(),
  rule: z.string().describe('The rule that made the decision, e.g. listing.brand_unauthorized.'),
  actor: z.string(),
  detail: z.record(z.string(), z.unknown()),
  decidedAt: z.string(),
});

// Reviews

const LocaleView = z.enum(LOCALES);
const ReviewStatusView = z.enum(['held', 'published', 'removed']);

/** A review as its buyer, the trust agents and admins see it (the trust console uses its type). */
export const ReviewView = z.object({
  id: z.string(),
  orderId: z.string(),
  lineNo: z.number().int(),
  productId: z.string(),
  sellerId: z.string(),
  buyerId: z.string(),
  buyer: z.string(),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
  locale: LocaleView,
  status: ReviewStatusView,
  heldRules: z.array(z.string()),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  reply: z
    .object({
      body: z.string(),
      locale: LocaleView,
      status: ReviewStatusView,
      heldRules: z.array(z.string()),
      repliedBy: z.string(),
      repliedAt: z.string(),
    })
    .nullable(),
});
export const PublicReviewView = z.object({
  id: z.string(),
  productId: z.string(),
  buyer: z.string().describe('The buyer’s name, masked (e.g. k***m).'),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
  locale: LocaleView,
  publishedAt: z.string(),
  reply: z.object({ body: z.string(), locale: LocaleView, repliedAt: z.string() }).nullable(),
});
export const RatingSummaryView = z.object({
  count: z.number().int(),
  average: z.string().nullable().describe('One decimal, e.g. "4.3"; null without reviews.'),
  histogram: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
});
export const ProductReviewsView = z.object({
  productId: z.string(),
  summary: RatingSummaryView,
  reviews: z.array(PublicReviewView),
  nextCursor: z.string().nullable(),
});
export const SellerReviewsView = z.object({
  sellerId: z.string(),
  summary: RatingSummaryView,
  products: z.array(z.object({ productId: z.string(), summary: RatingSummaryView })),
});
export const ReviewReportView = z.object({ reviewId: z.string(), queued: z.boolean() });

/** What an agent may do with a review or its reply (the console offers exactly these). */
export const ReviewDecisionBody = z
  .object({
    decision: z.enum(['publish', 'remove']),
    part: z.enum(['review', 'reply']).default('review'),
    reason: z.string().trim().min(1).max(1000),
  })
  .strict();

// Authenticity

export const AlertView = z.object({
  id: z.string(),
  serial: z.string(),
  sellerId: z.string(),
  lotId: z.string(),
  reason: z.enum(['scanned_in_another_market', 'market_not_sold_to']),
  market: z.string(),
  at: z.string(),
  resolvedAt: z.string().nullable(),
});
export const AlertsView = z.object({ alerts: z.array(AlertView) });
export const QueueItemsJson = z.object({ items: z.array(QueueItemJson) });

// Requests of the module's routes

const Text = (max: number) => z.string().trim().min(1).max(max);
const Instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const BrandParams = z.object({ brandId: zId('brd', 'brand') });
export const SellerParams = z.object({ sellerId: zId('sel') });
export const SellerAlertParams = SellerParams.extend({
  alertId: z.string().regex(/^\d{1,18}$/, 'an alert id'),
});
export const ReviewParams = z.object({ reviewId: zId('rev', 'review') });
export const ProductParams = z.object({ productId: zId('prd') });
export const UserParams = z.object({ userId: zId('usr') });
export const QueueParams = z.object({ queue: z.enum(TRUST_QUEUES) });
export const QueueItemParams = z.object({ itemId: zId('tq', 'queue item') });

export const SellerNoticesQuery = z.object({ status: z.enum(NOTICE_LISTING_STATES).optional() }).strict();
export const PeriodQuery = z.object({ from: Instant.optional(), to: Instant.optional() }).strict();
export const QueueQuery = z
  .object({
    state: z.enum(['open', 'closed', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export const ProductReviewsQuery = z
  .object({
    locale: z.enum(LOCALES).optional().describe('Only reviews written in this language.'),
    limit: z.coerce.number().int().min(1).max(MAX_REVIEWS_PAGE).optional(),
    cursor: zId('rev', 'review').optional(),
  })
  .strict();
export const AlertsQuery = z
  .object({
    includeResolved: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export const ReporterTierBody = z.object({ trusted: z.boolean(), reason: Text(1000) }).strict();
export const ReplyBody = z.object({ body: Text(4000), locale: LocaleView }).strict();
export const ReportBody = z.object({ reason: Text(1000) }).strict();
