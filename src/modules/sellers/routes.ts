import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole, type Principal, ROLES } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import { LOCALES } from '../../kernel/locales.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { OnboardSellerInput, onboardSeller } from './onboard-seller.ts';
import { getSeller, listSellers, MAX_LIST_LIMIT } from './read-sellers.ts';
import { publicSellerView, SELLER_STATES, type SellerView } from './seller-view.ts';

export const SellerIdParam = z.string().regex(/^sel_[0-9a-f]{32}$/, 'A seller id: sel_ and 32 hex digits.');

/** The response shape of a seller (full or public view). */
export const SellerViewSchema = z.object({
  id: z.string(),
  legalName: z.string(),
  dba: z.string().nullable(),
  state: z.enum(SELLER_STATES),
  usState: z.enum(US_STATE_CODES as [UsState, ...UsState[]]),
  city: z.string(),
  employees: z.number().int(),
  isFarm: z.boolean(),
  founded: z.number().int().nullable(),
  description: z.partialRecord(z.enum(LOCALES), z.string()),
  contact: z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional() }),
  ein: z
    .string()
    .describe('The full EIN for the seller’s staff, platform admins and trust agents; else `**-***1234`.'),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
});

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional() }).strict();

/** Staff of the seller, platform admins and trust agents see everything, the EIN included. */
function seesFullView(p: Principal | null, seller: SellerView): boolean {
  if (!p) return false;
  return hasRole(p, 'platform_admin') || hasRole(p, 'trust_agent') || p.sellerIds.includes(seller.id);
}

export function sellersRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/sellers',
      {
        config: { access: ROLES },
        schema: {
          tags: ['sellers'],
          summary: 'Onboard a US business as a seller (pending until verified); the caller becomes its staff',
          body: OnboardSellerInput,
          response: { 201: SellerViewSchema },
        },
      },
      async (req, reply) => {
        const seller = await onboardSeller(ctx, req.principal!.userId, req.body);
        return reply.code(201).send(seller);
      },
    );

    app.get(
      '/sellers',
      {
        config: { access: 'public' },
        schema: {
          tags: ['sellers'],
          summary: 'Verified sellers, as the public sees them',
          querystring: ListQuery,
          response: { 200: z.array(SellerViewSchema) },
        },
      },
      async (req) => {
        const sellers = await listSellers(ctx.db, { state: 'verified', limit: req.query.limit });
        return sellers.map(publicSellerView);
      },
    );

    app.get(
      '/sellers/:id',
      {
        config: { access: 'public' },
        schema: {
          tags: ['sellers'],
          summary: 'One seller: the public view if verified; the full view for its staff and the platform',
          params: z.object({ id: SellerIdParam }),
          response: { 200: SellerViewSchema },
        },
      },
      async (req) => {
        const seller = await getSeller(ctx.db, req.params.id);
        if (seesFullView(req.principal, seller)) return seller;
        // Pending and suspended sellers are not public: to others they do not exist.
        if (seller.state !== 'verified')
          throw notFound('sellers.not_found', 'No such seller.', { sellerId: seller.id });
        return publicSellerView(seller);
      },
    );

    app.get(
      '/admin/sellers',
      {
        config: { access: ['platform_admin', 'trust_agent'] },
        schema: {
          tags: ['sellers'],
          summary: 'Sellers for review, optionally in one state (e.g. pending)',
          querystring: ListQuery.extend({ state: z.enum(SELLER_STATES).optional() }).strict(),
          response: { 200: z.array(SellerViewSchema) },
        },
      },
      async (req) => listSellers(ctx.db, { state: req.query.state, limit: req.query.limit }),
    );
  };
}
