import { z } from 'zod';
import { zId } from '../../../kernel/ids.ts';
import { DecisionJson } from '../../../modules/trust/index.ts';

/** The held-listing decisions' request and response shapes (the queues themselves are the trust module's). */

export const ProductParams = z.object({ productId: zId('prd') });

export const ListingDecisionBody = z
  .object({
    decision: z.enum(['publish', 'remove']),
    reason: z.string().trim().min(3).max(1000),
  })
  .strict();

/** Where a listing stands after an agent's decision. */
export const ListingStandingJson = z.object({
  productId: z.string(),
  visible: z.boolean(),
  trustHold: z.string().nullable(),
});

export const ListingDecisionsJson = z.object({
  productId: z.string(),
  trustHold: z.string().nullable(),
  decisions: z.array(DecisionJson),
});
