import { z } from 'zod';
import { zId } from '../../../kernel/ids.ts';
import * as trust from '../../../modules/trust/index.ts';

/**
 * The brand registry's request parameters and the response views only `/brands/…` uses; the views
 * the trust module's routes share (BrandView, AuthorizationView, …) are the module's.
 */

export const BrandParams = z.object({ brandId: zId('brd', 'brand') });
export const AuthorizationParams = BrandParams.extend({ authorizationId: zId('bau', 'authorization') });
export const RevokeBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();

export const BrandsView = z.object({ brands: z.array(trust.PublicBrandView) });
export const ReferenceImageView = z.object({
  imageRef: z.string(),
  productRefId: z.string().nullable(),
  sha256: z.string(),
  byteSize: z.number().int(),
  createdAt: z.string(),
});
export const AuthorizationsView = z.object({ authorizations: z.array(trust.AuthorizationView) });
export const GrantedAuthorizationView = trust.AuthorizationView.extend({ published: z.array(z.string()) });
export const RevokedAuthorizationView = trust.AuthorizationView.extend({ hidden: z.array(z.string()) });
