import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../kernel/ids.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import { toJson } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { confirmReceipt } from './confirm-receipt.ts';
import { getOrderDetail } from './get-order-detail.ts';
import { listSellerOrders } from './list-seller-orders.ts';
import { openDispute } from './open-dispute.ts';
import { recordTrackingEvent } from './record-tracking-event.ts';
import { refundOrder } from './refund-order.ts';
import { releaseDueOrders } from './release-due-orders.ts';
import { resolveDispute } from './resolve-dispute.ts';
import {
  DisputeJson,
  OrderDetailJson,
  OrderListJson,
  orderDetailToJson,
  PayoutRunJson,
  ReleaseDueJson,
} from './schemas.ts';
import { shipOrder } from './ship-order.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const STATUSES = Object.keys(orders.ORDER_TRANSITIONS) as [orders.OrderStatus, ...orders.OrderStatus[]];

/**
 * Orders (`/orders/…`) and a seller's orders (`/sellers/:sellerId/orders/…`): some of their
 * operations move money, stock and shipments across modules, so every route of both lives here.
 */
export function orderFlowRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    const OrderParams = z.object({ id: zId('ord') });
    const detail = { 200: OrderDetailJson };

    app.get(
      '/orders',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['orders'],
          summary: "The signed-in buyer's orders, newest first",
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict(),
          response: { 200: OrderListJson },
        },
      },
      // A single-module read: the orders module lists this buyer's own orders.
      async (req) => ({
        orders: (await orders.listBuyerOrders(ctx.db, req.principal!.userId, { limit: req.query.limit })).map(
          orders.orderToJson,
        ),
      }),
    );

    app.get(
      '/orders/:id',
      {
        config: { access: ['buyer', 'seller_staff', 'platform_admin', 'trust_agent', 'auditor'] },
        schema: {
          tags: ['orders'],
          summary: 'One order with its shipment, escrow and history',
          params: OrderParams,
          response: detail,
        },
      },
      async (req) => orderDetailToJson(await getOrderDetail(ctx, req.principal!, req.params.id)),
    );

    app.post(
      '/orders/:id/tracking-events',
      {
        config: { access: ['seller_staff', 'platform_admin'] },
        schema: {
          tags: ['orders'],
          summary:
            "A carrier tracking event for the order's shipment ('delivered' marks the order delivered)",
          params: OrderParams,
          body: z
            .object({
              status: z.enum(['in_transit', 'customs_cleared', 'out_for_delivery', 'delivered', 'exception']),
              location: Text(120),
              description: Text(300),
            })
            .strict(),
          response: detail,
        },
      },
      async (req) =>
        orderDetailToJson(
          await recordTrackingEvent(ctx, req.principal!, { orderId: req.params.id, ...req.body }),
        ),
    );

    app.post(
      '/orders/:id/confirm-receipt',
      {
        config: { access: ['buyer'], idempotent: true },
        schema: {
          tags: ['orders'],
          summary: 'The buyer confirms receipt: escrow is released',
          params: OrderParams,
          response: detail,
        },
      },
      async (req) => orderDetailToJson(await confirmReceipt(ctx, req.principal!, req.params.id)),
    );

    app.post(
      '/orders/:id/refund',
      {
        config: { access: ['buyer', 'seller_staff', 'platform_admin', 'trust_agent'], idempotent: true },
        schema: {
          tags: ['orders'],
          summary: 'Refund an order before its escrow is released (a buyer may cancel before shipping)',
          params: OrderParams,
          body: z.object({ reason: Text(500) }).strict(),
          response: detail,
        },
      },
      async (req) =>
        orderDetailToJson(
          await refundOrder(ctx, req.principal!, { orderId: req.params.id, reason: req.body.reason }),
        ),
    );

    app.post(
      '/orders/:id/disputes',
      {
        config: { access: ['buyer'] },
        schema: {
          tags: ['orders'],
          summary: 'Open a dispute (pauses the confirmation window)',
          params: OrderParams,
          body: z.object({ reason: Text(1000) }).strict(),
          response: { 201: DisputeJson },
        },
      },
      async (req, reply) => {
        const d = await openDispute(ctx, req.principal!, { orderId: req.params.id, reason: req.body.reason });
        return reply.code(201).send({ id: d.id, orderId: d.orderId, status: d.status, reason: d.reason });
      },
    );

    app.get(
      '/sellers/:sellerId/orders',
      {
        config: { access: ['seller_staff', 'platform_admin'] },
        schema: {
          tags: ['orders'],
          summary: "A seller's orders (its own staff only)",
          params: z.object({ sellerId: zId('sel') }),
          querystring: z
            .object({
              status: z.enum(STATUSES).optional(),
              limit: z.coerce.number().int().min(1).max(200).default(100),
            })
            .strict(),
          response: { 200: OrderListJson },
        },
      },
      async (req) => {
        const list = await listSellerOrders(ctx, req.principal!, {
          sellerId: req.params.sellerId,
          ...req.query,
        });
        return { orders: list.map(orders.orderToJson) };
      },
    );

    app.post(
      '/sellers/:sellerId/orders/:id/shipment',
      {
        config: { access: ['seller_staff', 'platform_admin'] },
        schema: {
          tags: ['orders'],
          summary: 'Ship an order with a carrier and tracking number (starts the buyer confirmation window)',
          params: z.object({ sellerId: zId('sel'), id: zId('ord') }),
          description:
            'A parcel that needs Electronic Export Information (a Schedule B code over $2,500, or a CCL item to China or Hong Kong) needs the ITN of its AES filing (422 export.itn_required). A mainland-China CBEC order ships only when its order, payment and waybill records agree (422 customs.records_mismatch).',
          body: z
            .object({
              carrier: Text(60),
              trackingNumber: z.string().regex(/^[A-Za-z0-9-]{4,40}$/),
              itn: z
                .string()
                .regex(/^X[0-9]{14}$/, "An ITN: 'X' and 14 digits.")
                .optional()
                .describe('Internal Transaction Number from AES, when EEI was filed'),
            })
            .strict(),
          response: { 201: OrderDetailJson },
        },
      },
      async (req, reply) => {
        const shipped = await shipOrder(ctx, req.principal!, {
          sellerId: req.params.sellerId,
          orderId: req.params.id,
          ...req.body,
        });
        return reply.code(201).send(orderDetailToJson(shipped));
      },
    );

    app.post(
      '/disputes/:id/resolve',
      {
        config: { access: ['trust_agent', 'platform_admin'], idempotent: true },
        schema: {
          tags: ['orders'],
          summary: 'Decide a dispute: refund the buyer or release to the seller',
          params: z.object({ id: zId('dsp') }),
          body: z.object({ outcome: z.enum(['refund', 'release']), resolution: Text(1000) }).strict(),
          response: detail,
        },
      },
      async (req) =>
        orderDetailToJson(
          await resolveDispute(ctx, req.principal!, { disputeId: req.params.id, ...req.body }),
        ),
    );

    app.post(
      '/admin/payouts/run',
      {
        config: { access: ['platform_admin'], idempotent: true },
        schema: {
          tags: ['payments'],
          summary: "Pay every seller's USD balance",
          response: { 200: PayoutRunJson },
        },
      },
      async () => ({
        payouts: (await payments.runPayouts(ctx, ctx.provider)).map((p) => ({
          ...p,
          amount: toJson(p.amount),
        })),
      }),
    );

    app.post(
      '/admin/jobs/release-due',
      {
        config: { access: ['platform_admin'] },
        schema: {
          tags: ['orders'],
          summary: 'Release the escrow of orders whose confirmation window has ended',
          response: { 200: ReleaseDueJson },
        },
      },
      async () => releaseDueOrders(ctx),
    );
  };
}
