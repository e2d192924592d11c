import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, seesSeller } from '../../kernel/access.ts';
import type { Ctx } from '../../kernel/context.ts';
import { notFound } from '../../kernel/errors.ts';
import { zId } from '../../kernel/ids.ts';
import { LOCALES } from '../../kernel/locales.ts';
import { US_STATE_CODES, type UsState } from '../../kernel/us-states.ts';
import { OnboardSellerInput, onboardSeller } from './onboard-seller.ts';
import { getSeller, listSellers, MAX_LIST_LIMIT } from './read-sellers.ts';
import { publicSellerBadges } from './seller-badges.ts';
import { publicSellerView, SELLER_STATES } from './seller-view.ts';

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

export const BadgesView = z.object({
  sellerId: z.string(),
  level: z.number().int(),
  badges: z.array(z.object({ code: z.string(), label: z.string() })),
});

const ListQuery = z.object({ limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).optional() }).strict();

/**
 * A seller's own record and its public face. The sellers' review (`/admin/sellers…`) and their
 * verification (`/sellers/:sellerId/verification…`) are served by the sellers flow.
 */
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
          params: z.object({ id: zId('sel') }),
          response: { 200: SellerViewSchema },
        },
      },
      async (req) => {
        const seller = await getSeller(ctx.db, req.params.id);
        // Staff of the seller, platform admins and trust agents see everything, the EIN included.
        if (seesSeller(req.principal, seller.id)) return seller;
        // Pending and suspended sellers are not public: to others they do not exist.
        if (seller.state !== 'verified')
          throw notFound('sellers.not_found', 'No such seller.', { sellerId: seller.id });
        return publicSellerView(seller);
      },
    );

    app.get(
      '/sellers/:sellerId/badges',
      {
        config: { access: 'public' },
        schema: {
          tags: ['sellers'],
          summary: 'A verified seller’s verification level and badges, labelled for the storefront',
          params: z.object({ sellerId: zId('sel') }),
          querystring: z.object({ locale: z.enum(LOCALES).default('en') }).strict(),
          response: { 200: BadgesView },
        },
      },
      async (req) => publicSellerBadges(ctx.db, ctx.clock, req.params.sellerId, req.query.locale),
    );
  };
}
