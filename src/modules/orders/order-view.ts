import type { CurrencyCode, Money } from '../../money/index.ts';
import type { DeliveryAddress } from './delivery-address.ts';
import type { OrderStatus } from './order-states.ts';
import type { RuleRef } from './quote-types.ts';

export interface OrderLineView {
  lineNo: number;
  variantId: string;
  productId: string;
  sku: string;
  title: string;
  hsCode: string;
  quantity: number;
  unitPriceUsd: Money;
  unitPrice: Money;
  goods: Money;
  freight: Money;
  duty: Money;
  importVat: Money;
  consumptionTax: Money;
  rules: RuleRef[];
}

export interface OrderView {
  id: string;
  checkoutId: string;
  buyerId: string;
  sellerId: string;
  market: string;
  currency: CurrencyCode;
  status: OrderStatus;
  shippingMethod: 'express' | 'surface';
  fxRate: string;
  regime: string;
  goods: Money;
  shipping: Money;
  tax: Money;
  total: Money;
  goodsUsd: Money;
  shippingUsd: Money;
  rules: RuleRef[];
  placedAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  confirmationDueAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  refundedAt: Date | null;
  closeReason: string | null;
  /** Null when nothing ships (services only). */
  deliveryAddress: DeliveryAddress | null;
  lines: OrderLineView[];
}

const d = (v: unknown) => (v ? new Date(v as string) : null);

export function rowToOrder(r: Record<string, unknown>, lines: Record<string, unknown>[]): OrderView {
  const currency = r.currency as CurrencyCode;
  const m = (v: unknown, c: CurrencyCode = currency): Money => ({ amount: BigInt(v as string), currency: c });
  return {
    id: r.id as string,
    checkoutId: r.checkout_id as string,
    buyerId: r.buyer_id as string,
    sellerId: r.seller_id as string,
    market: r.market as string,
    currency,
    status: r.status as OrderStatus,
    shippingMethod: r.shipping_method as OrderView['shippingMethod'],
    fxRate: r.fx_rate as string,
    regime: r.regime as string,
    goods: m(r.goods_amount),
    shipping: m(r.shipping_amount),
    tax: m(r.tax_amount),
    total: m(r.total_amount),
    goodsUsd: m(r.goods_usd, 'USD'),
    shippingUsd: m(r.shipping_usd, 'USD'),
    rules: r.rules as RuleRef[],
    placedAt: new Date(r.placed_at as string),
    paidAt: d(r.paid_at),
    shippedAt: d(r.shipped_at),
    deliveredAt: d(r.delivered_at),
    confirmationDueAt: d(r.confirmation_due_at),
    completedAt: d(r.completed_at),
    cancelledAt: d(r.cancelled_at),
    refundedAt: d(r.refunded_at),
    closeReason: (r.close_reason as string | null) ?? null,
    deliveryAddress: (r.delivery_address as DeliveryAddress | null) ?? null,
    lines: lines.map((l) => ({
      lineNo: l.line_no as number,
      variantId: l.variant_id as string,
      productId: l.product_id as string,
      sku: l.sku as string,
      title: l.title as string,
      hsCode: l.hs_code as string,
      quantity: l.quantity as number,
      unitPriceUsd: m(l.unit_price_usd, 'USD'),
      unitPrice: m(l.unit_price),
      goods: m(l.goods_amount),
      freight: m(l.freight_amount),
      duty: m(l.duty),
      importVat: m(l.import_vat),
      consumptionTax: m(l.consumption_tax),
      rules: l.rules as RuleRef[],
    })),
  };
}
