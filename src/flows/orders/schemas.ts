import { z } from 'zod';
import * as orders from '../../modules/orders/index.ts';
import type * as shipping from '../../modules/shipping/index.ts';
import { toJson } from '../../money/index.ts';
import type { OrderDetail } from './get-order-detail.ts';

export const OrderListJson = z.object({ orders: z.array(orders.OrderJson) });

export const ShipmentJson = z.object({
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

export const DisputeJson = z.object({
  id: z.string(),
  orderId: z.string(),
  status: z.string(),
  reason: z.string(),
});

export const PayoutRunJson = z.object({
  payouts: z.array(z.object({ payoutId: z.string(), sellerId: z.string(), amount: orders.MoneyJson })),
});

export const ReleaseDueJson = z.object({
  released: z.array(z.string()),
  failed: z.array(z.object({ orderId: z.string(), error: z.string() })),
});

const shipmentToJson = (s: shipping.ShipmentView | null): z.infer<typeof ShipmentJson> | null =>
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

export function orderDetailToJson(d: OrderDetail): z.infer<typeof OrderDetailJson> {
  return {
    ...orders.orderToJson(d.order),
    shipment: shipmentToJson(d.shipment),
    escrow: d.escrow && { status: d.escrow.status, amount: toJson(d.escrow.amount) },
    events: d.events.map((e) => ({ at: e.at.toISOString(), from: e.from, to: e.to, note: e.note })),
  };
}
