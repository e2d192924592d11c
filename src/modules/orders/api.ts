import { z } from 'zod';
import { toJson } from '../../money/index.ts';
import type { OrderView } from './order-view.ts';
import type { Quote } from './quote-types.ts';

/** API shapes: money is { amount: integer minor units, currency }. */
export const MoneyJson = z.object({ amount: z.number().int(), currency: z.string() });
export const RuleJson = z.object({
  ruleId: z.string(),
  description: z.string(),
  source: z.string(),
  effectiveFrom: z.string().optional(),
});

export const OrderLineJson = z.object({
  lineNo: z.number().int(),
  variantId: z.string(),
  productId: z.string(),
  sku: z.string(),
  title: z.string(),
  hsCode: z.string(),
  quantity: z.number().int(),
  unitPriceUsd: MoneyJson,
  unitPrice: MoneyJson,
  goods: MoneyJson,
  freight: MoneyJson,
  duty: MoneyJson,
  importVat: MoneyJson,
  consumptionTax: MoneyJson,
  rules: z.array(RuleJson),
});

/** What one seller's order costs, in the buyer's currency and in USD, and the rules behind it (orders and quotes alike). */
const OrderAmountsJson = z.object({
  regime: z.string(),
  goods: MoneyJson,
  shipping: MoneyJson,
  tax: MoneyJson,
  total: MoneyJson,
  goodsUsd: MoneyJson,
  shippingUsd: MoneyJson,
  rules: z.array(RuleJson),
});

export const DeliveryAddressJson = z.object({
  recipientName: z.string(),
  phone: z.string(),
  lines: z.array(z.string()),
  city: z.string(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string(),
});

export const OrderJson = z.object({
  id: z.string(),
  checkoutId: z.string(),
  buyerId: z.string(),
  sellerId: z.string(),
  market: z.string(),
  currency: z.string(),
  status: z.string(),
  shippingMethod: z.string(),
  fxRate: z.string(),
  ...OrderAmountsJson.shape,
  placedAt: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  confirmationDueAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  deliveryAddress: DeliveryAddressJson.nullable(),
  lines: z.array(OrderLineJson),
});
export type OrderJson = z.infer<typeof OrderJson>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function orderToJson(o: OrderView): OrderJson {
  return {
    ...o,
    goods: toJson(o.goods),
    shipping: toJson(o.shipping),
    tax: toJson(o.tax),
    total: toJson(o.total),
    goodsUsd: toJson(o.goodsUsd),
    shippingUsd: toJson(o.shippingUsd),
    placedAt: o.placedAt.toISOString(),
    paidAt: iso(o.paidAt),
    shippedAt: iso(o.shippedAt),
    deliveredAt: iso(o.deliveredAt),
    confirmationDueAt: iso(o.confirmationDueAt),
    completedAt: iso(o.completedAt),
    cancelledAt: iso(o.cancelledAt),
    refundedAt: iso(o.refundedAt),
    lines: o.lines.map((l) => ({
      ...l,
      unitPriceUsd: toJson(l.unitPriceUsd),
      unitPrice: toJson(l.unitPrice),
      goods: toJson(l.goods),
      freight: toJson(l.freight),
      duty: toJson(l.duty),
      importVat: toJson(l.importVat),
      consumptionTax: toJson(l.consumptionTax),
    })),
  };
}

const amountJson = (amount: bigint, currency: string) => toJson({ amount, currency: currency as 'USD' });

export const QuoteJson = z.object({
  id: z.string(),
  market: z.string(),
  currency: z.string(),
  fxRate: z.object({ id: z.string(), rate: z.string(), source: z.string(), base: z.literal('USD') }),
  shippingMethod: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.string(),
  orders: z.array(
    z.object({
      sellerId: z.string(),
      ...OrderAmountsJson.shape,
      // The customs value the destination taxes; in China it counts against the buyer's annual allowance.
      dutiableValue: MoneyJson,
      // A quote line is an order line before it has a number: plus its kind and its tax total.
      lines: z.array(OrderLineJson.omit({ lineNo: true }).extend({ kind: z.string(), tax: MoneyJson })),
    }),
  ),
  totals: z.object({ goods: MoneyJson, shipping: MoneyJson, tax: MoneyJson, total: MoneyJson }),
});
export type QuoteJson = z.infer<typeof QuoteJson>;

export function quoteToJson(q: Quote): QuoteJson {
  const c = q.currency;
  return {
    id: q.id,
    market: q.market,
    currency: c,
    fxRate: { id: q.fxRateId, rate: q.fxRate, source: q.fxSource, base: 'USD' },
    shippingMethod: q.shippingMethod,
    createdAt: q.createdAt.toISOString(),
    expiresAt: q.expiresAt.toISOString(),
    status: q.status,
    orders: q.orders.map((o) => ({
      sellerId: o.sellerId,
      regime: o.regime,
      dutiableValue: amountJson(o.dutiableValue, c),
      goods: amountJson(o.goods, c),
      shipping: amountJson(o.shipping, c),
      tax: amountJson(o.tax, c),
      total: amountJson(o.total, c),
      goodsUsd: amountJson(o.goodsUsd, 'USD'),
      shippingUsd: amountJson(o.shippingUsd, 'USD'),
      rules: o.rules,
      lines: o.lines.map((l) => ({
        variantId: l.variantId,
        productId: l.productId,
        sku: l.sku,
        title: l.title,
        hsCode: l.hsCode,
        kind: l.kind,
        quantity: l.quantity,
        unitPriceUsd: amountJson(l.unitPriceUsd, 'USD'),
        unitPrice: amountJson(l.unitPrice, c),
        goods: amountJson(l.goods, c),
        freight: amountJson(l.freight, c),
        duty: amountJson(l.duty, c),
        importVat: amountJson(l.importVat, c),
        consumptionTax: amountJson(l.consumptionTax, c),
        tax: amountJson(l.duty + l.importVat + l.consumptionTax, c),
        rules: l.rules,
      })),
    })),
    totals: {
      goods: amountJson(q.totals.goods, c),
      shipping: amountJson(q.totals.shipping, c),
      tax: amountJson(q.totals.tax, c),
      total: amountJson(q.totals.total, c),
    },
  };
}
