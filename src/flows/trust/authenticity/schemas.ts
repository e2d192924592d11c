import { z } from 'zod';
import { zId } from '../../../kernel/ids.ts';
import { LOCALES, MARKET_CODES } from '../../../kernel/locales.ts';
import * as trust from '../../../modules/trust/index.ts';

/** The authenticity flows' request and response shapes (a seller's alerts are the trust module's). */

export const SellerParams = z.object({ sellerId: zId('sel') });
export const LotParams = SellerParams.extend({ lotId: z.string().min(1).max(64) });
export const CodeParams = z.object({ code: z.string().min(1).max(40) });
export const AlertParams = z.object({ alertId: z.string().regex(/^\d{1,18}$/, 'an alert id') });

export const LotBody = trust.CreateLotSchema.omit({ sellerId: true });
export const IssueBody = z
  .object({
    count: z.number().int().min(1).max(trust.MAX_CODES_PER_BATCH),
    reference: z.string().min(1).max(100).describe('Idempotency: the same reference returns the same codes.'),
    paper: z.enum(['A4', 'LETTER']).optional(),
  })
  .strict();
export const ScanQuery = z
  .object({
    market: z.enum(MARKET_CODES),
    locale: z
      .enum(LOCALES)
      .default('en')
      .describe('The language of the product title (English when untranslated).'),
  })
  .strict();

const CertificationView = z.object({
  scheme: z.string(),
  number: z.string(),
  certifier: z.string(),
  expiresOn: z.string().nullable(),
});
export const LotView = z.object({
  id: z.string(),
  sellerId: z.string(),
  productId: z.string(),
  lotNumber: z.string(),
  farmName: z.string(),
  usState: z.string(),
  county: z.string(),
  harvestedOrMadeOn: z.string(),
  certifications: z.array(CertificationView),
  soldToMarkets: z.array(z.string()).nullable(),
  createdAt: z.string(),
});
export const IssuedCodesView = z.object({
  batchId: z.string(),
  lotId: z.string(),
  codes: z.array(z.string()),
  replayed: z.boolean(),
});
/** One alert as a trust agent reads it: the code, its lot, product and seller, and the scans that raised it. */
export const AlertDetailView = trust.AlertView.extend({
  code: z.string().describe('The alert’s code as printed on the label (XXXX-XXXX-…).'),
  lot: LotView,
  product: z.object({ id: z.string(), title: z.string() }),
  seller: z.object({ id: z.string(), name: z.string(), state: z.string(), usState: z.string() }),
  scans: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      market: z.string(),
      outcome: z.enum(['genuine', 'unknown', 'forged']),
      raisedAlert: z.boolean(),
    }),
  ),
  laterScans: z.number().int().describe('Scans of the code since the alert.'),
});
export const ScanView = z.object({
  outcome: z.enum(['genuine', 'forged', 'unknown']),
  code: z.string(),
  product: z
    .object({
      id: z.string(),
      title: z.string(),
      titleLocale: z.string().describe('The language the title is in: the one asked for, else English.'),
    })
    .optional(),
  seller: z.object({ id: z.string(), name: z.string(), usState: z.string() }).optional(),
  lot: LotView.extend({
    certifications: z.array(CertificationView.extend({ expired: z.boolean() })),
  }).optional(),
  firstScan: z.boolean().optional(),
  previousScans: z.number().int().optional(),
  previousMarkets: z.array(z.string()).optional(),
  firstScannedAt: z.string().nullable().optional(),
  alert: z.string().optional(),
});
