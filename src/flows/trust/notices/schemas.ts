import { z } from 'zod';
import * as trust from '../../../modules/trust/index.ts';
import { DecisionJson } from '../queues/routes.ts';

/** The notice API's own response shapes (the routes never return database rows). */

const Evidence = z.object({
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
  status: z.enum(trust.NOTICE_LISTING_STATES),
  takedownRule: z.string().nullable(),
  takenDownAt: z.string().nullable(),
  counterDueAt: z.string().nullable(),
  counterNotice: z
    .object({ filedAt: z.string(), filedBy: z.string(), statement: z.string(), evidence: z.array(Evidence) })
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
    kind: z.enum(trust.RIGHTS_KINDS),
    office: z.string(),
    registrationNumber: z.string(),
    ownerName: z.string(),
  }),
  brandId: z.string().nullable(),
  reasonCode: z.string(),
  statement: z.string(),
  goodFaithDeclaration: z.literal(true),
  evidence: z.array(Evidence),
  trustedReporter: z.boolean(),
  filedAt: z.string(),
  listings: z.array(NoticeListingJson),
});

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

export const TimerRunJson = z.object({
  reinstated: z.array(z.object({ noticeId: z.string(), productId: z.string() })),
  removed: z.array(z.object({ noticeId: z.string(), productId: z.string() })),
  failed: z.array(z.object({ noticeId: z.string(), productId: z.string(), error: z.string() })),
});

/** GET /trust/notices/:noticeId/review: what an agent reads before deciding a notice. */
export const NoticeReviewJson = z.object({
  notice: NoticeJson,
  reason: z.object({ code: z.string(), label: z.string(), serious: z.boolean() }),
  reporter: ReporterJson.extend({ displayName: z.string().nullable(), email: z.string().nullable() }),
  brand: z
    .object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      trademark: z.object({ office: z.string(), registrationNumber: z.string(), ownerName: z.string() }),
    })
    .nullable(),
  listings: z.array(
    z.object({
      productId: z.string(),
      title: z.string(),
      sellerId: z.string(),
      sellerName: z.string(),
      sellerState: z.string(),
      trustHold: z.string().nullable(),
      visible: z.boolean(),
    }),
  ),
  decisions: z.array(DecisionJson).describe('Decisions this notice led to on its listings, oldest first.'),
  policy: z.object({
    counterNoticeFilingWindowDays: z.number().int(),
    answerWindowBusinessDays: z.number().int(),
  }),
  asOf: z.string().describe('The server’s clock: count the windows from here.'),
});
