import { z } from 'zod';
import type { Locale } from '../../kernel/locales.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { type VariantAttributes, VariantAttributesSchema } from './variant-attributes.ts';

export type ProductKind = 'goods' | 'service';
export type ProductStatus = 'draft' | 'active' | 'archived';
export const PRODUCT_KINDS = ['goods', 'service'] as const satisfies readonly ProductKind[];
export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const satisfies readonly ProductStatus[];

export interface TranslationInput {
  title: string;
  description: string;
  /** Not in English: the variants' own attributes are the seller's English words. */
  variantAttributes?: VariantAttributes;
}
export interface VariantInput {
  sku: string;
  /** USD minor units (cents), an integer > 0. */
  priceUsd: number;
  stock: number;
  /** Grams, > 0 for goods; null for services (nothing ships). */
  weightGrams: number | null;
  fulfilledFrom?: StockLocation;
  attributes?: Record<string, string>;
}
export interface ProductInput {
  kind: ProductKind;
  categorySlug: string;
  brand?: string | null;
  originState: UsState;
  /** Goods only: services are not classified for customs. */
  hsCode: string | null;
  /** Export Control Classification Number; 'EAR99' (the default) for items on no CCL entry. */
  eccn?: string;
  /** The 10-digit US export code (Census), when known; its first 6 digits are the HS code's. */
  scheduleB?: string | null;
  /** ISO 3166-1 alpha-2; 'US' by default. */
  countryOfOrigin?: string;
  status?: 'draft' | 'active';
  translations: { en: TranslationInput } & Partial<Record<Exclude<Locale, 'en'>, TranslationInput>>;
  images: { url: string; alt?: string }[];
  variants: VariantInput[];
}
/**
 * A change to a product. Fields present replace the product's; translations and images are
 * replaced as a whole. Variants are matched by SKU: listed SKUs are updated or added, SKUs left
 * out are retired (never deleted: orders keep their ids). A listed existing variant keeps its
 * stock unless `stock` is given, so a price edit cannot overwrite concurrent reservations.
 */
export type ProductPatch = Partial<Omit<ProductInput, 'status' | 'variants'>> & {
  status?: ProductStatus;
  variants?: (Omit<VariantInput, 'stock'> & { stock?: number })[];
};

/** $100,000,000.00: far above any listing, far below 2^53, so JSON numbers stay exact. */
export const MAX_PRICE_USD_MINOR = 10_000_000_000;
/** int4 keeps stock; one variant never needs more. */
export const MAX_STOCK = 1_000_000_000;
export const MAX_WEIGHT_GRAMS = 10_000_000;
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const HS_CODE_PATTERN = /^[0-9]{6,10}$/;
/** 'EAR99', or an ECCN: category digit, group letter A–E, 3 digits, optional paragraphs (5A992.c, 3A001.a.1). */
export const ECCN_PATTERN = /^(EAR99|[0-9][A-E][0-9]{3}(\.[a-z0-9]{1,3}){0,4})$/;
export const SCHEDULE_B_PATTERN = /^[0-9]{10}$/;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** Groupings and the unknown region that CLDR names but that are no country of origin. */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);
/** An ISO 3166-1 alpha-2 code CLDR knows as a region (so 'XX' and 'QQ' are refused). */
export function isCountryCode(s: string): boolean {
  return /^[A-Z]{2}$/.test(s) && !NOT_COUNTRIES.has(s) && regionNames.of(s) !== s;
}

/** Schedule B is built on the first 6 HS digits, and only goods are classified. */
export function scheduleBProblem(
  kind: ProductKind,
  hsCode: string | null,
  scheduleB: string | null,
): string | null {
  if (scheduleB === null) return null;
  if (kind !== 'goods' || hsCode === null) return 'A service has no Schedule B number.';
  if (scheduleB.slice(0, 6) !== hsCode.slice(0, 6))
    return `A Schedule B number starts with the product's 6-digit HS code (${hsCode.slice(0, 6)}).`;
  return null;
}

