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
