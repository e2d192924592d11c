import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FlowCtx } from '../../context.ts';
import { decideHeldListing } from './decide-held-listing.ts';
import { readListingDecisions } from './read-listing-decisions.ts';
import { ListingDecisionBody, ListingDecisionsJson, ListingStandingJson, ProductParams } from './schemas.ts';

/**
 * A listing's trust decisions (`/trust/listings/…`): they need the catalog, so they are a flow.
 * The agents' queues themselves are served by the trust module's routes.
 */
export function trustListingRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/trust/listings/:productId/decision',
      {
        config: { access: ['trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Publish or remove a listing the listing checks held for review',
          params: ProductParams,
          body: ListingDecisionBody,
          response: { 200: ListingStandingJson },
        },
      },
      async (req) => decideHeldListing(ctx, { ...req.params, ...req.body, agentId: req.principal!.userId }),
    );

    app.get(
      '/trust/listings/:productId/decisions',
      {
        config: { access: ['seller_staff', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Every trust decision on a listing with the rule that made it (its seller and agents)',
          params: ProductParams,
          response: { 200: ListingDecisionsJson },
        },
      },
      async (req) => readListingDecisions(ctx, req.principal, req.params.productId),
    );
  };
}
