import type { SellerId, UserId } from './ids.ts';

/** Who may do what. Every route declares its access in `config.access`; src/http enforces it. */
export const ROLES = [
  'buyer',
  'seller_staff',
  'brand_owner',
  'trust_agent',
  'platform_admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  userId: UserId;
  roles: readonly Role[];
  /** The seller organisations this user is staff of (role `seller_staff`). */
  sellerIds: readonly SellerId[];
}

/** `public`: anyone, signed in or not. Otherwise the roles allowed (any one suffices). */
export type Access = 'public' | readonly Role[];

export const hasRole = (p: Principal | null | undefined, role: Role): boolean =>
  !!p && p.roles.includes(role);

/*
 * The access rules the routes and use cases share. Each says who may act, in the domain's words;
 * a use case throws `forbidden` (or answers 404, to hide that a thing exists) when one says no.
 */

/** A platform admin: may act for any seller, brand or order. */
export const isPlatformAdmin = (p: Principal | null | undefined): boolean => hasRole(p, 'platform_admin');

/** Trust staff: trust agents and platform admins, who work notices, reviews and verifications. */
export const isTrustStaff = (p: Principal | null | undefined): boolean =>
  hasRole(p, 'trust_agent') || hasRole(p, 'platform_admin');

/** Staff of this seller organisation. */
export const isSellerStaff = (p: Principal | null | undefined, sellerId: string): boolean =>
  !!p && hasRole(p, 'seller_staff') && (p.sellerIds as readonly string[]).includes(sellerId);

/** May act for the seller: its own staff, or a platform admin. */
export const actsForSeller = (p: Principal | null | undefined, sellerId: string): boolean =>
  isPlatformAdmin(p) || isSellerStaff(p, sellerId);

/** May read the seller's private records: whoever acts for it, and trust staff. */
export const seesSeller = (p: Principal | null | undefined, sellerId: string): boolean =>
  actsForSeller(p, sellerId) || isTrustStaff(p);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: who may call it. */
    access?: Access;
    /** POST that creates or moves money: requires an Idempotency-Key header; retries replay the first result. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
