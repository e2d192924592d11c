import { z } from 'zod';
import { zId } from '../../../kernel/ids.ts';
import * as trust from '../../../modules/trust/index.ts';

/**
 * The notice flows' request shapes and the response shapes only they use; NoticeJson and the
 * other notice shapes the trust module's routes share are the module's.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);

export const NoticeParams = z.object({ noticeId: zId('ntc', 'notice') });
export const ListingParams = NoticeParams.extend({ productId: zId('prd') });
export const AttachmentParams = NoticeParams.extend({ attachmentId: zId('att', 'attachment') });

export const NoticesQuery = z
  .object({
    status: z.enum(trust.NOTICE_LISTING_STATES).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();
export const DecisionBody = z
  .object({
    decision: z.enum(['uphold', 'reject']),
    productIds: z.array(zId('prd')).min(1).max(trust.MAX_NOTICE_LISTINGS).optional(),
    reason: Text(1000),
  })
  .strict();
export const AnswerBody = z
  .object({ outcome: z.literal('action_filed'), courtCaseReference: Text(200) })
  .strict();

export const TimerRunJson = z.object({
  reinstated: z.array(z.object({ noticeId: z.string(), productId: z.string() })),
  removed: z.array(z.object({ noticeId: z.string(), productId: z.string() })),
  failed: z.array(z.object({ noticeId: z.string(), productId: z.string(), error: z.string() })),
});

/** GET /trust/notices/:noticeId/review: what an agent reads before deciding a notice. */
export const NoticeReviewJson = z.object({
  notice: trust.NoticeJson,
  reason: z.object({ code: z.string(), label: z.string(), serious: z.boolean() }),
  reporter: trust.ReporterJson.extend({ displayName: z.string().nullable(), email: z.string().nullable() }),
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
  decisions: z
    .array(trust.DecisionJson)
    .describe('Decisions this notice led to on its listings, oldest first.'),
  policy: z.object({
    counterNoticeFilingWindowDays: z.number().int(),
    answerWindowBusinessDays: z.number().int(),
  }),
  asOf: z.string().describe('The server’s clock: count the windows from here.'),
});
