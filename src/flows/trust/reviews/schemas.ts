import { z } from 'zod';
import { zId } from '../../../kernel/ids.ts';
import { LOCALES } from '../../../kernel/locales.ts';

/**
 * Writing a review: its request shapes. The response is the trust module's ReviewView; the other
 * review routes (replies, reports, decisions, ratings) need only the trust module and live there.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);

export const OrderParams = z.object({ orderId: zId('ord') });

export const WriteReviewBody = z
  .object({
    lineNo: z.number().int().min(1),
    rating: z.number().int().min(1).max(5),
    title: Text(120),
    body: Text(4000),
    locale: z.enum(LOCALES),
  })
  .strict();