/** An https URL, or a path on this site (`/img/a.jpg`, not the protocol-relative `//host/a.jpg`). */
export function isImageUrl(s: string): boolean {
  if (/\s|\\/.test(s)) return false;
  if (s.startsWith('/')) return s.length > 1 && s[1] !== '/';
  try {
    const u = new URL(s);
    return u.protocol === 'https:' && u.hostname.length > 0 && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

const translationText = {
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(5000),
};
const Translation = z
  .object({ ...translationText, variantAttributes: VariantAttributesSchema.optional() })
  .strict();
export const TranslationsSchema = z
  .object({
    en: z.object(translationText).strict(),
    'zh-Hans': Translation.optional(),
    'zh-Hant': Translation.optional(),
    ja: Translation.optional(),
    ko: Translation.optional(),
  })
  .strict();
const Image = z
  .object({
    url: z.string().max(2048).refine(isImageUrl, 'An https URL or a path starting with a single /.'),
    alt: z.string().trim().max(300).optional(),
  })
  .strict();
const Attributes = z
  .record(z.string().trim().min(1).max(50), z.string().trim().max(200))
  .refine((o) => Object.keys(o).length <= 20, 'At most 20 attributes.');
/** Where a variant's stock sits. */
export const STOCK_LOCATIONS = ['US', 'CN_BONDED'] as const;
export type StockLocation = (typeof STOCK_LOCATIONS)[number];

const variantFields = {
  sku: z
    .string()
    .regex(SKU_PATTERN, 'A SKU: 1 to 64 letters, digits, . _ / -, starting with a letter or digit.'),
  priceUsd: z.number().int().min(1).max(MAX_PRICE_USD_MINOR).describe('USD minor units (cents)'),
  weightGrams: z.number().int().min(1).max(MAX_WEIGHT_GRAMS).nullable(),
  /** Where the stock sits: the US, or a Chinese bonded zone (sold only into mainland China, route 1210). */
  fulfilledFrom: z.enum(STOCK_LOCATIONS).optional(),
  attributes: Attributes.optional(),
};
const Variant = z.object({ ...variantFields, stock: z.number().int().min(0).max(MAX_STOCK) }).strict();
const PatchVariant = z
  .object({ ...variantFields, stock: z.number().int().min(0).max(MAX_STOCK).optional() })
  .strict();

const productFields = {
  kind: z.enum(PRODUCT_KINDS),
  categorySlug: z.string().max(64).regex(SLUG_PATTERN),
  brand: z.string().trim().min(1).max(100).nullable().optional(),
  originState: z.enum(US_STATE_CODES as [UsState, ...UsState[]]),
  hsCode: z.string().regex(HS_CODE_PATTERN, 'An HS code: 6 to 10 digits.').nullable(),
  eccn: z
    .string()
    .max(24)
    .regex(ECCN_PATTERN, "'EAR99' or an ECCN such as 5A992.c.")
    .describe("Export Control Classification Number; 'EAR99' when on no CCL entry"),
  scheduleB: z
    .string()
    .regex(SCHEDULE_B_PATTERN, 'A Schedule B number: 10 digits.')
    .nullable()
    .describe('10-digit US export code; its first 6 digits are the HS code'),
  countryOfOrigin: z
    .string()
    .max(2)
    .refine(isCountryCode, 'An ISO 3166-1 alpha-2 country code, e.g. US.')
    .describe('ISO 3166-1 alpha-2'),
  translations: TranslationsSchema,
  images: z.array(Image).max(20),
};

/** Goods ship and need a weight; services ship nothing and must not have one. */
export function weightProblems(
  kind: ProductKind,
  variants: readonly { weightGrams: number | null; fulfilledFrom?: StockLocation }[],
): { index: number; message: string }[] {
  const out: { index: number; message: string }[] = [];
  variants.forEach((v, index) => {
    if (kind === 'goods' && v.weightGrams === null)
      out.push({ index, message: 'Goods need a weight in grams.' });
    if (kind === 'service' && v.weightGrams !== null)
      out.push({ index, message: 'A service has no weight.' });
    if (kind === 'service' && v.fulfilledFrom === 'CN_BONDED')
      out.push({ index, message: 'A service has no stock to hold in a bonded zone.' });
  });
  return out;
}

function uniqueSkus(variants: readonly { sku: string }[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<string>();
  variants.forEach((v, i) => {
    if (seen.has(v.sku))
      ctx.addIssue({ code: 'custom', path: [path, i, 'sku'], message: 'SKU listed twice.' });
    seen.add(v.sku);
  });
}

export const ProductInputSchema = z
  .object({
    ...productFields,
    eccn: productFields.eccn.optional(),
    scheduleB: productFields.scheduleB.optional(),
    countryOfOrigin: productFields.countryOfOrigin.optional(),
    status: z.enum(['draft', 'active']).optional(),
    variants: z.array(Variant).min(1).max(100),
  })
  .strict()
  .superRefine((p, ctx) => {
    uniqueSkus(p.variants, ctx, 'variants');
    for (const w of weightProblems(p.kind, p.variants)) {
      ctx.addIssue({ code: 'custom', path: ['variants', w.index, 'weightGrams'], message: w.message });
    }
    if (p.kind === 'goods' && p.hsCode === null) {
      ctx.addIssue({ code: 'custom', path: ['hsCode'], message: 'Goods need an HS code for customs.' });
    }
    if (p.kind === 'service' && p.hsCode !== null) {
      ctx.addIssue({ code: 'custom', path: ['hsCode'], message: 'A service has no HS code.' });
    }
    const scheduleB = scheduleBProblem(p.kind, p.hsCode, p.scheduleB ?? null);
    if (scheduleB) ctx.addIssue({ code: 'custom', path: ['scheduleB'], message: scheduleB });
  });

export const ProductPatchSchema = z
  .object({
    ...productFields,
    status: z.enum(PRODUCT_STATUSES),
    variants: z.array(PatchVariant).min(1).max(100),
  })
  .partial()
  .strict()
  .superRefine((p, ctx) => {
    if (Object.keys(p).length === 0) ctx.addIssue({ code: 'custom', message: 'Nothing to change.' });
    if (p.variants) uniqueSkus(p.variants, ctx, 'variants');
  });
