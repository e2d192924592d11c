import type { Db } from '../../../db/database.ts';
import { hasRole, isPlatformAdmin, type Principal } from '../../../kernel/access.ts';
import { forbidden } from '../../../kernel/errors.ts';
import * as trust from '../../../modules/trust/index.ts';

/** Who may manage a brand: its owner, or a platform admin for support (never a trust agent). */
export function assertBrandManager(principal: Principal | null, brand: trust.Brand): void {
  if (isPlatformAdmin(principal)) return;
  if (hasRole(principal, 'brand_owner') && principal!.userId === brand.ownerUserId) return;
  throw forbidden('trust.not_your_brand', 'Only the brand’s owner may do this.', { brandId: brand.id });
}

/** The brand, which the caller must manage. */
export async function managedBrand(
  db: Db,
  principal: Principal | null,
  brandId: string,
): Promise<trust.Brand> {
  const brand = await trust.getBrand(db, brandId);
  assertBrandManager(principal, brand);
  return brand;
}
