import { z } from 'zod';
import { zId } from '../../../kernel/ids.ts';
import { LOCALES, MARKET_CODES } from '../../../kernel/locales.ts';
import { zUploadedFile } from '../../../kernel/uploaded-file.ts';

/**
 * Trademark offices a registration may come from: the US, the offices of Heartland's markets, the
 * EU and WIPO (Madrid international registrations).
 */
export const TRADEMARK_OFFICES = [
  'USPTO', // United States
  'CNIPA', // China
  'JPO', // Japan
  'KIPO', // Korea
  'EUIPO', // European Union
  'WIPO', // Madrid international registration
  'TIPO', // Taiwan
  'HKIPD', // Hong Kong Intellectual Property Department
  'IPOS', // Singapore
  'IPVN', // Vietnam
  'DIP', // Thailand
  'MYIPO', // Malaysia
  'IPOPHL', // Philippines
  'DGIP', // Indonesia
] as const;
export type TrademarkOffice = (typeof TRADEMARK_OFFICES)[number];

export const BRAND_STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
export type BrandStatus = (typeof BRAND_STATUSES)[number];

export const BRAND_DOCUMENT_KINDS = ['trademark_certificate', 'assignment', 'license', 'other'] as const;
export type BrandDocumentKind = (typeof BRAND_DOCUMENT_KINDS)[number];

export const MAX_BRAND_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const MAX_REFERENCE_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * The office's own form of a registration number, or null when it has none. USPTO registrations
 * are 7 digits (8 from 2035 on) and Madrid registrations 6–7 digits; commas and spaces people type
 * are dropped. Other offices' numbers are letters, digits and - / . with at least one digit.
 */
export function normalizeRegistrationNumber(office: TrademarkOffice, raw: string): string | null {
  const s = raw.trim().toUpperCase();
  if (office === 'USPTO' || office === 'WIPO') {
    const digits = s.replace(/[,\s]/g, '');
    const ok = office === 'USPTO' ? /^\d{7,8}$/.test(digits) : /^\d{6,7}$/.test(digits);
    return ok ? digits : null;
  }
  const compact = s.replace(/\s+/g, ' ');
  return /^[A-Z0-9][A-Z0-9 ./-]{0,39}$/.test(compact) && /\d/.test(compact) ? compact : null;
}

const Text = (max: number) => z.string().trim().min(1).max(max);
/** One brand term: two characters at least, so a single letter or Han character never matches everything. */
const Term = z.string().trim().min(2).max(100);

export const BrandTermsSchema = z
  .partialRecord(z.enum(LOCALES), z.array(Term).min(1).max(20))
  .refine((t) => Object.values(t).flat().length <= 60, 'At most 60 terms in all.');

export const TrademarkSchema = z
  .object({
    office: z.enum(TRADEMARK_OFFICES),
    registrationNumber: Text(40),
    /** Nice classes of the registration (1–45). */
    classes: z
      .array(z.number().int().min(1).max(45))
      .min(1)
      .max(45)
      .refine((c) => new Set(c).size === c.length, 'A class is listed twice.'),
    ownerName: Text(200),
  })
  .strict()
  .superRefine((tm, ctx) => {
    if (normalizeRegistrationNumber(tm.office, tm.registrationNumber) === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['registrationNumber'],
        message:
          tm.office === 'USPTO'
            ? 'A USPTO registration number is 7 or 8 digits.'
            : tm.office === 'WIPO'
              ? 'A Madrid international registration number is 6 or 7 digits.'
              : 'Letters, digits, spaces and . / - only, with at least one digit.',
      });
    }
  });

export const RegisterBrandSchema = z
  .object({
    name: Text(100),
    terms: BrandTermsSchema.default({}),
    trademark: TrademarkSchema,
  })
  .strict();
export type RegisterBrandInput = z.input<typeof RegisterBrandSchema>;

export const BrandDocumentSchema = z
  .object({
    kind: z.enum(BRAND_DOCUMENT_KINDS),
    /** Defaults to the uploaded file's name. */
    fileName: Text(200).optional(),
    file: zUploadedFile('The document: a PDF, PNG or JPEG of at most 5 MB.'),
  })
  .strict();
export type BrandDocumentInput = z.infer<typeof BrandDocumentSchema>;

export const ReferenceProductSchema = z
  .object({
    name: Text(200),
    categorySlug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'A category slug.')
      .nullable()
      .default(null),
    /** The brand's usual price in USD cents. */
    referencePriceUsd: z.number().int().min(1).max(100_000_000),
  })
  .strict();
export type ReferenceProductInput = z.input<typeof ReferenceProductSchema>;

export const ReferenceImageSchema = z
  .object({
    file: zUploadedFile('The picture: a JPEG, PNG or WebP of at most 10 MB.'),
    productRefId: zId('brp', 'reference product').optional(),
  })
  .strict();

export const AuthorizeSellerSchema = z
  .object({
    sellerId: zId('sel'),
    /** null or left out: every product of the seller. */
    productIds: z.array(zId('prd')).min(1).max(500).nullable().optional(),
    /** null or left out: every market. */
    markets: z.array(z.enum(MARKET_CODES)).min(1).max(MARKET_CODES.length).nullable().optional(),
    /** ISO 8601 instant; null or left out: until revoked. */
    validUntil: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
export type AuthorizeSellerInput = z.input<typeof AuthorizeSellerSchema>;

export const ReviewBrandSchema = z
  .object({
    decision: z.enum(['verify', 'reject']),
    reason: Text(500),
  })
  .strict();
