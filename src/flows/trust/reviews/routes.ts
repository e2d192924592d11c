import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';
import { OrderParams, WriteReviewBody } from './schemas.ts';
import { writeReview } from './write-review.ts';

/**
 * Writing a review from a verified purchase (`/orders/:orderId/reviews`): it needs the order, so
 * it is a flow. The rest of the review API needs only the trust module and is served there.
 */
export function reviewRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/orders/:orderId/reviews',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['reviews'],
          summary:
            'The buyer reviews one line of a delivered order (held for an agent if a moderation rule matches)',
          params: OrderParams,
          body: WriteReviewBody,
          response: { 201: trust.ReviewView },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await writeReview(ctx, req.principal!, { ...req.params, ...req.body })),
    );
  };
}
