import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../kernel/context.ts';
import { forbidden } from '../../kernel/errors.ts';
import { OrderJson, orderToJson } from './api.ts';
import { ORDER_TRANSITIONS, type OrderStatus } from './order-states.ts';
import { listBuyerOrders, listSellerOrders } from './queries.ts';

const SellerIdParam = z.string().regex(/^sel_[0-9a-f]{32}$/, 'a seller id (sel_…)');
const STATUSES = Object.keys(ORDER_TRANSITIONS) as [OrderStatus, ...OrderStatus[]];

export function ordersRoutes(ctx: Ctx): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/orders',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['orders'],
          summary: "The signed-in buyer's orders, newest first",
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict(),
          response: { 200: z.object({ orders: z.array(OrderJson) }) },
        },
      },
      async (req) => ({
        orders: (await listBuyerOrders(ctx.db, req.principal!.userId, { limit: req.query.limit })).map(
          orderToJson,
        ),
      }),
    );

    app.get(
      '/sellers/:sellerId/orders',
      {
        config: { access: ['seller_staff', 'platform_admin'] },
        schema: {
          tags: ['orders'],
          summary: "A seller's orders (its own staff only)",
          params: z.object({ sellerId: SellerIdParam }),
          querystring: z
            .object({
              status: z.enum(STATUSES).optional(),
              limit: z.coerce.number().int().min(1).max(200).default(100),
            })
            .strict(),
          response: { 200: z.object({ orders: z.array(OrderJson) }) },
        },
      },
      async (req) => {
        const p = req.principal!;
        if (!p.roles.includes('platform_admin') && !p.sellerIds.includes(req.params.sellerId as never)) {
          throw forbidden('orders.not_your_seller', 'You are not staff of this seller.');
        }
        const orders = await listSellerOrders(ctx.db, req.params.sellerId, req.query);
        return { orders: orders.map(orderToJson) };
      },
    );
  };
}
