import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../kernel/access.ts';
import { forbidden } from '../../kernel/errors.ts';
import * as orders from '../../modules/orders/index.ts';
import * as payments from '../../modules/payments/index.ts';
import * as shipping from '../../modules/shipping/index.ts';
import { toJson } from '../../money/index.ts';
import type { FlowCtx } from '../context.ts';
import { openDispute, refundOrder, resolveDispute } from './refund-order.ts';
import { confirmReceipt, releaseDueOrders } from './release-escrow.ts';
import { recordTrackingEvent, shipOrder } from './ship-order.ts';

const idOf = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-f]{32}$`), `an id (${prefix}_…)`);
const Text = (max: number) => z.string().trim().min(1).max(max);

const ShipmentJson = z.object({
  id: z.string(),
  carrier: z.string(),
  trackingNumber: z.string(),
  method: z.string(),
  status: z.string(),
  itn: z.string().nullable(),
  shippedAt: z.string(),
  deliveredAt: z.string().nullable(),
  events: z.array(
    z.object({ at: z.string(), status: z.string(), location: z.string(), description: z.string() }),
  ),
});
export const OrderDetailJson = orders.OrderJson.extend({
  shipment: ShipmentJson.nullable(),
  escrow: z.object({ status: z.string(), amount: orders.MoneyJson }).nullable(),
  events: z.array(
    z.object({ at: z.string(), from: z.string().nullable(), to: z.string(), note: z.string().nullable() }),
  ),
});

const shipmentJson = (s: shipping.ShipmentView | null) =>
  s && {
    id: s.id,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    method: s.method,
    status: s.status,
    itn: s.itn,
    shippedAt: s.shippedAt,
    deliveredAt: s.deliveredAt,
    events: s.events,
  };

function canSee(p: Principal, o: orders.OrderView): boolean {
  return (
    o.buyerId === p.userId ||
    p.sellerIds.includes(o.sellerId as never) ||
    p.roles.some((r) => r === 'platform_admin' || r === 'trust_agent' || r === 'auditor')
  );
}

async function orderDetail(ctx: FlowCtx, orderId: string) {
  const [order, shipment, escrow, events] = await Promise.all([
    orders.getOrder(ctx.db, orderId),
    shipping.shipmentForOrder(ctx.db, orderId),
    payments.escrowForOrder(ctx.db, orderId),
    orders.orderEvents(ctx.db, orderId),
  ]);
  return {
    ...orders.orderToJson(order),
    shipment: shipmentJson(shipment),
    escrow: escrow && { status: escrow.status, amount: toJson(escrow.amount) },
    events: events.map((e) => ({ at: e.at.toISOString(), from: e.from, to: e.to, note: e.note })),
  };
}

export function orderFlowRoutes(ctx: FlowCtx): FastifyPluginAsyncZod {
  return async (app) => {
    const OrderParams = z.object({ id: idOf('ord') });
    const detail = { 200: OrderDetailJson };

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
      async (req) => {
        const order = await orders.getOrder(ctx.db, req.params.id);
        if (!canSee(req.principal!, order))
          throw forbidden('orders.not_your_order', 'This is not your order.');
        return orderDetail(ctx, order.id);
      },
    );

    app.post(
      '/sellers/:sellerId/orders/:id/shipment',
      {
        config: { access: ['seller_staff', 'platform_admin'] },
        schema: {
          tags: ['orders'],
          summary: 'Ship an order with a carrier and tracking number (starts the buyer confirmation window)',
          params: z.object({ sellerId: idOf('sel'), id: idOf('ord') }),
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
        await shipOrder(ctx, req.principal!, {
          sellerId: req.params.sellerId,
          orderId: req.params.id,
          ...req.body,
        });
        return reply.code(201).send(await orderDetail(ctx, req.params.id));
      },
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
      async (req) => {
        await recordTrackingEvent(ctx, req.principal!, { orderId: req.params.id, ...req.body });
        return orderDetail(ctx, req.params.id);
      },
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
      async (req) => {
        await confirmReceipt(ctx, req.principal!, req.params.id);
        return orderDetail(ctx, req.params.id);
      },
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
      async (req) => {
        await refundOrder(ctx, req.principal!, { orderId: req.params.id, reason: req.body.reason });
        return orderDetail(ctx, req.params.id);
      },
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
          response: {
            201: z.object({ id: z.string(), orderId: z.string(), status: z.string(), reason: z.string() }),
          },
        },
      },
      async (req, reply) => {
        const d = await openDispute(ctx, req.principal!, { orderId: req.params.id, reason: req.body.reason });
        return reply.code(201).send({ id: d.id, orderId: d.orderId, status: d.status, reason: d.reason });
      },
    );

    app.post(
      '/disputes/:id/resolve',
      {
        config: { access: ['trust_agent', 'platform_admin'], idempotent: true },
        schema: {
          tags: ['orders'],
          summary: 'Decide a dispute: refund the buyer or release to the seller',
          params: z.object({ id: idOf('dsp') }),
          body: z.object({ outcome: z.enum(['refund', 'release']), resolution: Text(1000) }).strict(),
          response: detail,
        },
      },
      async (req) => {
        const order = await resolveDispute(ctx, req.principal!, { disputeId: req.params.id, ...req.body });
        return orderDetail(ctx, order.id);
      },
    );

    app.post(
      '/admin/payouts/run',
      {
        config: { access: ['platform_admin'], idempotent: true },
        schema: {
          tags: ['payments'],
          summary: "Pay every seller's USD balance",
          response: {
            200: z.object({
              payouts: z.array(
                z.object({ payoutId: z.string(), sellerId: z.string(), amount: orders.MoneyJson }),
              ),
            }),
          },
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
          response: {
            200: z.object({
              released: z.array(z.string()),
              failed: z.array(z.object({ orderId: z.string(), error: z.string() })),
            }),
          },
        },
      },
      async () => releaseDueOrders(ctx),
    );
  };
}
