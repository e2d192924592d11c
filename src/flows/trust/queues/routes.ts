import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTransaction } from '../../../db/transaction.ts';
import { hasRole, type Principal } from '../../../kernel/access.ts';
import { conflict, forbidden } from '../../../kernel/errors.ts';
import * as catalog from '../../../modules/catalog/index.ts';
import * as trust from '../../../modules/trust/index.ts';
import type { FlowCtx } from '../../context.ts';

/**
 * The trust agents' console over HTTP: every queue with its service level and what is overdue,
 * claiming an item, and the decision on a listing the listing checks held. Every action is
 * audited (the queue and decision functions write the audit rows in the same transaction).
 */

const AGENTS = ['trust_agent', 'platform_admin'] as const;
const ProductIdParam = z.object({
  productId: z.string().regex(/^prd_[0-9a-f]{32}$/, 'a product id (prd_…)'),
});

export const QueueItemJson = z.object({
  id: z.string(),
  queue: z.enum(trust.TRUST_QUEUES),
  subjectKind: z.string(),
  subjectId: z.string(),
  sellerId: z.string().nullable(),
  summary: z.string(),
  openedAt: z.string(),
  dueAt: z.string(),
  claimedBy: z.string().nullable(),
  claimedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  overdue: z.boolean().describe('Open past its service level (or closed after it).'),
});

export const QueuesSummaryJson = z.object({
  queues: z.array(
    z.object({
      queue: z.enum(trust.TRUST_QUEUES),
      open: z.number().int(),
      overdue: z.number().int(),
      oldestOpenedAt: z.string().nullable(),
      serviceLevelMinutes: z.number().int(),
    }),
  ),
});

export const DecisionJson = z.object({
  id: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
  sellerId: z.string().nullable(),
  decision: z.string(),
  rule: z.string().describe('The rule that made the decision, e.g. listing.brand_unauthorized.'),
  actor: z.string(),
  detail: z.record(z.string(), z.unknown()),
  decidedAt: z.string(),
});

const ListingDecisionBody = z
  .object({
    decision: z.enum(['publish', 'remove']),
    reason: z.string().trim().min(3).max(1000),
  })
  .strict();

const isAgent = (p: Principal | null) => hasRole(p, 'trust_agent') || hasRole(p, 'platform_admin');

/**
 * An agent's decision on a held listing: publish it (the finding was wrong, or the seller showed
 * its right) or remove it (a proactive removal, counted in the published figures).
 */
export async function decideHeldListing(
  ctx: FlowCtx,
  input: { productId: string; agentId: string; decision: 'publish' | 'remove'; reason: string },
): Promise<catalog.ProductView> {
  return inTransaction(ctx.db, async (tx) => {
    const product = await catalog.getProduct(tx, input.productId, { includeHidden: true });
    const publish = input.decision === 'publish';
    const changed = await catalog.setTrustHold(tx, [product.id], publish ? null : 'taken_down', [
      'held_for_review',
    ]);
    if (changed.length === 0) {
      throw conflict('trust.listing_not_held', 'This listing is not held for review.', {
        productId: product.id,
        trustHold: product.trustHold,
      });
    }
    await trust.recordDecision(tx, ctx.clock, {
      subjectKind: 'listing',
      subjectId: product.id,
      sellerId: product.sellerId,
      decision: publish ? 'published' : 'removed',
      rule: publish ? 'agent.review_cleared' : 'agent.review_removed',
      actor: input.agentId,
      detail: { reason: input.reason },
    });
    await trust.closeQueueItem(tx, ctx.clock, {
      queue: 'held_listings',
      subjectKind: 'listing',
      subjectId: product.id,
      actor: input.agentId,
      outcome: publish ? 'published' : 'removed',
    });
    return catalog.getProduct(tx, product.id, { includeHidden: true });
  });
}

export function trustQueueRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/trust/queues',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Every trust queue: open items, overdue items, the oldest, and its service level',
          response: { 200: QueuesSummaryJson },
        },
      },
      async () => ({ queues: await trust.queueSummary(ctx.db, ctx.clock) }),
    );

    app.get(
      '/trust/queues/:queue',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'The items of one queue, open ones first by due time',
          params: z.object({ queue: z.enum(trust.TRUST_QUEUES) }),
          querystring: z
            .object({
              state: z.enum(['open', 'closed', 'all']).default('open'),
              limit: z.coerce.number().int().min(1).max(500).default(100),
            })
            .strict(),
          response: { 200: z.object({ items: z.array(QueueItemJson) }) },
        },
      },
      async (req) => ({
        items: await trust.listQueue(ctx.db, ctx.clock, {
          queue: req.params.queue,
          state: req.query.state,
          limit: req.query.limit,
        }),
      }),
    );

    app.post(
      '/trust/queue-items/:itemId/claim',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Take an open item so no other agent works it',
          params: z.object({ itemId: z.string().regex(/^tq_[0-9a-f]{32}$/, 'a queue item id (tq_…)') }),
          response: { 200: QueueItemJson },
        },
      },
      async (req) =>
        inTransaction(ctx.db, (tx) =>
          trust.claimQueueItem(tx, ctx.clock, { id: req.params.itemId, agentId: req.principal!.userId }),
        ),
    );

    app.post(
      '/trust/listings/:productId/decision',
      {
        config: { access: AGENTS },
        schema: {
          tags: ['trust'],
          summary: 'Publish or remove a listing the listing checks held for review',
          params: ProductIdParam,
          body: ListingDecisionBody,
          response: {
            200: z.object({ productId: z.string(), visible: z.boolean(), trustHold: z.string().nullable() }),
          },
        },
      },
      async (req) => {
        const p = await decideHeldListing(ctx, {
          productId: req.params.productId,
          agentId: req.principal!.userId,
          ...req.body,
        });
        return { productId: p.id, visible: p.visible, trustHold: p.trustHold };
      },
    );

    app.get(
      '/trust/listings/:productId/decisions',
      {
        config: { access: ['seller_staff', 'trust_agent', 'platform_admin'] },
        schema: {
          tags: ['trust'],
          summary: 'Every trust decision on a listing with the rule that made it (its seller and agents)',
          params: ProductIdParam,
          response: {
            200: z.object({
              productId: z.string(),
              trustHold: z.string().nullable(),
              decisions: z.array(DecisionJson),
            }),
          },
        },
      },
      async (req) => {
        const product = await catalog.getProduct(ctx.db, req.params.productId, { includeHidden: true });
        const p = req.principal;
        if (!isAgent(p) && !(p?.sellerIds as readonly string[] | undefined)?.includes(product.sellerId)) {
          throw forbidden(
            'trust.not_your_listing',
            'Only the listing’s seller and trust agents see its decisions.',
          );
        }
        return {
          productId: product.id,
          trustHold: product.trustHold,
          decisions: await trust.listDecisions(ctx.db, product.id),
        };
      },
    );
  };
}
