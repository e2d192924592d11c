import { z } from 'zod';
import { LOCALES } from '../../../kernel/locales.ts';
import * as trust from '../../../modules/trust/index.ts';

/** The brand registry's request parameters and response views (brand-routes.ts serves them). */

export const BrandParams = z.object({
  brandId: z.string().regex(/^brd_[0-9a-f]{32}$/, 'a brand id (brd_…)'),
});
export const AuthorizationParams = BrandParams.extend({
  authorizationId: z.string().regex(/^bau_[0-9a-f]{32}$/, 'an authorization id (bau_…)'),
});
export const SellerParams = z.object({
  sellerId: z.string().regex(/^sel_[0-9a-f]{32}$/, 'a seller id (sel_…)'),
});

export const Trademark = z.object({
  office: z.enum(trust.TRADEMARK_OFFICES),
  registrationNumber: z.string(),
  classes: z.array(z.number().int()),
  ownerName: z.string(),
});
export const PublicBrandView = z.object({
  id: z.string(),
  name: z.string(),
  terms: z.partialRecord(z.enum(LOCALES), z.array(z.string())),
  trademark: Trademark,
  status: z.enum(trust.BRAND_STATUSES),
});
export const DocumentView = z.object({
  id: z.string(),
  kind: z.enum(trust.BRAND_DOCUMENT_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  sha256: z.string(),
  byteSize: z.number().int(),
  createdAt: z.string(),
});
export const Usd = z.object({ amount: z.number().int(), currency: z.literal('USD') });
export const ReferenceProductView = z.object({
  id: z.string(),
  name: z.string(),
  categorySlug: z.string().nullable(),
  referencePriceUsd: Usd,
  imageRefs: z.array(z.string()),
  createdAt: z.string(),
});
export const BrandView = PublicBrandView.extend({
  ownerUserId: z.string().optional(),
  statusReason: z.string().nullable().optional(),
  reviewedAt: z.string().nullable().optional(),
  createdAt: z.string(),
  documents: z.array(DocumentView).optional(),
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

export const publicView = (b: trust.Brand) => ({
  id: b.id,
  name: b.name,
  terms: b.terms,
  trademark: b.trademark,
  status: b.status,
  createdAt: b.createdAt,
});

export const productView = (p: trust.ReferenceProduct) => ({
  id: p.id,
  name: p.name,
  categorySlug: p.categorySlug,
  referencePriceUsd: { amount: Number(p.referencePriceUsd), currency: 'USD' as const },
  imageRefs: p.imageRefs,
  createdAt: p.createdAt,
});

export const documentView = ({ brandId: _b, ...d }: trust.BrandDocument) => d;

export function authorizationView(a: trust.BrandAuthorization, now: Date) {
  const active =
    a.revokedAt === null && (a.validUntil === null || new Date(a.validUntil).getTime() > now.getTime());
  return { ...a, active };
}
