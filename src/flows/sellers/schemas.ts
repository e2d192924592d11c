import { z } from 'zod';
import * as sellers from '../../modules/sellers/index.ts';

/** The sellers flow's response shapes: verification evidence and levels. A seller is the module's SellerViewSchema. */

export const ItemView = z.object({
  id: z.string(),
  sellerId: z.string(),
  kind: z.enum(sellers.VERIFICATION_KINDS),
  status: z.enum(['pending', 'approved', 'rejected']),
  details: z.record(z.string(), z.unknown()),
  document: z
    .object({ name: z.string(), sha256: z.string(), uploadedBytes: z.number().int().nullable() })
    .nullable(),
  expiresOn: z.string().nullable(),
  submittedBy: z.string(),
  submittedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
const Requirement = z.enum(sellers.REQUIREMENTS);
export const VerificationView = z.object({
  sellerId: z.string(),
  sellerState: z.string(),
  isFarm: z.boolean(),
  level: z.number().int(),
  levelCode: z.string().nullable(),
  badges: z.array(z.string()),
  progress: z.array(
    z.object({
      code: z.string(),
      level: z.number().int().nullable(),
      reached: z.boolean(),
      missing: z.array(Requirement),
    }),
  ),
  missing: z.array(Requirement).describe('What the next level still lacks (empty at the top level).'),
  items: z.array(ItemView),
});
