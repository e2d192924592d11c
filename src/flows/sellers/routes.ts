import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import type { SellerId } from '../../kernel/ids.ts';
import { SellerIdParam, SellerViewSchema } from '../../modules/sellers/index.ts';
import { changeSellerStanding, type SellerVerificationAction } from './transition-seller.ts';

const Body = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();

const SUMMARIES: Record<SellerVerificationAction, string> = {
  verify: 'Verify a pending seller: its active listings become visible',
  suspend: 'Suspend a verified seller: all its listings are hidden at once',
  reinstate: 'Reinstate a suspended seller: its active listings are visible again',
};

export function sellerVerificationRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    for (const action of ['verify', 'suspend', 'reinstate'] as const) {
      app.post(
        `/admin/sellers/:id/${action}`,
        {
          config: { access: ['platform_admin', 'trust_agent'] },
          schema: {
            tags: ['sellers'],
            summary: SUMMARIES[action],
            params: z.object({ id: SellerIdParam }),
            body: Body,
            response: { 200: SellerViewSchema },
          },
        },
        async (req) =>
          changeSellerStanding(ctx, action, {
            sellerId: req.params.id as SellerId,
            actorId: req.principal!.userId,
            reason: req.body.reason,
          }),
      );
    }
  };
}
