import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import type { DeliveryAddress } from './delivery-address.ts';
import type { Quote } from './quote-types.ts';

/**
 * Splits a claimed quote into one order per seller (status awaiting_payment) with its lines,
 * in the caller's transaction, in one statement however many sellers and lines the cart has.
 * Every order of the checkout goes to the same delivery address (validated by the caller with
 * `checkDeliveryAddress`; null when nothing ships).
 */
export async function createOrdersFromQuote(
  tx: Db,
  quote: Quote,
  checkoutId: string,
  at: Date,
  deliveryAddress: DeliveryAddress | null,
): Promise<{ orderId: string; sellerId: string; total: bigint }[]> {
  const address = deliveryAddress && JSON.stringify(deliveryAddress);
  const created = quote.orders.map((o) => ({
    orderId: newId('ord') as string,
    sellerId: o.sellerId,
    total: o.total,
    o,
  }));
  const orderValues = created.map(
    ({ orderId, o }) =>
      sql`(${orderId}, ${checkoutId}, ${quote.buyerId}, ${o.sellerId}, ${quote.market}, ${quote.currency}, 'awaiting_payment',
        ${quote.shippingMethod}, ${quote.fxRate}, ${o.regime}, ${o.goods.toString()}, ${o.shipping.toString()}, ${o.tax.toString()},
        ${o.total.toString()}, ${o.goodsUsd.toString()}, ${o.shippingUsd.toString()}, ${JSON.stringify(o.rules)}::jsonb, ${at.toISOString()}, ${address}::jsonb)`,
  );
  const lineValues = created.flatMap(({ orderId, o }) =>
    o.lines.map(
      (l, i) =>
        sql`(${orderId}, ${i + 1}, ${l.variantId}, ${l.productId}, ${l.sku}, ${l.title}, ${l.hsCode}, ${l.quantity},
          ${l.unitPriceUsd.toString()}, ${l.unitPrice.toString()}, ${l.goods.toString()}, ${l.freight.toString()},
          ${l.duty.toString()}, ${l.importVat.toString()}, ${l.consumptionTax.toString()}, ${JSON.stringify(l.rules)}::jsonb)`,
    ),
  );
  const eventValues = created.map(
    ({ orderId }) =>
      sql`(${orderId}, ${at.toISOString()}, NULL, 'awaiting_payment', ${quote.buyerId}, 'placed')`,
  );
  // Orders, lines and their first events in one statement (data-modifying CTEs): one round trip.
  await tx.execute(sql`WITH new_orders AS (
      INSERT INTO orders (id, checkout_id, buyer_id, seller_id, market, currency, status, shipping_method,
        fx_rate, regime, goods_amount, shipping_amount, tax_amount, total_amount, goods_usd, shipping_usd, rules, placed_at,
        delivery_address)
      VALUES ${sql.join(orderValues, sql`, `)}
      RETURNING id
    ), new_lines AS (
      INSERT INTO order_lines (order_id, line_no, variant_id, product_id, sku, title, hs_code, quantity,
        unit_price_usd, unit_price, goods_amount, freight_amount, duty, import_vat, consumption_tax, rules)
      VALUES ${sql.join(lineValues, sql`, `)}
      RETURNING 1
    )
    INSERT INTO order_events (order_id, at, from_status, to_status, actor, note)
    VALUES ${sql.join(eventValues, sql`, `)}`);
  return created.map(({ orderId, sellerId, total }) => ({ orderId, sellerId, total }));
}
